import Testing
@testable import Winnow

@Suite struct StructuralConditionsTests {
    /// The 1-based lines that one rule with this `when` clause (and these
    /// `languages`) hits in `text`.
    private func hitLines(_ text: String, _ when: String, languages: String = "[en]", scope: String = "line") throws -> [Int] {
        let yaml = "rules:\n  - id: r\n    scope: \(scope)\n    languages: \(languages)\n    when: \(when)\n"
        return try Support.scan(text, yaml).findings.map(\.line)
    }

    private func error(_ when: String, languages: String = "[en]") -> String? {
        do {
            _ = try Support.rules("rules:\n  - id: r\n    languages: \(languages)\n    when: \(when)\n")
            return nil
        } catch {
            return error.description
        }
    }

    @Test func wordCountLimits() throws {
        let text = "A b\nOne two three\nOne two three four five\n"
        #expect(try hitLines(text, "{min_words: 3, max_words: 4}") == [2])
        #expect(try hitLines(text, "{max_words: 2}") == [1])
        #expect(try hitLines(text, "{min_words: 6}") == [])
    }

    @Test func wordCountInChineseAndJapanese() throws {
        #expect(try hitLines("我们今天去北京\n北京\n", "{min_words: 3}") == [1])
        #expect(try hitLines("これは日本語です\nはい\n", "{max_words: 2}") == [2])
    }

    @Test func terminalPunctuationAndEllipsis() throws {
        let text = "Menu\nA full sentence.\nWait...\nHe said “stop.”\nTo be continued. . .\n终于到了。\n"
        #expect(try hitLines(text, "{terminal_punctuation: true}") == [2, 4, 6])
        #expect(try hitLines(text, "{terminal_punctuation: false}") == [1, 3, 5])
        #expect(try hitLines(text, "{ends_with_ellipsis: true}") == [3, 5])
        #expect(try hitLines(text, "{ends_with_ellipsis: false, terminal_punctuation: false}") == [1])
    }

    @Test func stopWordRatioFromTheRuleLanguages() throws {
        // Line 2: The, on, the are 3 of 6 words.
        let text = "Home News Sport\nThe cat sat on the mat.\n"
        #expect(try hitLines(text, "{max_stopword_ratio: 0.1}") == [1])
        #expect(try hitLines(text, "{min_stopword_ratio: 0.5}") == [2])
        #expect(try hitLines(text, "{min_stopword_ratio: 0.51}") == [])
    }

    @Test func stopWordRatioFromTheStopwordsKey() throws {
        // Line 1: Chúng, tôi, để are 3 of 10 syllables; line 2: none of 4.
        let text = "Chúng tôi sử dụng cookie để cải thiện trải nghiệm.\nThể thao Văn hóa\n"
        #expect(try hitLines(text, "{stopwords: [vi], min_stopword_ratio: 0.3}", languages: "[any]") == [1])
        #expect(try hitLines(text, "{stopwords: vi, max_stopword_ratio: 0}", languages: "[any]") == [2])
        #expect(try hitLines("我们今天去北京\n北京大学\n", "{stopwords: [zh, ja], max_stopword_ratio: 0.5}") == [2])
    }

    @Test func uppercaseRatio() throws {
        let text = "BREAKING NEWS\nBreaking news\n"
        #expect(try hitLines(text, "{min_uppercase_ratio: 0.5}") == [1])
        #expect(try hitLines(text, "{max_uppercase_ratio: 0.5}") == [2])
    }

    @Test func digitRatio() throws {
        // Line 1: 12 digits of 15 non-space scalars; line 2: 2 of 16.
        let text = "12/05/2024 10:30\nPublished on 12 May\n"
        #expect(try hitLines(text, "{min_digit_ratio: 0.8}") == [1])
        #expect(try hitLines(text, "{max_digit_ratio: 0.5}") == [2])
    }

    @Test func unlessBetweenProseKeepsAShortLineBetweenTwoProseLines() throws {
        let prose1 = "The council approved the budget on Tuesday after a debate that ran late into the night."
        let prose2 = "The mayor said the new bridge would open next spring, weeks later than first planned."
        let text = "\(prose1)\nBudget vote\n\(prose2)\nShare on Facebook\n"
        #expect(try hitLines(text, "{max_words: 4, terminal_punctuation: false}") == [2, 4])
        #expect(try hitLines(text, "{max_words: 4, terminal_punctuation: false, unless_between_prose: true}") == [4])
        // Blank lines are not units: the neighbours are still the prose lines.
        #expect(try hitLines("\(prose1)\n\nBudget vote\n\n\(prose2)\n",
                             "{max_words: 4, unless_between_prose: true}") == [])
    }

    @Test func unlessBetweenProseNeedsLongTerminatedNeighboursNotHitByTheRule() throws {
        let prose = "The council approved the budget on Tuesday after a debate that ran late into the night."
        let when = "{max_words: 4, terminal_punctuation: false, unless_between_prose: true}"
        // A neighbour under 70 scalars is not prose.
        #expect(try hitLines("\(prose)\nBudget vote\nIt passed.\n", when) == [2])
        // A long neighbour without final punctuation is not prose.
        #expect(try hitLines("\(prose)\nBudget vote\n\(prose.dropLast())\n", when) == [2])
        // Two hits side by side: each has a hit as a neighbour.
        #expect(try hitLines("\(prose)\nHome\nNews\n\(prose)\n", when) == [2, 3])
        // A block rule judges paragraphs: the neighbours are the paragraphs around.
        #expect(try hitLines("\(prose)\n\(prose)\n\nBudget vote\n\n\(prose)\n",
                             "{max_words: 4, unless_between_prose: true}", scope: "block") == [])
        #expect(try hitLines("\(prose)\n\(prose)\n\nBudget vote\n\nShort.\n",
                             "{max_words: 4, unless_between_prose: true}", scope: "block") == [4, 6])
    }

    @Test func conditionsAreParsed() throws {
        let rules = try Support.rules("""
            rules:
              - id: r
                languages: [en]
                when:
                  min_words: 2
                  max_words: 8
                  terminal_punctuation: false
                  ends_with_ellipsis: false
                  stopwords: [de, fr]
                  min_stopword_ratio: 0
                  max_stopword_ratio: 0.25
                  min_uppercase_ratio: 0.1
                  max_uppercase_ratio: 1
                  min_digit_ratio: 0
                  max_digit_ratio: 0.5
                  unless_between_prose: true
            """)
        let conditions = try #require(rules.first).conditions
        #expect(conditions == Rule.Conditions(
            minWords: 2, maxWords: 8, terminalPunctuation: false, endsWithEllipsis: false,
            stopWords: StopWordSet(languages: ["de", "fr"]), minStopWordRatio: 0, maxStopWordRatio: 0.25,
            minUppercaseRatio: 0.1, maxUppercaseRatio: 1, minDigitRatio: 0, maxDigitRatio: 0.5, unlessBetweenProse: true))
        #expect(conditions.stopWords?.languages == ["de", "fr"])
        #expect(RuleCatalog.explanation(try #require(rules.first)).split(separator: "\n")[2] ==
            "  when: min_words 2, max_words 8, terminal_punctuation false, ends_with_ellipsis false, stopwords de fr, "
            + "min_stopword_ratio 0.0, max_stopword_ratio 0.25, min_uppercase_ratio 0.1, max_uppercase_ratio 1.0, "
            + "min_digit_ratio 0.0, max_digit_ratio 0.5, unless_between_prose")
    }

    @Test func stopWordsDefaultToTheRuleLanguages() throws {
        let rule = try #require(try Support.rules("rules:\n  - id: r\n    languages: [vi, en]\n    when: {max_stopword_ratio: 0.2}\n").first)
        #expect(rule.conditions.stopWords?.languages == ["vi", "en"])
    }

    @Test func badValuesNameFileLineColumnAndCause() {
        #expect(error("{min_words: -1}") == "test.yml:4:23: rule 'r': 'min_words' must be a whole number of at least 0")
        #expect(error("{max_words: many}") == "test.yml:4:23: rule 'r': 'max_words' must be a whole number of at least 0")
        #expect(error("{terminal_punctuation: maybe}") == "test.yml:4:34: rule 'r': 'terminal_punctuation' must be true or false")
        #expect(error("{ends_with_ellipsis: 3}") == "test.yml:4:32: rule 'r': 'ends_with_ellipsis' must be true or false")
        #expect(error("{unless_between_prose: sometimes}") == "test.yml:4:34: rule 'r': 'unless_between_prose' must be true or false")
        #expect(error("{min_stopword_ratio: 1.5}") == "test.yml:4:32: rule 'r': 'min_stopword_ratio' must be a number from 0 to 1")
        #expect(error("{max_uppercase_ratio: high}") == "test.yml:4:33: rule 'r': 'max_uppercase_ratio' must be a number from 0 to 1")
        #expect(error("{min_digit_ratio: -0.1}") == "test.yml:4:29: rule 'r': 'min_digit_ratio' must be a number from 0 to 1")
        #expect(error("{max_digit_ratio: [0.5]}") == "test.yml:4:29: rule 'r': 'max_digit_ratio' must be a number from 0 to 1")
        #expect(error("{min_word: 2}") == "test.yml:4:12: rule 'r': unknown key 'min_word' in 'when' (did you mean 'min_words'?)")
    }

    @Test func contradictoryLimitsAreErrors() {
        #expect(error("{min_words: 5, max_words: 4}") ==
            "test.yml:4:11: rule 'r': min_words 5 is above max_words 4: the rule can never fire")
        #expect(error("{min_uppercase_ratio: 0.6, max_uppercase_ratio: 0.5}") ==
            "test.yml:4:11: rule 'r': min_uppercase_ratio 0.6 is above max_uppercase_ratio 0.5: the rule can never fire")
        #expect(error("{ends_with_ellipsis: true, terminal_punctuation: true}") == "test.yml:4:11: rule 'r': "
            + "ends_with_ellipsis and terminal_punctuation are both true, but an ellipsis is not terminal: the rule can never fire")
        #expect(error("{ends_with: ''}") == "test.yml:4:23: rule 'r': 'ends_with' strings must not be empty")
        #expect(error("{ends_with: []}") == "test.yml:4:23: rule 'r': 'ends_with' needs at least one string")
    }

    @Test func stopWordListsMustExist() {
        let available = "available: de, en, es, fr, it, ja, nl, pl, pt, ru, vi, zh"
        #expect(error("{stopwords: [en, xx], max_stopword_ratio: 0.2}") ==
            "test.yml:4:28: rule 'r': no stop-word list for 'xx' (\(available))")
        #expect(error("{stopwords: [en]}") ==
            "test.yml:4:23: rule 'r': 'stopwords' needs min_stopword_ratio or max_stopword_ratio")
        #expect(error("{max_stopword_ratio: 0.2}", languages: "[any]") ==
            "test.yml:4:32: rule 'r': no stop-word list for language 'any' of 'languages'; name the lists with 'stopwords' (\(available))")
        #expect(error("{max_stopword_ratio: 0.2}", languages: "[]") ==
            "test.yml:4:32: rule 'r': a stop-word ratio needs 'stopwords' or the rule's 'languages' (\(available))")
    }
}
