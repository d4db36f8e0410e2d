import Testing
@testable import Winnow

/// The escaping rules of the formats that embed finding text in a syntax of their own.
@Suite struct EscapingTests {
    // GitHub Docs, workflow commands; the same escapes as the Actions toolkit.
    @Test func githubAnnotationEscapes() throws {
        #expect(GitHubAnnotations.escapedData("50% off\r\nnow: a, b") == "50%25 off%0D%0Anow: a, b")
        #expect(GitHubAnnotations.escapedProperty("dir,x/a:b%.md") == "dir%2Cx/a%3Ab%25.md")
        let report = try Support.report(Array("Save 100%: a,b\n".utf8), "rules:\n  - {id: sale, match: {regex: ['\\d+%']}, message: \"{match}\\n, off\"}\n",
                                        path: "a,b:c.md")
        #expect(String(decoding: GitHubAnnotations.Formatter(root: "/repo").render(report), as: UTF8.self) ==
            "::warning file=a%2Cb%3Ac.md,line=1,col=6,endLine=1,endColumn=10,title=sale::100%25 , off\n")
    }

    @Test func xmlEscapes() {
        #expect(JUnitReport.escaped("a & b < c > d \"e\" 'f'") == "a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;")
        #expect(JUnitReport.escaped("line\nbreak\r\ttab") == "line&#10;break&#13;&#9;tab")
        #expect(JUnitReport.escaped("bell\u{7} esc\u{1B} \u{FFFE} ok é") == "bell\u{FFFD} esc\u{FFFD} \u{FFFD} ok é")
    }
}
