import Testing
@testable import Winnow

@Suite struct UnitFeaturesTests {
    private let all: UnitFeatures.Wanted = [.words, .stopWords, .letterCase, .digits, .ending]

    private func features(_ text: String, _ languages: [String] = [], wanted: UnitFeatures.Wanted? = nil) -> UnitFeatures {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer {
            UnitFeatures($0, wanted: wanted ?? all, stopWords: StopWordSet(languages: languages))
        }
    }

    private func counts(_ features: UnitFeatures) -> [Int] {
        [features.words, features.stopWords, features.letters, features.capitals, features.digits, features.nonSpace]
    }

    @Test func english() {
        // Words: Don't, miss, the, well-known, 3, tips, OK; stop word: the.
        let result = features("Don't miss the well-known 3 tips, OK?", ["en"])
        #expect(counts(result) == [7, 1, 26, 3, 1, 31])
        #expect(result.ending == .terminal)
    }

    @Test func vietnameseCountsSyllables() {
        // Stop words: Chúng, tôi, để.
        let result = features("Chúng tôi sử dụng cookie để cải thiện trải nghiệm.", ["vi"])
        #expect(counts(result) == [10, 3, 40, 1, 0, 41])
    }

    @Test func germanCapitalisedStopWords() {
        // Stop words: Die (capitalised), ist, für.
        let result = features("Die Straße ist für Fußgänger gesperrt.", ["de"])
        #expect(counts(result) == [6, 3, 32, 3, 0, 33])
    }

    @Test func chineseCountsEachHanAsAWordAndFindsStopWordsByLongestMatch() {
        // 我们 and 今天 and 去 are stop words; 北京 is not.
        let result = features("我们今天去北京。", ["zh"])
        #expect(counts(result) == [7, 5, 7, 0, 0, 8])
        #expect(result.unspacedWords == 7)
        #expect(result.ending == .terminal)
    }

    @Test func japaneseCountsEachKanaAndKanjiAsAWord() {
        // これ, は, の, です are stop words: 6 of 13 scalars.
        let result = features("これは日本語のテキストです。", ["ja"])
        #expect(counts(result) == [13, 6, 13, 0, 0, 14])
        #expect(result.ending == .terminal)
    }

    @Test func russianCapitalsAndStopWords() {
        // Stop words: Это, была, очень; ХОРОШАЯ is all capitals.
        let result = features("Это была очень ХОРОШАЯ статья!", ["ru"])
        #expect(counts(result) == [5, 3, 25, 8, 0, 26])
        #expect(result.ending == .terminal)
    }

    @Test func mixedScriptsAndDigits() {
        // iPhone, 15, 发, 布, 会 (a stop word), ２０２４ (full-width digits are Nd, one word).
        let result = features("iPhone 15 发布会 ２０２４", ["zh"])
        #expect(counts(result) == [6, 1, 9, 1, 6, 15])
        #expect(result.unspacedWords == 3)
    }

    @Test func apostropheOrHyphenAtAWordEdgeDoesNotJoin() {
        // quoted, dash, rock'n'roll, co‑op (U+2011 joins).
        #expect(features("'quoted' - dash -- rock'n'roll co‑op").words == 4)
        #expect(features("").words == 0)
        #expect(features(" \t ").nonSpace == 0)
    }

    @Test func wordsAndEndingAreComputedOnlyWhenWanted() {
        let result = features("Hello World 42.", ["en"], wanted: .digits)
        #expect(counts(result) == [0, 0, 10, 2, 2, 13])
        #expect(result.ending == .other)
    }

    @Test(arguments: [
        ("Is it?!", UnitFeatures.Ending.terminal), ("He said “stop.”", .terminal), ("「終わり。」", .terminal),
        ("(see below).", .terminal), ("Fin.)", .terminal), ("Done!", .terminal), ("真的吗？", .terminal),
        ("Wait...", .ellipsis), ("Wait…", .ellipsis), ("Wait. . .", .ellipsis), ("等等……", .ellipsis),
        ("Wait….", .ellipsis), ("Что?..", .ellipsis), ("“Maybe…”", .ellipsis), ("...", .ellipsis), ("待って⋯", .ellipsis),
        ("Menu", .other), ("Note:", .other), ("", .other), ("»", .other), ("3.5 mm", .other), ("Share |", .other),
    ])
    func ending(_ text: String, _ expected: UnitFeatures.Ending) {
        #expect(features(text, wanted: .ending).ending == expected)
    }

    @Test func stopWordSetMatchesCaseVariantsByBytes() {
        let set = StopWordSet(languages: ["en"])!
        func contains(_ word: String) -> Bool { Array(word.utf8).withUnsafeBufferPointer { set.contains($0) } }
        #expect(contains("the") && contains("The") && contains("THE"))
        #expect(!contains("tHe") && !contains("then.") && !contains(""))
        #expect(StopWordSet(languages: ["en", "xx"]) == nil)
        #expect(StopWordSet.availableLanguages == ["de", "en", "es", "fr", "it", "ja", "nl", "pl", "pt", "ru", "vi", "zh"])
    }
}
