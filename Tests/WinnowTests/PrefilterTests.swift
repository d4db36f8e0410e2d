import Testing
@testable import Winnow

@Suite struct RequiredLiteralsTests {
    private func literals(_ pattern: String, caseless: Bool = true) -> [String]? {
        RequiredLiterals.of(pattern: pattern, caseless: caseless)?.map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func longestRunOfAConcatenation() {
        #expect(literals(#"\bthis (?:web)?site uses cookies\b"#) == ["site uses cookies"])
        #expect(literals(#"^Read\s+more$"#) == ["read"])
        #expect(literals("Read More", caseless: false) == ["Read More"])
        #expect(literals(#"price: \d+ €"#) == ["price: "])
    }

    @Test func aSingleCharacterGatesAPatternWithNothingLonger() {
        #expect(literals(#"\b\d{1,2}/\d{1,2}/\d{4}\b"#) == ["/"])
        #expect(literals(#"[\w.+-]+@[\w-]+\.[\w.]+"#) == ["@"])
        #expect(literals(#"\d+%"#) == ["%"])
    }

    @Test func alternationsNeedALiteralFromEveryBranch() {
        #expect(literals("(?:read more|continue reading)") == ["read more", "continue reading"])
        #expect(literals(#"foo|\d+"#) == nil)
        #expect(literals(#"(?<![\p{L}_])(?:we\s+use\s+cookies(?![\p{L}])|accept\s+all)"#) == ["cookies", "accept"])
    }

    @Test func optionalAndRepeatedPiecesAreNotRequired() {
        #expect(literals("ab(?:cdef)?gh") == ["ab"])
        #expect(literals("x*yz") == ["yz"])
        #expect(literals("(?:abc){0,2}de") == ["de"])
        #expect(literals("(?:abc){2}de") == ["abc"])
    }

    @Test func caselessLiteralsSpellLatinLettersInEachCase() {
        #expect(Set(literals("đọc thêm") ?? []) == ["đọc thêm", "đọc thÊm", "đỌc thêm", "đỌc thÊm",
                                                    "Đọc thêm", "Đọc thÊm", "ĐỌc thêm", "ĐỌc thÊm"])
        #expect(Set(literals("Ärger") ?? []) == ["ärger", "Ärger"])
        // Letters with a third case form, and cased letters outside Latin, cut the literal.
        #expect(literals("straße") == ["stra"])
        #expect(literals("große") == ["gro"])
        #expect(literals("kåre") == ["re"])
        #expect(Set(literals("мир") ?? []) == ["мир", "миР", "мИр", "мИР", "Мир", "МиР", "МИр", "МИР"])
        // т, о and their old forms: 4 × 3 spellings of "то", and "к" would make 24.
        #expect(literals("ток")?.count == 12)
        #expect(Set(literals("ток") ?? []).isSuperset(of: ["то", "ТО", "\u{1C84}о", "\u{1C85}\u{1C82}"]))
        #expect(literals("σοφία") == nil)
        // More than 16 spellings: the run is cut where it would grow past them.
        #expect(literals("ắắắắắ")?.count == 16)
        #expect(literals(#"\Qđồ đồ\E"#)?.count == 16)
        #expect(literals(#"\Qa.ßcde\E"#) == ["cde"])
    }

    @Test func caseVariantsAreClosedUnderCaseMapping() {
        #expect(RequiredLiterals.caseVariants(of: "ǅ") == ["ǅ", "ǆ", "Ǆ"])
        #expect(RequiredLiterals.caseVariants(of: "Ư") == ["Ư", "ư"])
        #expect(RequiredLiterals.caseVariants(of: "ı") == nil)
        #expect(RequiredLiterals.caseVariants(of: "İ") == nil)
        #expect(RequiredLiterals.caseVariants(of: "ẞ") == nil)
        #expect(RequiredLiterals.caseVariants(of: "т") == ["т", "Т", "\u{1C84}", "\u{1C85}"])
        #expect(RequiredLiterals.caseVariants(of: "Ж") == ["Ж", "ж"])
        #expect(RequiredLiterals.caseVariants(of: "中") == ["中"])
    }

    @Test func caselessLiteralsKeepOnlyCaseStableCharacters() {
        #expect(literals("đọc thêm", caseless: false) == ["đọc thêm"])
        #expect(literals("本页含广告") == ["本页含广告"])
        #expect(literals("(?i)cookies") == nil)
        #expect(literals(#"\Qa.b*c\E"#) == ["a.b*c"])
        for pattern in [#"\x41BC"#, #"\101BC"#, #"\cABC"#, #"(a)\g1bcd"#, #"(?<n>a)\k<n>bcd"#, #"\N{U+41}BC"#] {
            #expect(literals(pattern) == nil, "\(pattern)")
        }
        #expect(literals(#"\bread\s+\p{L}more\pLx"#) == ["read"])
    }
}

@Suite struct PrefilterTests {
    @Test func onlyRulesWhoseLiteralsOccurRun() throws {
        let rules = try Support.rules("""
            rules:
              - {id: cookie, match: {keywords: [we use cookies]}}
              - {id: more, match: {regex: ['^(?:read more|đọc thêm)']}}
              - {id: short, when: {max_chars: 5}}
            """)
        let prefilter = Prefilter(rules: rules)
        #expect(prefilter.gated == [true, true, false])
        func hits(_ text: String) -> (Set<Int>, Bool) {
            var found: Set<Int> = []
            let bytes = Array(text.utf8)
            let unsafeUnits = bytes.withUnsafeBufferPointer { prefilter.scan($0, units: [0..<bytes.count]) { rule, _ in found.insert(rule) } }
            return (found, unsafeUnits.isEmpty)
        }
        #expect(hits("WE USE COOKIES.") == ([0], true))
        #expect(hits("No notice here.") == ([], true))
        #expect(hits("We use coo\u{212A}ies") == ([], false))
    }

    @Test func prefilteredScanFindsWhatAFullScanFinds() throws {
        let yaml = """
            rules:
              - {id: cookie, match: {keywords_file: k.txt}}
              - {id: more, match: {regex: ['^(?:Read\\s+more|Đọc\\s+thêm)\\b']}}
              - {id: spam, match: {regex: ['\\bđồ đồ\\b']}}
              - {id: ru, match: {keywords: [читайте также]}}
            """
        let rules = try Support.rules(yaml, files: ["k.txt": "we use cookies\nchúng tôi sử dụng cookie\n"])
        // Lines 10 and 11: invisible characters, which keywords skip and regexes see.
        let text = "Body.\nWe use cookies here.\nCHÚNG TÔI SỬ DỤNG COOKIE\nĐỌC THÊM: x\nread MORE\nNothing.\nWe use coo\u{212A}ies\nĐỒ ĐỒ, Đồ đỒ\nЧИТАЙТЕ ТАКЖЕ: x"
            + "\nWe\u{200B} use cook\u{AD}ies\nRead\u{AD} more"
        let findings = Scanner(ruleSet: try RuleSet(rules: rules)).scan(Document(name: "d", bytes: Array(text.utf8))).findings
        #expect(Support.spans(findings) == ["2:1-2:15 cookie", "3:1-3:25 cookie", "4:1-4:9 more", "5:1-5:10 more", "7:1-7:15 cookie",
                                            "8:1-8:6 spam", "8:8-8:13 spam", "9:1-9:14 ru", "10:1-10:17 cookie"])
    }

    /// A unit with LONG S (U+017F, which caseless matching folds to `s`)
    /// runs every rule; its hits join the others in unit order, so a
    /// `min_run` run that starts there is still one run.
    @Test func runStartingInAnUnsafeUnitIsFound() throws {
        let rules = try Support.rules("""
            rules:
              - {id: cookie, match: {regex: ['cookies'], case_sensitive: false}, when: {min_run: 2}}
              - {id: other, match: {regex: ['zzz']}}
            """)
        let text = "\u{17F} cookies\nWe use cookies\nNothing."
        let findings = Scanner(ruleSet: try RuleSet(rules: rules)).scan(Document(name: "d", bytes: Array(text.utf8))).findings
        #expect(Support.spans(findings) == ["1:3-1:10 cookie", "2:8-2:15 cookie"])
    }

    /// Hits come unit by unit (units ascending, rules in any order, with
    /// repeats); grouping must equal a plain sort without repeats, whatever
    /// the number of pairs (insertion sort or radix passes) and rules (one
    /// radix pass per byte of the largest index).
    @Test(arguments: [1, 2, 50, 256, 257, 5_000, 70_000])
    func hitsAreGroupedByRuleWithUnitsAscending(ruleCount: Int) {
        var generator = SeededGenerator(seed: UInt64(ruleCount))
        var pairs: [UInt64] = []
        for unit in 0..<200 {
            for _ in 0..<Int(generator.next() % 6) {
                pairs.append(UInt64(generator.next() % UInt64(ruleCount)) << 32 | UInt64(unit))
            }
        }
        // Short inputs (insertion sort) up to the limit and past it, and a long one (radix passes).
        for length in [0, 1, 2, 3, 17, 32, 33, pairs.count] {
            let part = Array(pairs.prefix(length))
            #expect(Prefilter.groupedByRule(part, ruleCount: ruleCount) == Array(Set(part)).sorted())
        }
    }

    /// Random units of words, literal pieces, invisible characters, Kelvin
    /// signs and other non-ASCII: the lanes' hits must be, for each unit
    /// without a Kelvin sign, exactly the rules whose literal occurs in the
    /// unit with its invisible characters removed and ASCII lowercased; the
    /// units with one are the unsafe ones. Many units, of every length, so
    /// both lanes, their meeting and the lone lane are all exercised.
    @Test(arguments: [1, 2, 3, 4, 5]) func lanesFindWhatANaiveSearchFinds(seed: UInt64) throws {
        let literals = ["cookie", "read more", "ab", "…", "b\u{AD}c"]
        let prefilter = Prefilter(rules: try Support.rules("rules:\n" + literals.enumerated().map { index, literal in
            "  - {id: r\(index), match: {regex: ['\(literal)'], case_sensitive: true}}\n"
        }.joined()))
        let pieces = ["cookie", "COOK", "ie", "read", " more", "a", "b", "c", "\u{AD}", "\u{200B}", "\u{FEFF}", "\u{212A}",
                      "…", "Đọc", "x", " ", "é"]
        var generator = SeededGenerator(seed: seed)
        var text: [UInt8] = [], units: [Range<Int>] = []
        for _ in 0..<(1 + Int(generator.next() % 40)) {
            let start = text.count
            for _ in 0..<Int(generator.next() % 12) { text += Array(pieces[Int(generator.next() % UInt64(pieces.count))].utf8) }
            units.append(start..<text.count)
            text.append(0x0A)
        }
        var found: Set<[Int]> = []
        let unsafeUnits = text.withUnsafeBufferPointer { buffer in
            prefilter.scan(buffer, units: units) { rule, unit in found.insert([unit, rule]) }
        }
        func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
            bytes.count >= needle.count && (0...(bytes.count - needle.count)).contains { Array(bytes[$0..<($0 + needle.count)]) == needle }
        }
        func visible(_ text: String) -> [UInt8] {
            Array(text.unicodeScalars.filter { !NormalizedText.isInvisibleFormatCharacter($0.value) }.map(String.init).joined().utf8)
                .map(Prefilter.lowercased)
        }
        var expectedUnsafe: [Int] = [], expected: Set<[Int]> = []
        for (unit, range) in units.enumerated() {
            let unitText = String(decoding: text[range], as: UTF8.self)
            if unitText.unicodeScalars.contains("\u{212A}") {
                expectedUnsafe.append(unit)
                continue
            }
            for (rule, literal) in literals.enumerated() where contains(visible(unitText), visible(literal)) {
                expected.insert([unit, rule])
            }
        }
        #expect(unsafeUnits == expectedUnsafe)
        #expect(found.filter { !expectedUnsafe.contains($0[0]) } == expected)
    }

    /// Units are scanned in one call over the document's bytes; each hit
    /// and each unsafe unit must be the unit's own.
    @Test func unitsScannedTogetherKeepTheirOwnHits() throws {
        let prefilter = Prefilter(rules: try Support.rules("""
            rules:
              - {id: cookie, match: {keywords: [cookies]}}
              - {id: more, match: {regex: ['read more']}}
            """))
        let lines = ["", "Read more", "We use cookies", "x", "plain text of some length", "coo\u{212A}ies read more",
                     "cookies and read more", "", "COOKIES", "nothing", "a longer line that ends with cookies"]
        let text = Array(lines.joined(separator: "\n").utf8)
        var units: [Range<Int>] = [], start = 0
        for line in lines {
            units.append(start..<(start + line.utf8.count))
            start += line.utf8.count + 1
        }
        var found: Set<String> = []
        let unsafeUnits = text.withUnsafeBufferPointer { buffer in
            prefilter.scan(buffer, units: units) { rule, unit in found.insert("\(unit):\(rule)") }
        }
        #expect(found == ["1:1", "2:0", "6:0", "6:1", "8:0", "10:0"])
        #expect(unsafeUnits == [5])
    }
}
