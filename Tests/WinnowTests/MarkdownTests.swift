import Foundation
import Testing
@testable import Winnow

@Suite struct MarkdownTests {
    private let readMore = "rules:\n  - id: read-more\n    action: strip-line\n    match: {keywords: [Read more, Đọc thêm]}\n"

    private func scan(_ text: String, _ yaml: String, name: String = "doc.md") throws -> [Finding] {
        Scanner(ruleSet: try RuleSet(rules: try Support.rules(yaml))).scan(Document(name: name, bytes: Array(text.utf8))).findings
    }

    // BR-29 (Vale #175): front matter, a fenced block holding `---`, inline code and an HTML comment are not prose.
    @Test func onlyTheProseLineIsFound() throws {
        let text = String(decoding: try Support.bytes(Support.fixture("cases/BR-29.md")), as: UTF8.self)
        #expect(Support.spans(try scan(text, readMore)) == ["22:1-22:10 read-more"])
        let crlf = text.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(Support.spans(try scan(crlf, readMore)) == ["22:1-22:10 read-more"])
    }

    @Test func scanCodeSeesEverything() throws {
        let text = String(decoding: try Support.bytes(Support.fixture("cases/BR-29.md")), as: UTF8.self)
        #expect(Support.spans(try scan(text, readMore + "    scan_code: true\n")).map { $0.split(separator: ":")[0] } ==
            ["2", "3", "16", "18", "20", "22"])
    }

    @Test func plainTextIsNotMasked() throws {
        #expect(Support.spans(try scan("`Read more`\n", readMore, name: "doc.txt")) == ["1:2-1:11 read-more"])
    }

    @Test func maskKeepsLengthAndTerminators() {
        let text = "---\r\ntitle: x\r\n---\r\nSee `code` and <!-- a\r\nb --> here.\r\n\r\n    indented code\r\n\r\n- item\r\n\r\n    list text\r\n"
        let masked = MarkdownMask.prose(of: Document(name: "a.md", bytes: Array(text.utf8)))
        #expect(String(decoding: masked.bytes, as: UTF8.self) ==
            "   \r\n        \r\n   \r\nSee        and       \r\n      here.\r\n\r\n                 \r\n\r\n- item\r\n\r\n    list text\r\n")
    }

    // CommonMark: an indented line that opens the document is code. Found by
    // PropertyTests: stripping the lines above such a line made it prose.
    @Test func indentedCodeMayOpenTheDocument() {
        let masked = MarkdownMask.prose(of: Document(name: "a.md", bytes: Array("    code\nText\n".utf8)))
        #expect(String(decoding: masked.bytes, as: UTF8.self) == "        \nText\n")
    }

    @Test func unclosedFenceRunsToTheEnd() {
        let masked = MarkdownMask.prose(of: Document(name: "a.md", bytes: Array("Text\n~~~~\ncode\n~~~\nmore\n".utf8)))
        #expect(String(decoding: masked.bytes, as: UTF8.self) == "Text\n    \n    \n   \n    \n")
    }
}
