import Testing
@testable import Winnow

@Suite struct CleanerTests {
    private let stripLine = "rules:\n  - id: junk\n    action: strip-line\n    match: {regex: ['^JUNK']}\n"

    @Test func keptLinesKeepTheirBytesAndTerminators() throws {
        #expect(try Support.clean("a\r\nJUNK\r\nb\rc\nJUNK", stripLine) == "a\r\nb\rc\n")
        #expect(try Support.clean("a\nJUNK\nb", stripLine) == "a\nb")
        #expect(try Support.clean("", stripLine) == "")
        #expect(try Support.clean("\n", stripLine) == "\n")
    }

    @Test func removedRunTakesOneSeparatorWithIt() throws {
        #expect(try Support.clean("a\n\nJUNK\n\nb\n", stripLine) == "a\n\nb\n")
        #expect(try Support.clean("a\n\nJUNK\n\nJUNK\n\nb\n", stripLine) == "a\n\nb\n")
        #expect(try Support.clean("JUNK\n\nb\n", stripLine) == "b\n")
        #expect(try Support.clean("a\n\nJUNK\n", stripLine) == "a\n")
        #expect(try Support.clean("a\nJUNK\nb\n", stripLine) == "a\nb\n")
        #expect(try Support.clean("a\n\n\nJUNK\n\nb\n", stripLine) == "a\n\n\nb\n")
        #expect(try Support.clean("a\n\n\nJUNK\n\n\nb\n", stripLine) == "a\n\n\nb\n")
        #expect(try Support.clean("a\n\n\nJUNK\n", stripLine) == "a\n")
        #expect(try Support.clean("\nJUNK\n\nb\n", stripLine) == "\nb\n")
        #expect(try Support.clean("a\n\nJUNK\n\n", stripLine) == "a\n\n")
        #expect(try Support.clean("\nJUNK\n\n", stripLine) == "\n")
    }

    @Test func stripMatchRemovesOnlyTheMatch() throws {
        let yaml = "rules:\n  - id: m\n    action: strip-match\n    match: {regex: [' ?\\[ad\\]', '\\d+']}\n"
        #expect(try Support.clean("Text [ad] more [ad]\r\n123yy\n", yaml) == "Text more\r\nyy\n")
    }

    @Test func strongestActionWinsAndEveryByteIsAccounted() throws {
        let yaml = """
            rules:
              - id: word
                action: strip-match
                match: {keywords: [promo]}
              - id: line
                action: strip-line
                match: {regex: ['^Sale']}
              - id: note
                match: {keywords: [sale]}
            """
        let text = "Sale promo today\npromo code\n"
        let document = Document(name: "d", bytes: Array(text.utf8))
        let findings = Scanner(ruleSet: try RuleSet(rules: try Support.rules(yaml))).scan(document).findings
        #expect(Support.spans(findings) == ["1:1-1:5 line", "1:1-1:5 note", "1:6-1:11 word", "2:1-2:6 word"])
        let result = Cleaner.clean(document, findings: findings)
        #expect(String(decoding: result.bytes, as: UTF8.self) == " code\n")
        #expect(result.removed == [
            RemovedSpan(ruleID: "line", line: 1, byteOffset: 0, byteLength: 17),
            RemovedSpan(ruleID: "word", line: 2, byteOffset: 17, byteLength: 5),
        ])
    }

    // BR-18 (ripgrep #1163): stripping line 1 keeps the BOM.
    @Test func byteOrderMarkIsKept() throws {
        let yaml = "rules:\n  - id: label\n    action: strip-line\n    match: {regex: ['^Đọc thêm:']}\n"
        let bytes = try Support.bytes(Support.fixture("cases/BR-18.txt"))
        let document = Document(name: "d", bytes: bytes)
        let findings = Scanner(ruleSet: try RuleSet(rules: try Support.rules(yaml))).scan(document).findings
        #expect(Cleaner.clean(document, findings: findings).bytes ==
            [0xEF, 0xBB, 0xBF] + Array("Thủ tướng đã phê duyệt lịch nghỉ Tết kéo dài 9 ngày.\n".utf8))
    }

    // BR-19 (ripgrep #1568): each kept line keeps its own terminator.
    @Test func mixedLineEndingsCase() throws {
        let yaml = "rules:\n  - id: teaser\n    action: strip-line\n    match: {regex: ['^Read more$', '^Xem thêm…$', '^Chia sẻ$']}\n"
        let text = String(decoding: try Support.bytes(Support.fixture("cases/BR-19.txt")), as: UTF8.self)
        #expect(try Support.clean(text, yaml) ==
            "Cảnh báo mưa lớn ở miền Trung\r\nMưa lớn kéo dài từ đêm qua khiến nhiều tuyến đường ngập sâu.\r\nNgười dân được khuyến cáo hạn chế ra đường.\n")
    }

    // BR-15 (regexr #530): NBSP labels are stripped; French spacing is kept byte for byte.
    @Test func noBreakSpaceCase() throws {
        let yaml = """
            rules:
              - id: read-more
                action: strip-line
                match: {regex: ['^(Read\\s+more|Lire\\s+la\\s+suite)\\s*»?$', '^Đọc\\s+thêm:']}
            """
        let text = String(decoding: try Support.bytes(Support.fixture("cases/BR-15.txt")), as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[3].hasPrefix("Prix\u{202F}: 12\u{00A0}€"))
        #expect(try Support.clean(text, yaml) == lines[3] + "\n" + lines[4] + "\n")
    }

    // BR-13 (write-good #79): keyword rules written with a straight apostrophe.
    @Test func apostropheCase() throws {
        let yaml = """
            rules:
              - id: dont-miss
                action: strip-line
                match: {regex: ['^(?i)don[\\x{27}\\x{2019}]t miss:']}
              - id: contraction
                match: {keywords: ["isn't"]}
            """
        let text = String(decoding: try Support.bytes(Support.fixture("cases/BR-13.md")), as: UTF8.self)
        let result = try Support.scan(text, yaml)
        #expect(Support.spans(result.findings) ==
            ["1:1-1:12 dont-miss", "2:1-2:12 dont-miss", "3:1-3:12 dont-miss", "5:4-5:9 contraction"])
        #expect(try Support.clean(text, yaml) ==
            "“Don’t miss the last train,” she warned, checking her watch.\nIt isn’t clear when the bridge will reopen.\n")
    }

    // Found by PropertyTests: stripping the block around a suppression
    // comment took the comment and unsuppressed the lines after it.
    @Test func suppressionCommentsAreKept() throws {
        let block = "rules:\n  - id: promo\n    action: strip-block\n    match: {keywords: [promo]}\n"
        #expect(try Support.clean("Promo today\n# winnow-disable\n\nPromo kept\n", block) == "# winnow-disable\n\nPromo kept\n")
        #expect(try Support.clean("# winnow-disable\n\nPromo kept\n", block) == "# winnow-disable\n\nPromo kept\n")
        let cut = "rules:\n  - id: cut\n    action: strip-match\n    match: {regex: ['Promo.*']}\n"
        let document = Document(name: "a.md", bytes: Array("Promo <!-- winnow-disable -->\nPromo kept\n".utf8))
        let findings = Scanner(ruleSet: try RuleSet(rules: try Support.rules(cut))).scan(document).findings
        #expect(Support.spans(findings) == ["1:1-1:30 cut"])
        #expect(Cleaner.clean(document, findings: findings).bytes == document.bytes)
    }

    @Test func cleanIsIdempotentOnTheSample() throws {
        let ruleSet = try RuleSet.load(paths: [])
        let bytes = try Support.bytes(Support.root.appendingPathComponent("samples/input/000_b65178fd440193c6.txt"))
        let once = Cleaner.clean(Document(name: "d", bytes: bytes), findings: Scanner(ruleSet: ruleSet).scan(Document(name: "d", bytes: bytes)).findings).bytes
        let twiceDocument = Document(name: "d", bytes: once)
        let twice = Cleaner.clean(twiceDocument, findings: Scanner(ruleSet: ruleSet).scan(twiceDocument).findings).bytes
        #expect(twice == once)
    }
}
