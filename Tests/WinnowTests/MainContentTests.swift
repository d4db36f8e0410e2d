import Testing
@testable import Winnow

@Suite struct MainContentTests {
    /// 11 words: a prose line.
    private let council = "The council approved the budget for next year on Tuesday evening."
    /// 9 words: a prose line.
    private let mayor = "The mayor said she would not appeal the decision."

    private func mainLines(_ text: String, stripped: Set<Int> = []) -> ClosedRange<Int>? {
        let document = Document(name: "doc", bytes: Array(text.utf8))
        return MainContent.lines(of: document, strippedWhole: document.lines.indices.map { stripped.contains($0) })
    }

    @Test func theRunOfGreatestScoreIsTheMainContent() {
        // Scores: -2 -2 -2 0 | +11 -2 +9 | -2 x5 | +4 (the teaser "Bridge opens in May." has 4 words).
        let text = "Home\nNews\nSport\n\n\(council)\nWhat comes next\n\(mayor)\nMost read\nWeather\nTraffic\nVideo\nLocal\nBridge opens in May.\n"
        #expect(mainLines(text) == 4...6)
        // Two menu lines: 18 - 4 + 4 = 18 does not beat 18, so the earlier run stays.
        #expect(mainLines("\(council)\nWhat comes next\n\(mayor)\nWeather\nVideo\nBridge opens in May.\n") == 0...2)
        // One: 18 - 2 + 4 = 20, and the teaser joins.
        #expect(mainLines("\(council)\nWhat comes next\n\(mayor)\nWeather\nBridge opens in May.\n") == 0...4)
    }

    @Test func aStrippedLineCostsFortyWords() {
        let text = "\(council)\nAdvertisement\n\(mayor)\n"
        // Not stripped, it costs 2: 11 - 2 + 9.
        #expect(mainLines(text) == 0...2)
        // Stripped, it parts the two: 11 - 40 + 9 is less than 11.
        #expect(mainLines(text, stripped: [1]) == 0...0)
        // A stripped prose line is not prose.
        #expect(mainLines(text, stripped: [0, 1]) == 2...2)
    }

    @Test func aRunOfStrippedLinesCostsFortyWordsAndTwoForEachFurtherLine() {
        let long = String(repeating: "word ", count: 43) + "end."
        // 44 - 40 - 2 + 44 = 46 beats 44: the run of two stripped lines is crossed.
        #expect(mainLines("\(long)\nShare\nTweet\n\(long)\n", stripped: [1, 2]) == 0...3)
        // A blank line does not end the run.
        #expect(mainLines("\(long)\nShare\n\nTweet\n\(long)\n", stripped: [1, 3]) == 0...4)
        // A line that is not stripped does: 44 - 40 - 2 - 40 is below 0.
        #expect(mainLines("\(long)\nShare\nMenu\nTweet\n\(long)\n", stripped: [1, 3]) == 0...0)
    }

    @Test func proseNeedsTerminalPunctuationAndThreeWords() {
        #expect(mainLines("Home\nNews\n") == nil)
        #expect(mainLines("Two words.\nMenu\n") == nil)
        #expect(mainLines("Mayor says the bridge will open in...\n") == nil)
        #expect(mainLines("Menu\nThree words here.\n") == 1...1)
        // A Han or kana character counts 2/3 of a word: 8 make 5 words, 4 make 2.
        #expect(mainLines("菜单\n市议会批准了预算。\n") == 1...1)
        #expect(mainLines("菜单\n预算通过。\n") == nil)
        #expect(mainLines(council, stripped: [0]) == nil)
    }

    @Test func theEarliestOfEqualRunsWins() {
        #expect(mainLines("One two three.\nA\nB\nC\nFour five six.\n") == 0...0)
    }

    private let rules = """
        rules:
          - id: ad
            action: strip-line
            match: {keywords: [advertisement]}
          - id: off
            action: strip-line
            when: {position: outside_main_content}
        """

    @Test func theRuleHitsWhatLiesOutsideAndSeesWhatOtherRulesStrip() throws {
        let text = "Home\n\(council)\nWhat comes next\n- a vote in May\n\(mayor)\nAdvertisement\nBridge opens in May.\n"
        let findings = try Support.scan(text, rules).findings
        #expect(findings.map { "\($0.line) \($0.ruleID)" } == ["1 off", "6 ad", "6 off", "7 off"])
        #expect(try Support.clean(text, rules) == "\(council)\nWhat comes next\n- a vote in May\n\(mayor)\n")
    }

    @Test func aBlockIsOutsideWhenNoneOfItsLinesIsInside() throws {
        let text = "Home\nNews\n\n\(council)\nWhat comes next\n\nMost read\nWeather\nTraffic\nVideo\nLocal\nBridge opens in May.\n"
        let yaml = "rules:\n  - id: off\n    scope: block\n    when: {position: outside_main_content}\n"
        #expect(try Support.scan(text, yaml).findings.map(\.line) == [1, 7])
    }

    @Test func aDocumentWithoutProseIsOutsideWhole() throws {
        #expect(try Support.scan("Home\nNews\n", rules).findings.map(\.line) == [1, 2])
    }

    @Test func onlyWholeInputsHaveAMainContent() throws {
        let scanner = Scanner(ruleSet: RuleSet(unchecked: try Support.rules(rules)))
        let document = Document(name: "doc", bytes: Array("Home\n\(council)\n".utf8))
        #expect(scanner.scan(document).findings.map(\.line) == [1])
        #expect(scanner.scan(document, isStart: false, isEnd: true).findings.isEmpty)
        #expect(scanner.scan(document, isStart: true, isEnd: false).findings.isEmpty)
    }

    @Test func theCorpusPackKeepsTheMainContentOfTheExampleInTheDocs() throws {
        let page = """
            Home | News | Sport
            The council approved the budget on Tuesday evening.
            What comes next
            The mayor said she would not appeal the decision.
            Advertisement
            Bridge opens in May, officials say.

            """
        let findings = Scanner(ruleSet: try RuleSet.load(paths: ["corpus"])).scan(Document(name: "page", bytes: Array(page.utf8))).findings
        #expect(findings.map { "\($0.line) \($0.ruleID)" } == [
            "1 outside-main-content", "5 advertisement-label", "5 outside-main-content", "6 outside-main-content",
        ])
    }

    @Test func aBadPositionNamesTheAllowedValues() {
        do {
            _ = try Support.rules("rules:\n  - id: r\n    when: {position: middle}\n")
            Issue.record("position 'middle' loaded")
        } catch {
            #expect(error.description ==
                "test.yml:3:22: rule 'r': bad position 'middle' (allowed: any, head, tail, outside_main_content)")
        }
    }
}
