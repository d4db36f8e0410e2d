import Testing
@testable import Winnow

@Suite struct FingerprintTests {
    private let yaml = "rules:\n  - id: promo\n    match: {keywords: [promo]}\n  - id: more\n    match: {regex: ['^Read more$']}\n"

    private func fingerprints(_ text: String) throws -> [String] {
        try Support.report(Array(text.utf8), yaml).findings.map { "\($0.finding.line) \($0.finding.ruleID) \($0.fingerprint)" }
    }

    private func fnv1a64(_ text: String) -> UInt64 {
        var hasher = FNV1a64()
        hasher.combine(text.utf8)
        return hasher.value
    }

    private func normalised(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        Array(text.utf8).withUnsafeBufferPointer { buffer in
            UTF8Validation.forEachWhiteSpaceNormalisedByte(buffer, 0..<buffer.count) { out.append($0) }
        }
        return out
    }

    @Test func fnv1aTestVectors() {
        #expect(fnv1a64("") == 0xcbf2_9ce4_8422_2325)
        #expect(fnv1a64("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(fnv1a64("foobar") == 0x8594_4171_f739_67e8)
    }

    @Test func whiteSpaceIsNormalised() {
        #expect(normalised("\u{00A0} a \t b\u{3000}c  ") == Array("a b c".utf8))
        #expect(normalised("Đọc\u{202F}thêm\u{2028}") == Array("Đọc thêm".utf8))
        #expect(normalised(" \u{2028}x\u{85}\u{1680}\u{205F}y\u{FF}") == Array("x y\u{FF}".utf8))
        #expect(normalised("") == [])
    }

    @Test func invalidUTF8IsKeptAndWhiteSpaceAroundItNormalised() {
        var out: [UInt8] = []
        [0x20, 0xE2, 0x80, 0x20, 0x20, 0xC2].withUnsafeBufferPointer { buffer in
            UTF8Validation.forEachWhiteSpaceNormalisedByte(buffer, 0..<buffer.count) { out.append($0) }
        }
        #expect(out == [0xE2, 0x80, 0x20, 0xC2])
    }

    // Hashes checked with an independent FNV-1a implementation.
    @Test func occurrencesOfTheSameLineAreNumbered() throws {
        let once = try fingerprints("Read more\npromo and promo\nRead more\n")
        #expect(once == [
            "1 more f366fa300b05abec:0", "2 promo 925d5bd142f025f6:0", "2 promo 925d5bd142f025f6:1", "3 more f366fa300b05abec:1",
        ])
    }

    // A report hashes a rule's line once for all its findings there; the
    // fingerprints are those of each finding hashed alone.
    /// More distinct hashes than the counter keeps in its short list: each
    /// is still numbered from 0 by its own earlier occurrences.
    @Test func occurrencesAreCountedForManyDistinctHashes() {
        var counter = Fingerprint.Counter()
        let state = Fingerprint.LineState(ruleID: "r", line: ArraySlice("a line".utf8))
        for round in 0..<5 {
            for index in 0..<37 {
                let fingerprint = counter.next(state, matched: "m\(index)").description
                #expect(fingerprint.hasSuffix(":\(round)"), "m\(index) in round \(round): \(fingerprint)")
            }
        }
    }

    @Test func findingsOfTwoRulesOnOneLineAreEachFingerprintedAsAlone() throws {
        let yaml = "rules:\n  - id: a\n    match: {keywords: [promo]}\n  - id: b\n    match: {keywords: [code]}\n"
        let document = Document(name: "d", bytes: Array("promo code promo code\npromo\n".utf8))
        let findings = Scanner(ruleSet: try RuleSet(rules: try Support.rules(yaml))).scan(document).findings
        #expect(findings.map(\.ruleID) == ["a", "b", "a", "b", "a"])
        var counter = Fingerprint.Counter()
        let alone = findings.map { finding in
            counter.next(finding, line: document.bytes[document.lines[finding.line - 1].content]).description
        }
        let reported = FileReport(document: document, findings: findings).findings.map(\.fingerprint)
        #expect(reported == alone)
        #expect(Set(reported).count == 5)
        #expect(reported[0].hasSuffix(":0") && reported[2].hasSuffix(":1") && reported[4].hasSuffix(":0"))
    }

    // Only the text report shows source lines; other reports are built without copying them.
    @Test func reportsWithoutSourceLinesKeepTheirFingerprints() throws {
        let document = Document(name: "d", bytes: Array("promo code\n".utf8))
        let findings = Scanner(ruleSet: try RuleSet(rules: try Support.rules(yaml))).scan(document).findings
        let with = FileReport(document: document, findings: findings)
        let without = FileReport(document: document, findings: findings, sourceLines: false)
        #expect(with.findings.map(\.sourceLine.bytes) == [Array("promo code".utf8)])
        #expect(without.findings.map(\.sourceLine.bytes) == [[]])
        #expect(without.findings.map(\.fingerprint) == with.findings.map(\.fingerprint))
        #expect(TextReport.Formatter(colour: false).showsSourceLines)
        #expect(!JSONReport.LinesFormatter().showsSourceLines && !SARIFReport.Formatter(rules: [], root: "/").showsSourceLines)
    }

    @Test func insertedLinesAndIndentationKeepTheFingerprint() throws {
        let before = try fingerprints("Intro.\npromo code here\n")
        let after = try fingerprints("New title\n\nIntro, edited.\n\n   promo   code here\n")
        #expect(before.map { $0.split(separator: " ").dropFirst() } == after.map { $0.split(separator: " ").dropFirst() })
        #expect(try fingerprints("Intro.\npromo code there\n") != before)
    }
}
