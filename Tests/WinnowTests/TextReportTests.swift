import Testing
@testable import Winnow

@Suite struct TextReportTests {
    private let yaml = """
        rules:
          - id: label
            severity: error
            match: {regex: ['Đọc thêm', 'Read more', 'promo']}
        """

    private func text(_ bytes: [UInt8]) throws -> String {
        String(decoding: TextReport.Formatter(colour: false).render(try Support.report(bytes, yaml)), as: UTF8.self)
    }

    private func text(_ string: String) throws -> String {
        try text(Array(string.utf8))
    }

    /// The caret line: the gutter, `lead` cells of space, then the marks for `width` cells.
    private func caret(_ lead: Int, _ width: Int) -> String {
        "   | " + String(repeating: " ", count: lead) + "^" + String(repeating: "~", count: width - 1) + "\n"
    }

    // BR-25 (gitleaks #1962): the caret sits under the match on emoji, CJK and RTL
    // lines: 🔥 and each CJK character take two cells, Arabic letters one.
    @Test func caretLinesUpOnWideCharacters() throws {
        #expect(try text(Support.bytes(Support.fixture("cases/BR-25.md"))) ==
            "doc.txt:1:12: error: label [label]\n 1 | Tin nóng 🔥 Đọc thêm: Giá vàng lập đỉnh\n" + caret(9 + 2 + 1, 8)
            + "doc.txt:2:14: error: label [label]\n 2 | 广告：限时优惠，阅读更多 Read more\n" + caret(12 * 2 + 1, 9)
            + "doc.txt:3:13: error: label [label]\n 3 | مقال مميز — Read more\n" + caret(12, 9))
    }

    @Test func combiningMarksTabsControlsAndInvalidBytes() throws {
        // U+0323 COMBINING DOT BELOW after "e": a scalar of its own, but no cell.
        #expect(try text("Xe\u{0323}m: Đọc thêm\n") == "doc.txt:1:7: error: label [label]\n 1 | Xe\u{0323}m: Đọc thêm\n" + caret(5, 8))
        #expect(try text("\tRead more\n") == "doc.txt:1:2: error: label [label]\n 1 | \tRead more\n   | \t^~~~~~~~~\n")
        #expect(try text("a\u{1B}[2Jb promo\n") == "doc.txt:1:8: error: label [label]\n 1 | a␛[2Jb promo\n" + caret(7, 5))
        #expect(try text(Array("Caf".utf8) + [0xE9] + Array(" promo".utf8)) ==
            "doc.txt:1:6: error: label [label]\n 1 | Caf\u{FFFD} promo\n" + caret(5, 5))
        // As many U+FFFD as the column counts: one for a truncated sequence, three for a surrogate.
        #expect(try text(Array("x".utf8) + [0xE1, 0x80] + Array(" promo".utf8)) ==
            "doc.txt:1:4: error: label [label]\n 1 | x\u{FFFD} promo\n" + caret(3, 5))
        #expect(try text(Array("x".utf8) + [0xED, 0xA0, 0x80] + Array(" promo".utf8)) ==
            "doc.txt:1:6: error: label [label]\n 1 | x\u{FFFD}\u{FFFD}\u{FFFD} promo\n" + caret(5, 5))
    }

    @Test func longLineIsCutAroundTheMatch() throws {
        let line = String(repeating: "word ", count: 60) + "promo" + String(repeating: " tail", count: 40)
        let shown = String(repeating: "word ", count: 4) + "promo" + String(repeating: " tail", count: 19)
        #expect(try text(line) == "doc.txt:1:301: error: label [label]\n 1 | …\(shown)…\n" + caret(1 + 20, 5))
        let start = "promo" + String(repeating: " word", count: 40)
        #expect(try text(start) == "doc.txt:1:1: error: label [label]\n 1 | " + start.prefix(120) + "…\n" + caret(0, 5))
    }

    @Test func summaryCountsFindingsFilesSkippedAndBaselined() throws {
        let mixed = """
            rules:
              - {id: e, severity: error, match: {keywords: [bad]}}
              - {id: w, severity: warning, match: {keywords: [meh]}}
              - {id: i, severity: info, match: {keywords: [note]}}
            """
        let one = try Support.report(Array("bad bad meh\n".utf8), mixed)
        #expect(TextReport.summary(of: one.totals) == "2 errors, 1 warning in 1 of 1 file")
        let files = [one.files[0], FileReport(path: "b.txt", findings: []),
                     try Support.report(Array("note\n".utf8), mixed, path: "c.txt").files[0]]
        let notices = [Notice.skippedBinary(path: "d.bin", nulOffset: 0), Notice.fileError(InputError(path: "e.txt", message: "gone")),
                       Notice.malformedRecord(path: "f.jsonl", line: 2, reason: "no text"), Notice.invalidUTF8(path: "g.txt", line: 1, offset: 0)]
        #expect(TextReport.summary(of: CheckReport(rules: one.rules, files: files, notices: notices, baselinedCount: 1).totals) ==
            "2 errors, 1 warning, 1 info in 2 of 3 files; 1 file skipped (binary); 2 error notices; 1 baselined finding not shown")
        #expect(TextReport.summary(of: CheckReport(rules: [], files: [], notices: []).totals) == "no findings in 0 files")
        #expect(TextReport.summary(of: one.totals, records: 1_000) == "2 errors, 1 warning in 1 of 1000 documents")
        #expect(TextReport.summary(of: ReportTotals(), records: 1) == "no findings in 1 document")
    }

    @Test func noticeLines() {
        #expect(TextReport.line(for: Notice.skippedBinary(path: "a.bin", nulOffset: 7)) == "a.bin: info: skipped binary file (NUL byte at offset 7)")
        #expect(TextReport.line(for: Notice.resourceLimit(LimitHit(path: "a.txt", ruleID: "slow", line: 4, error: MatchError(code: -47)))) ==
            "a.txt:4: error: rule 'slow' stopped on a regex resource limit (PCRE2 error -47: match limit exceeded); "
            + "the line is kept and the rule goes on with the next line")
        // A document named by an id that holds control characters stays on one line, and so does a
        // message that quotes a match holding them.
        let finding = Finding(path: "a\u{1B}b", line: 1, column: 1, endLine: 1, endColumn: 2, byteOffset: 0, byteLength: 1,
                              ruleID: "r", category: .boilerplate, severity: .warning, action: .flag,
                              message: "quoted \u{1B}[2J\u{07}", matchedText: "x", block: 1...1)
        #expect(TextReport.line(for: finding) == "a\u{241B}b:1:1: warning: quoted \u{241B}[2J\u{2407} [r]")
        #expect(TextReport.line(for: Notice.malformedRecord(path: "a\nb\tc", line: 2, reason: "no text")) ==
            "a\u{240A}b\u{2409}c:2: error: not a JSONL record: no text")
    }
}
