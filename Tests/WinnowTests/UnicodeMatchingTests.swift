import Foundation
import Testing
@testable import Winnow

/// How text and patterns are compared: NFC, white space, invisible format
/// characters, quotes, case pairs, ellipses; offsets in the original bytes.
@Suite struct UnicodeMatchingTests {
    private func rule(_ match: String, extra: String = "") -> String {
        "rules:\n  - id: r\n    match: \(match)\n" + extra
    }

    private func spans(_ text: String, _ yaml: String) throws -> [String] {
        Support.spans(try Support.scan(text, yaml).findings)
    }

    private func matched(_ text: String, _ yaml: String) throws -> [String] {
        try Support.scan(text, yaml).findings.map(\.matchedText)
    }

    private func nfc(_ text: String) -> [UInt8] { Array(text.precomposedStringWithCanonicalMapping.utf8) }

    // MARK: NFC

    @Test func composedKeywordFindsDecomposedText() throws {
        let text = "Un cafe\u{301} noir\nUn café noir\n"
        let findings = try Support.scan(text, rule("{keywords: [café]}")).findings
        #expect(Support.spans(findings) == ["1:4-1:9 r", "2:4-2:8 r"])
        #expect(findings.map(\.byteOffset) == [3, 18])
        #expect(findings.map(\.byteLength) == [6, 5])
        #expect(findings.map(\.matchedText) == ["cafe\u{301}", "café"])
    }

    @Test func decomposedKeywordAndRegexFindComposedText() throws {
        #expect(try spans("Café", rule("{keywords: [\"Cafe\u{301}\"]}")) == ["1:1-1:5 r"])
        #expect(try spans("Café", rule("{regex: [\"fe\u{301}$\"]}")) == ["1:3-1:5 r"])
    }

    @Test func matchEndingInsideAStretchCoversTheWholeStretch() throws {
        // e U+0301 U+0327 is ȩ U+0229 then U+0301 in NFC; a match of U+0301
        // alone lies inside the stretch and maps to all of it.
        let findings = try Support.scan("Ce\u{301}\u{327}!", rule(#"{regex: ['\x{301}']}"#)).findings
        #expect(findings.map(\.byteOffset) == [1])
        #expect(findings.map(\.byteLength) == [5])
        #expect(Support.spans(findings) == ["1:2-1:5 r"])
    }

    @Test func caseSensitiveLiteralIsNotSkippedByThePrefilter() throws {
        // The regex's required literal is "Café" with é as C3 A9; the text has e CC 81.
        let yaml = "rules:\n  - id: r\n    match: {regex: ['Café'], case_sensitive: true}\n"
        #expect(try spans("Le Cafe\u{301}.", yaml) == ["1:4-1:9 r"])
    }

    @Test func cleanKeepsDecomposedBytesOutsideRemovedSpans() throws {
        let yaml = """
            rules:
              - id: more
                action: strip-line
                match: {keywords: [đọc thêm]}
              - id: word
                action: strip-match
                match: {keywords: [café]}
            """
        // Line 2 is "đọc thêm" with its vowel marks as combining characters.
        let text = "Ne\u{301}e au cafe\u{301}.\n\u{111}o\u{323}c the\u{302}m\nFin e\u{301}.\n"
        #expect(Array(try Support.clean(text, yaml).utf8) == Array("Ne\u{301}e au .\nFin e\u{301}.\n".utf8))
    }

    @Test func normalizedTextEqualsFoundationNFC() throws {
        let samples = [
            "Tiếng Việt có dấu: Người đọc thêm tin tức, bấm vào đây để xem chi tiết.",
            "Hangul 한국어 뉴스 구독", "\u{212B} \u{2126} \u{212A} \u{FB01} \u{F900}", "\u{301}starts with a mark\n\u{301}after a line break",
            "e\u{301}\u{327}\u{300} ạ\u{302} q\u{307}\u{323}", "ASCII only, long enough for the fast path.",
        ]
        for sample in samples {
            for form in [sample, sample.decomposedStringWithCanonicalMapping] {
                let text = NormalizedText(Array(form.utf8))
                let bytes = text.withBytes(of: 0..<text.original.count, in: .nfc) { subject, _ in Array(subject) }
                #expect(bytes == nfc(form), "\(form.unicodeScalars.map { String($0.value, radix: 16) })")
            }
        }
        #expect(!NormalizedText(Array("Tiếng Việt, déjà vu".utf8)).differs(in: .nfc))
        #expect(!NormalizedText(Array("Tiếng Việt, déjà vu".utf8)).differs(in: .keywords))
    }

    @Test func invalidUTF8NextToMarksIsKept() throws {
        let bytes: [UInt8] = [0xFF] + Array("e\u{301}".utf8) + [0xCC] + Array(" café".utf8)
        let text = NormalizedText(bytes)
        let normalized = text.withBytes(of: 0..<bytes.count, in: .nfc) { subject, _ in Array(subject) }
        #expect(normalized == [0xFF] + Array("é".utf8) + [0xCC] + Array(" café".utf8))
        #expect(text.originalRange(of: 1..<3, in: .nfc) == 1..<4)
        #expect(text.originalRange(of: 4..<10, in: .nfc) == 5..<11)
    }

    /// Every scalar that NFC changes on its own, or that has a combining
    /// class, must be one the quick check flags (the converse need not hold).
    @Test func quickCheckFlagsEveryScalarNFCMayChange() {
        func mayChange(_ value: UInt32) -> Bool {
            NFCQuickCheck.bmpTable.withUnsafeBufferPointer { NFCQuickCheck.mayChange(value, table: $0) }
        }
        var missed: [String] = []
        for value in UInt32(0x80)...0x3FFFF {
            guard let scalar = Unicode.Scalar(value), scalar.properties.generalCategory != .unassigned,
                  scalar.properties.generalCategory != .privateUse else { continue }
            let text = String(Character(scalar))
            let changes = text.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual([scalar]) == false
            if (changes || scalar.properties.canonicalCombiningClass.rawValue != 0) && !mayChange(value) {
                missed.append(String(value, radix: 16))
            }
        }
        #expect(missed.isEmpty)
        // The ranges that the NFC pass steps over without a lookup.
        let fastRanges: [ClosedRange<UInt32>] = [0x80...0x2FF, 0x400...0x47F, 0x1E00...0x1EFF, 0x2010...0x205F]
        #expect(fastRanges.joined().filter(mayChange).isEmpty)
        #expect(!mayChange(0x1EC7))  // ệ
        #expect(mayChange(0x301))
        #expect(mayChange(0x1161))  // Hangul medial A, composes with a leading consonant
    }

    /// The UTF-8 pass marks a text as normalization-free exactly when each
    /// scalar is in the ranges that the NFC pass steps over (U+00AD, which
    /// keywords skip, aside), and such a text is then left as it is.
    @Test func surveyMarksOnlyTheScalarsNormalizationSkips() {
        func survey(_ bytes: [UInt8]) -> UTF8Validation.Survey {
            bytes.withUnsafeBufferPointer(UTF8Validation.survey)
        }
        let fastRanges: [ClosedRange<UInt32>] = [0x80...0x2FF, 0x400...0x47F, 0x1E00...0x1EFF, 0x2010...0x205F]
        var wrong: [String] = []
        for value in UInt32(0x80)...0x2FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let bytes = Array("a\(Character(scalar))b".utf8)
            let expected = value != 0xAD && fastRanges.contains { $0.contains(value) }
            if survey(bytes) != UTF8Validation.Survey(firstInvalidOffset: nil, isNormalizationFree: expected) {
                wrong.append(String(value, radix: 16))
            }
        }
        #expect(wrong.isEmpty)
        #expect(survey(Array("Tiếng Việt, déjà vu, Москва – „Zitat“…".utf8)).isNormalizationFree)
        #expect(survey([0x61, 0xC3]) == UTF8Validation.Survey(firstInvalidOffset: 1, isNormalizationFree: false))
        #expect(survey([]) == UTF8Validation.Survey(firstInvalidOffset: nil, isNormalizationFree: true))
        let document = Document(name: "d.txt", bytes: Array("Tiếng Việt\nđọc thêm\n".utf8))
        #expect(document.isNormalizationFree)
        #expect(!Document(name: "d.txt", bytes: Array("cafe\u{301}\n".utf8)).isNormalizationFree)
    }

    // MARK: White space and invisible format characters

    @Test func keywordSpaceMatchesNoBreakAndOtherSpaces() throws {
        let text = "Read\u{A0}more\nRead\u{202F}more\nRead\u{2007}more\nRead\u{3000}more\nRead \u{A0} more\n"
        #expect(try spans(text, rule("{keywords: [read more]}")) ==
            ["1:1-1:10 r", "2:1-2:10 r", "3:1-3:10 r", "4:1-4:10 r", "5:1-5:12 r"])
    }

    @Test func keywordsSkipInvisibleFormatCharacters() throws {
        let text = "Daten\u{AD}schutz\u{AD}erklärung\nRead\u{200B} more\n\u{FEFF}Cookie\u{2060}s\n"
        let findings = try Support.scan(text, rule("{keywords: [datenschutzerklärung, read more, cookies]}")).findings
        #expect(Support.spans(findings) == ["1:1-1:23 r", "2:1-2:11 r", "3:2-3:10 r"])
        #expect(findings.map(\.byteOffset) == [0, 26, 42])
        #expect(findings.map(\.byteLength) == [25, 12, 10])
    }

    @Test func invisibleCharacterInsteadOfASpaceJoinsTheWords() throws {
        // ZWSP renders as nothing: "Read\u{200B}more" reads as "Readmore".
        #expect(try spans("Read\u{200B}more", rule("{keywords: [read more]}")).isEmpty)
        #expect(try spans("Read\u{200B}more", rule("{keywords: [readmore]}")) == ["1:1-1:10 r"])
    }

    @Test func matchStartsAfterAndEndsBeforeInvisibleCharacters() throws {
        let findings = try Support.scan("\u{200B}cookie\u{200B}", rule("{keywords: [cookie]}")).findings
        #expect(findings.map(\.byteOffset) == [3])
        #expect(findings.map(\.byteLength) == [6])
    }

    @Test func regexesSeeInvisibleCharacters() throws {
        #expect(try spans("Daten\u{AD}schutz", rule("{regex: [datenschutz]}")).isEmpty)
        #expect(try spans("Read\u{200B}more", rule(#"{regex: ['\x{200B}']}"#)) == ["1:5-1:6 r"])
    }

    @Test func prefilterKnowsTheInvisibleCharactersByTheirBytes() {
        for value in UInt32(0x80)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let bytes = Array(String(scalar).utf8) + [0, 0]
            let length = Prefilter.invisibleCharacterLength(bytes[0], bytes[1], bytes[2])
            #expect(length == (NormalizedText.isInvisibleFormatCharacter(value) ? bytes.count - 2 : 0), "\(value)")
        }
    }

    @Test func prefilterPassesOverInvisibleCharacters() throws {
        let rules = try Support.rules(rule("{keywords: [cookies]}"))
        let prefilter = Prefilter(rules: rules)
        #expect(prefilter.gated == [true])
        func hits(_ text: String) -> ([Int], Bool) {
            var found: [Int] = []
            let unsafeUnits = Array(text.utf8).withUnsafeBufferPointer {
                prefilter.scan($0, units: [0..<$0.count]) { rule, _ in found.append(rule) }
            }
            return (found, unsafeUnits.isEmpty)
        }
        for text in ["Coo\u{AD}kies", "Coo\u{200B}kies", "Coo\u{2060}kies", "Coo\u{FEFF}kies", "\u{AD}Cookies\u{AD}", "Cookies"] {
            #expect(hits(text) == ([0], true), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect(hits("Coo\u{AD}kie") == ([], true))
        #expect(hits("Coo\u{AD}") == ([], true))
        // Literals lose their invisible characters too; one made of nothing else would occur
        // everywhere, so its rule is not gated.
        let written = Prefilter(rules: try Support.rules(rule("{regex: ['Coo\u{AD}kies']}")))
        #expect(written.gated == [true])
        var found: [Int] = []
        #expect(Array("cookies".utf8).withUnsafeBufferPointer { written.scan($0, units: [0..<7]) { rule, _ in found.append(rule) } } == [])
        #expect(found == [0])
        #expect(Prefilter(rules: try Support.rules(rule("{regex: ['\u{200B}']}"))).gated == [false])
    }

    @Test func emptyKeywordOfInvisibleCharactersIsAnError() {
        #expect(throws: RuleLoadError.self) { try Support.rules(rule("{keywords: [\"\u{200B}\"]}")) }
    }

    // MARK: Quotes

    @Test func quotesMatchTheirOwnKind() throws {
        let yaml = rule("{keywords: [\"it's “free”\"]}")
        let text = "It‘s \"free\"\nItʼs „free“\nIt’s «free»\nIt‚s ‟free”\nIt\"s \"free\"\n"
        #expect(try spans(text, yaml) == ["1:1-1:12 r", "2:1-2:12 r", "3:1-3:12 r", "4:1-4:12 r"])
    }

    // MARK: Case

    @Test func vietnameseDStrokeFoldsCase() throws {
        #expect(try matched("ĐỌC THÊM\nđọc thêm\nDoc them\n", rule("{keywords: [đọc thêm]}")) == ["ĐỌC THÊM", "đọc thêm"])
        #expect(try matched("ĐỌC THÊM", rule("{regex: ['đọc\\s+thêm']}")) == ["ĐỌC THÊM"])
    }

    @Test func turkishDottedAndDotlessIOnlyForTurkishRules() throws {
        let text = "GİRİŞ\nGIRIŞ\ngiriş\nKAPALI\n"
        let plain = rule("{keywords: [giriş, kapalı]}")
        // PCRE2 pairs i with I only: GİRİŞ and KAPALI are not found.
        #expect(try matched(text, plain) == ["GIRIŞ", "giriş"])
        let turkish = rule("{keywords: [giriş, kapalı]}", extra: "    languages: [tr-TR]\n")
        #expect(try matched(text, turkish) == ["GİRİŞ", "GIRIŞ", "giriş", "KAPALI"])
        let caseSensitive = "rules:\n  - id: r\n    match: {keywords: [giriş], case_sensitive: true}\n    languages: [tr]\n"
        #expect(try matched(text, caseSensitive) == ["giriş"])
    }

    @Test func sharpSMatchesDoubleS() throws {
        let text = "Schließen\nSCHLIESSEN\nSchliessen\nSCHLIEẞEN\n"
        #expect(try matched(text, rule("{keywords: [schließen]}")) == ["Schließen", "SCHLIESSEN", "Schliessen", "SCHLIEẞEN"])
        #expect(try matched(text, rule("{keywords: [schliessen]}")) == ["SCHLIESSEN", "Schliessen"])
        let caseSensitive = "rules:\n  - id: r\n    match: {keywords: [Schließen], case_sensitive: true}\n"
        #expect(try matched(text, caseSensitive) == ["Schließen"])
        // PCRE2's own caseless matching pairs ß with ẞ, not with ss.
        #expect(try matched(text, rule("{regex: ['schließen']}")) == ["Schließen", "SCHLIEẞEN"])
    }

    /// Keyword equivalence classes cut required literals, so the prefilter stays sound.
    @Test func equivalenceClassesCutRequiredLiterals() throws {
        func literals(_ keyword: String, turkish: Bool = false) throws -> [String]? {
            let source = KeywordPattern.source(for: [keyword], wholeWord: true, caseless: true, turkishCasing: turkish)
            return try PCRE2Regex(source, caseSensitive: false).requiredLiterals?.map { String(decoding: $0, as: UTF8.self) }
        }
        #expect(try literals("schließen") == ["schlie"])
        #expect(try literals("don’t miss out") == ["miss"])
        #expect(try literals("the “best” deal") == ["best"])
        #expect(try literals("giriş yap", turkish: true) == ["yap"])
    }

    // MARK: Ellipsis

    @Test func ellipsisEntries() {
        #expect(Ellipsis.isEllipsis("…"))
        #expect(Ellipsis.isEllipsis("……"))
        #expect(Ellipsis.isEllipsis("..."))
        #expect(Ellipsis.isEllipsis(". . ."))
        #expect(Ellipsis.isEllipsis(".\u{A0}.\u{A0}."))
        #expect(!Ellipsis.isEllipsis("."))
        #expect(!Ellipsis.isEllipsis("a…"))
        #expect(!Ellipsis.isEllipsis(" "))
        #expect(!Ellipsis.isEllipsis(""))
    }

    @Test func endsWithAnEllipsisAcceptsEveryForm() throws {
        let yaml = "rules:\n  - id: t\n    when: {ends_with: [\"…\"]}\n"
        let text = "One…\nTwo...\nThree. . .\nFour……\nFive..\nSix.\nSeven.\u{A0}.\u{A0}.\n"
        #expect(try spans(text, yaml) == ["1:1-1:5 t", "2:1-2:7 t", "3:1-3:11 t", "4:1-4:7 t", "5:1-5:7 t", "7:1-7:11 t"])
        let literal = "rules:\n  - id: t\n    when: {ends_with: [\"!\"]}\n"
        #expect(try spans("Wow!\nWow…\n", literal) == ["1:1-1:5 t"])
    }
}
