import Testing
@testable import Winnow

@Suite struct RuleFileParserTests {
    private func error(_ yaml: String, files: [String: String] = [:]) -> String? {
        do {
            _ = try Support.rules(yaml, files: files)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func fullRuleIsParsed() throws {
        let rules = try Support.rules("""
            rules:
              - id: cookie-notice
                description: Cookie banner.
                category: compliance
                severity: error
                action: strip-line
                scope: line
                match:
                  regex: ['\\bcookies\\b']
                  keywords: ["we use cookies"]
                  keywords_file: extra.txt
                  case_sensitive: true
                  whole_word: false
                when: {max_chars: 160, min_chars: 3, ends_with: ["."], position: tail, min_run: 2}
                unless: {regex: 'recipe'}
                message: "Cookie notice: {match}"
                languages: [en, vi]
                examples: {match: ["We use cookies."], no_match: ["Cookie recipe."]}
            """, files: ["extra.txt": "# comment\n\n  accept all cookies  \n"])
        let rule = try #require(rules.first)
        #expect(rule.id == "cookie-notice")
        #expect(rule.category == .compliance)
        #expect(rule.severity == .error)
        #expect(rule.action == .stripLine)
        #expect(rule.match?.patterns.map(\.pattern) == [#"\bcookies\b"#, #"(?:accept\s+all\s+cookies|we\s+use\s+cookies)"#])
        #expect(rule.conditions == Rule.Conditions(maxChars: 160, minChars: 3, endsWith: ["."], position: .tail, minRun: 2))
        #expect(rule.unless?.patterns.map(\.pattern) == ["recipe"])
        #expect(rule.languages == ["en", "vi"])
        #expect(rule.examples.match.map(\.text) == ["We use cookies."])
        #expect(rule.examples.noMatch.first?.origin == SourceLocation(file: "test.yml", line: 18, column: 55))
        #expect(rule.origin == SourceLocation(file: "test.yml", line: 2, column: 9))
    }

    @Test func defaultsAreFlagWarningLineBoilerplate() throws {
        let rule = try #require(try Support.rules("rules:\n  - id: a\n    match: {keywords: [x]}\n").first)
        #expect(rule.action == .flag)
        #expect(rule.severity == .warning)
        #expect(rule.scope == .line)
        #expect(rule.category == .boilerplate)
    }

    @Test func badRegexNamesFileLineColumnRuleAndPCRE2Cause() {
        #expect(error("rules:\n  - id: broken\n    match:\n      regex: ['read (more']\n") ==
            "test.yml:4:15: rule 'broken': regex 'read (more': missing closing parenthesis at offset 10")
    }

    @Test func unknownKeyIsAnError() {
        #expect(error("rules:\n  - id: a\n    severty: error\n    match: {keywords: [x]}\n") ==
            "test.yml:3:5: rule 'a': unknown key 'severty' in a rule (did you mean 'severity'?)")
        #expect(error("rules:\n  - id: a\n    colour: red\n    match: {keywords: [x]}\n") ==
            "test.yml:3:5: rule 'a': unknown key 'colour' in a rule (allowed: action, category, description, examples, id, languages, match, message, prose, replacement, scan_code, scope, severity, unless, when)")
        #expect(error("rules:\n  - id: a\n    match: {keyword: [x]}\n") ==
            "test.yml:3:13: rule 'a': unknown key 'keyword' in 'match' (did you mean 'keywords'?)")
        #expect(error("rules:\n  - id: a\n    regex: ['x']\n") ==
            "test.yml:3:5: rule 'a': 'regex' goes under 'match' (match: {regex: …})")
        #expect(error("rules:\n  - id: a\n    match: {keywords: [x]}\n    max_chars: 9\n") ==
            "test.yml:4:5: rule 'a': 'max_chars' goes under 'when' (when: {max_chars: …})")
        #expect(error("version: 1\nrules: []\n") ==
            "test.yml:1:1: unknown key 'version' in the file (allowed: rules)")
    }

    @Test func badValuesAreErrors() {
        #expect(error("rules:\n  - id: a\n    action: delete\n    match: {keywords: [x]}\n") ==
            "test.yml:3:13: rule 'a': bad action 'delete' (allowed: flag, replace, strip-match, strip-line, strip-block, reject)")
        #expect(error("rules:\n  - id: a\n    when: {max_chars: many}\n") ==
            "test.yml:3:23: rule 'a': 'max_chars' must be a whole number of at least 0")
        #expect(error("rules:\n  - id: a\n    when: {min_run: 0}\n") ==
            "test.yml:3:21: rule 'a': 'min_run' must be a whole number of at least 1")
        #expect(error("rules:\n  - id: a\n    match: {keywords: [x], whole_word: maybe}\n") ==
            "test.yml:3:40: rule 'a': 'whole_word' must be true or false")
        #expect(error("rules:\n  - id: Bad_ID\n    match: {keywords: [x]}\n") ==
            "test.yml:2:9: rule id 'Bad_ID' must use only a-z, 0-9 and '-'")
    }

    @Test func ruleNeedsIDAndMatchOrWhen() {
        #expect(error("rules:\n  - match: {keywords: [x]}\n") == "test.yml:2:5: rule has no 'id'")
        #expect(error("rules:\n  - id: a\n    severity: info\n") == "test.yml:2:5: rule 'a': a rule needs 'match', 'when' or 'prose'")
        #expect(error("rules:\n  - id: a\n    match: {case_sensitive: true}\n") ==
            "test.yml:3:12: rule 'a': 'match' needs 'regex', 'keywords' or 'keywords_file'")
    }

    @Test func replacementAndTemplatesAreChecked() {
        #expect(error("rules:\n  - id: a\n    action: replace\n    match: {keywords: [x]}\n") ==
            "test.yml:2:5: rule 'a': action 'replace' needs 'replacement'")
        #expect(error("rules:\n  - id: a\n    action: replace\n    replacement: y\n    when: {max_chars: 3}\n") ==
            "test.yml:2:5: rule 'a': action 'replace' needs 'match'")
        #expect(error("rules:\n  - id: a\n    replacement: y\n    match: {keywords: [x]}\n") ==
            "test.yml:3:18: rule 'a': 'replacement' needs action 'replace'")
        #expect(error("rules:\n  - id: a\n    action: replace\n    replacement: '$2'\n    match: {regex: ['(a)']}\n") ==
            "test.yml:4:18: rule 'a': '$2' refers to capture group 2, which no regex of the rule has")
        #expect(error("rules:\n  - id: a\n    message: 'Found {word}'\n    match: {regex: ['(?<w>a)']}\n") ==
            "test.yml:3:14: rule 'a': 'Found {word}' refers to capture group 'word', which no regex of the rule has")
        #expect(error("rules:\n  - id: a\n    message: 'Found {w} and {1}'\n    match: {regex: ['(?<w>a)']}\n") == nil)
    }

    @Test func missingKeywordsFileIsAnError() {
        #expect(error("rules:\n  - id: a\n    match: {keywords_file: lists/none.txt}\n") ==
            "test.yml:3:28: rule 'a': keywords_file 'lists/none.txt' cannot be read")
    }

    @Test func keywordsFileWithInvalidUTF8NamesItsLine() {
        let parser = RuleFileParser(file: "test.yml") { _ in Array("ok\n".utf8) + [0xFF, 0x0A] }
        #expect(throws: RuleLoadError(file: "test.yml", line: 3, column: 28, ruleID: "a",
                                      message: "keywords_file 'k.txt' line 2 is not valid UTF-8")) {
            try parser.parse(Array("rules:\n  - id: a\n    match: {keywords_file: k.txt}\n".utf8))
        }
    }

    @Test func yamlSyntaxErrorsHaveLineAndColumn() {
        #expect(error("rules:\n  - id: a\n    match: {keywords: [x]\n") ==
            "test.yml:4:1: YAML: did not find expected ',' or '}' (while parsing a flow mapping that begins at 3:12)")
        #expect(error("rules:\n\t- id: a\n") == "test.yml:2:1: YAML: found character that cannot start any token"
            + " (while scanning for the next token that begins at 2:1); YAML indents with spaces, not tabs")
        #expect(error("rules:\n  - id: \"a\n") ==
            "test.yml:3:1: YAML: found unexpected end of stream (while scanning a quoted scalar that begins at 2:9)")
        #expect(error("rules:\n  - id: a\n    id: b\n    match: {keywords: [x]}\n") ==
            "test.yml:2:5: YAML: duplicate key 'id'")
    }

    /// A rule file that is a device is named as such, not "unreadable"; a
    /// missing one gets the system's words.
    @Test func unreadableRuleFilesSayWhy() {
        #expect(throws: RuleLoadError(file: "/dev/null", message: "cannot read rule file: not a regular file")) {
            try RuleSet.loadFile("/dev/null")
        }
        #expect(throws: RuleLoadError(file: "/no/such.yml", message: "cannot read rule file: No such file or directory")) {
            try RuleSet.loadFile("/no/such.yml")
        }
    }

    @Test func onlyAnExplicitEmptyListHasNoRules() throws {
        #expect(try Support.rules("rules: []\n").isEmpty)
        #expect(error("") == "test.yml: the file is empty: a rule file needs a 'rules' list")
        #expect(error("# just a comment\n") == "test.yml: the file is empty: a rule file needs a 'rules' list")
        #expect(error("{}\n") == "test.yml:1:1: a rule file needs a 'rules' list")
    }

    @Test func duplicateIDIsAnError() throws {
        let rules = try Support.rules("rules:\n  - id: a\n    match: {keywords: [x]}\n  - id: a\n    match: {keywords: [y]}\n")
        #expect(throws: RuleLoadError(file: "test.yml", line: 4, column: 9, ruleID: "a",
                                      message: "duplicate rule id (first defined at test.yml:2:9)")) {
            try RuleSet(rules: rules)
        }
    }
}
