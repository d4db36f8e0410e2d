import Testing
@testable import Winnow

@Suite struct ScannerTests {
    private let teaser = """
        rules:
          - id: teaser
            action: strip-line
            when: {max_chars: 40, ends_with: ["…", "..."], position: tail, min_run: 2}
          - id: cookie
            action: strip-line
            match: {keywords: [we use cookies]}
        """

    @Test func overlappingMatchesOfOneRuleGiveOneFinding() throws {
        let yaml = """
            rules:
              - id: more
                match: {regex: ['read more', 'read\\s+more »', 'more'], keywords: [read more]}
            """
        let findings = try Support.scan("Read more » now, more\nRead more\n", yaml).findings
        #expect(Support.spans(findings) == ["1:1-1:12 more", "1:18-1:22 more", "2:1-2:10 more"])
    }

    @Test func tailRunOfTeasersBeforeOtherBoilerplate() throws {
        let text = "Body text of the article, long enough to stay.\nOne teaser…\n\nTwo teaser...\nWe use cookies.\n"
        #expect(Support.spans(try Support.scan(text, teaser).findings) ==
            ["2:1-2:12 teaser", "4:1-4:14 teaser", "5:1-5:15 cookie"])
    }

    @Test func teaserInTheMiddleIsNotInTheTail() throws {
        let text = "Body.\nI thought…\nMaybe…\nThen he drove home.\n"
        #expect(try Support.scan(text, teaser).findings.isEmpty)
    }

    @Test func minRunNeedsEnoughConsecutiveHits() throws {
        #expect(try Support.scan("Body.\nOnly one teaser…\n", teaser).findings.isEmpty)
    }

    @Test func headPosition() throws {
        let yaml = "rules:\n  - id: nav\n    when: {max_chars: 10, position: head}\n"
        #expect(Support.spans(try Support.scan("Home\n\nNews\nA long sentence of body text.\nShort\n", yaml).findings) ==
            ["1:1-1:5 nav", "3:1-3:5 nav"])
    }

    @Test func unlessKeepsTheUnit() throws {
        let yaml = "rules:\n  - id: c\n    match: {keywords: [cookies]}\n    unless: {regex: ['\\brecipe\\b']}\n"
        #expect(Support.spans(try Support.scan("A recipe for cookies.\nWe use cookies.\n", yaml).findings) == ["2:8-2:15 c"])
    }

    @Test func everyMatchOnALineIsAFinding() throws {
        let yaml = "rules:\n  - id: w\n    match: {regex: ['\\bvery\\b']}\n"
        #expect(Support.spans(try Support.scan("very, very good\n", yaml).findings) == ["1:1-1:5 w", "1:7-1:11 w"])
    }

    @Test func findingCarriesBytesColumnsAndMessage() throws {
        let yaml = """
            rules:
              - id: read-more
                severity: error
                match: {regex: ['Đọc thêm']}
                message: "{rule} on line {line}: {match}"
            """
        let finding = try #require(try Support.scan("x\nTin nóng 🔥 Đọc thêm: Giá", yaml).findings.first)
        #expect(finding == Finding(
            path: "doc", line: 2, column: 12, endLine: 2, endColumn: 20, byteOffset: 17, byteLength: 12,
            ruleID: "read-more", category: .boilerplate, severity: .error, action: .flag,
            message: "read-more on line 2: Đọc thêm", matchedText: "Đọc thêm", block: 1...2))
    }

    @Test func blankLinesAreNeverUnits() throws {
        let yaml = "rules:\n  - id: short\n    when: {max_chars: 3}\n"
        #expect(Support.spans(try Support.scan("\n  \nab\n", yaml).findings) == ["3:1-3:3 short"])
    }

    // BR-23 (PCRE2 #23): a rule that hits the match limit is reported once, its lines
    // are kept, and the other rules still run.
    @Test func resourceLimitIsReportedOnceAndOtherRulesRun() throws {
        let yaml = """
            rules:
              - id: slow
                action: strip-line
                match: {regex: ['(?i)subscribe(.|\\s)*?newsletter', '(a+)+$']}
              - id: thanks
                match: {keywords: [thanks]}
            """
        let text = String(decoding: try Support.bytes(Support.fixture("cases/BR-23.txt")), as: UTF8.self)
            + String(repeating: "a", count: 40) + "!\n"
        let result = try Support.scan(text, yaml)
        #expect(Support.spans(result.findings) == ["3:1-3:7 thanks"])
        #expect(result.limitHits == [LimitHit(path: "doc", ruleID: "slow", line: 4, error: MatchError(code: -47))])
    }

    // BR-09 (PCRE2 #185), with the rules of its expected result.
    @Test func wordBoundaryCase() throws {
        let yaml = """
            rules:
              - id: read-more-label
                match: {regex: ['^\\bĐọc thêm\\b:']}
              - id: banned-word
                match: {regex: ['\\büber\\b']}
              - id: banned-keyword
                match: {keywords: [广告]}
            """
        let text = String(decoding: try Support.bytes(Support.fixture("cases/BR-09.txt")), as: UTF8.self)
        #expect(Support.spans(try Support.scan(text, yaml).findings) ==
            ["1:1-1:10 read-more-label", "2:18-2:22 banned-word", "4:4-4:6 banned-keyword"])
    }

    // BR-25 (gitleaks #1962): columns in code points on Vietnamese + emoji, Chinese and Arabic lines.
    @Test func columnsCase() throws {
        let yaml = "rules:\n  - id: label\n    match: {keywords: [Đọc thêm, Read more]}\n"
        let text = String(decoding: try Support.bytes(Support.fixture("cases/BR-25.md")), as: UTF8.self)
        let findings = try Support.scan(text, yaml).findings
        #expect(Support.spans(findings) == ["1:12-1:20 label", "2:14-2:23 label", "3:13-3:22 label"])
        // Byte columns 16, 38 and 23 of the expected result, from lines starting at bytes 0, 54 and 101.
        #expect(Document(name: "d", bytes: Array(text.utf8)).lines.map(\.start) == [0, 54, 101])
        #expect(findings.map(\.byteOffset) == [0 + 15, 54 + 37, 101 + 22])
    }

    // BR-18 (ripgrep #1163): `^` matches on line 1 after a BOM.
    @Test func byteOrderMarkCase() throws {
        let yaml = "rules:\n  - id: label\n    match: {regex: ['^Đọc thêm:']}\n"
        let text = String(decoding: try Support.bytes(Support.fixture("cases/BR-18.txt")), as: UTF8.self)
        #expect(Support.spans(try Support.scan(text, yaml).findings) == ["1:1-1:10 label", "3:1-3:10 label"])
    }

    // BR-19 (ripgrep #1568): `$` matches before CRLF; the CR is not part of a span.
    @Test func crlfCase() throws {
        let yaml = """
            rules:
              - id: read-more
                match: {regex: ['^Read more$']}
              - id: see-more
                match: {regex: ['^Xem thêm…$']}
              - id: share
                match: {regex: ['^Chia sẻ$']}
            """
        let text = String(decoding: try Support.bytes(Support.fixture("cases/BR-19.txt")), as: UTF8.self)
        #expect(Support.spans(try Support.scan(text, yaml).findings) ==
            ["3:1-3:10 read-more", "5:1-5:10 see-more", "6:1-6:8 share"])
    }
}
