import Testing
@testable import Winnow

/// Every action and every scope, with the exact clean text.
@Suite struct ActionsAndScopesTests {
    private let article = "Title\n\nFirst paragraph says hello.\nIt has two lines.\n\nShare this: Facebook | X\n\nLast words.\n"

    private func rule(_ action: String, scope: String = "line", match: String = "{keywords: [hello]}", extra: String = "") -> String {
        "rules:\n  - id: r\n    action: \(action)\n    scope: \(scope)\n    match: \(match)\n\(extra)"
    }

    @Test func flagChangesNothing() throws {
        #expect(try Support.clean(article, rule("flag")) == article)
    }

    @Test func stripMatchRemovesTheMatch() throws {
        #expect(try Support.clean(article, rule("strip-match")) ==
            "Title\n\nFirst paragraph says .\nIt has two lines.\n\nShare this: Facebook | X\n\nLast words.\n")
    }

    @Test func replacePutsTheExpandedReplacement() throws {
        let yaml = rule("replace", match: "{regex: ['(?<word>h\\w+)o']}", extra: "    replacement: '[${word}/$1/$0/$$]'\n")
        #expect(try Support.clean(article, yaml) ==
            "Title\n\nFirst paragraph says [hell/hell/hello/$].\nIt has two lines.\n\nShare this: Facebook | X\n\nLast words.\n")
    }

    @Test func stripLineRemovesTheLine() throws {
        #expect(try Support.clean(article, rule("strip-line")) ==
            "Title\n\nIt has two lines.\n\nShare this: Facebook | X\n\nLast words.\n")
    }

    @Test func stripBlockRemovesTheParagraphAndOneSeparator() throws {
        #expect(try Support.clean(article, rule("strip-block")) == "Title\n\nShare this: Facebook | X\n\nLast words.\n")
    }

    @Test func rejectDropsTheDocument() throws {
        let document = Document(name: "d", bytes: Array(article.utf8))
        let ruleSet = try RuleSet(rules: try Support.rules(rule("reject")))
        let result = Cleaner.clean(document, findings: Scanner(ruleSet: ruleSet).scan(document).findings)
        #expect(result.bytes == [])
        #expect(result.rejection?.ruleID == "r")
        #expect(result.removed == [RemovedSpan(ruleID: "r", line: 1, byteOffset: 0, byteLength: article.utf8.count)])
    }

    @Test func blockScopeJudgesParagraphs() throws {
        let yaml = rule("strip-block", scope: "block", match: "{regex: ['says hello\\.\\nIt has']}")
        let result = try Support.scan(article, yaml)
        #expect(Support.spans(result.findings) == ["3:17-4:7 r"])
        #expect(try Support.clean(article, yaml) == "Title\n\nShare this: Facebook | X\n\nLast words.\n")
    }

    @Test func blockConditionsApplyToTheWholeParagraph() throws {
        let yaml = "rules:\n  - id: short-block\n    action: strip-block\n    scope: block\n    when: {max_chars: 30}\n"
        #expect(Support.spans(try Support.scan(article, yaml).findings) ==
            ["1:1-1:6 short-block", "6:1-6:25 short-block", "8:1-8:12 short-block"])
        #expect(try Support.clean(article, yaml) == "First paragraph says hello.\nIt has two lines.\n")
    }

    @Test func documentScopeJudgesTheWholeText() throws {
        let yaml = "rules:\n  - id: doc\n    action: reject\n    scope: document\n    when: {max_chars: 20}\n"
        #expect(Support.spans(try Support.scan("\nOnly a stub.\n\nEnd.\n", yaml).findings) == ["2:1-4:5 doc"])
        #expect(try Support.scan(article, yaml).findings.isEmpty)
    }

    @Test func documentScopeRegexSpansLines() throws {
        let yaml = rule("strip-match", scope: "document", match: "{regex: ['Share this:[^\\n]*\\n\\n']}")
        #expect(try Support.clean(article, yaml) == "Title\n\nFirst paragraph says hello.\nIt has two lines.\n\nLast words.\n")
    }

    @Test func strongestActionWinsOnOverlap() throws {
        let yaml = """
            rules:
              - id: swap
                action: replace
                replacement: greetings
                match: {keywords: [says hello]}
              - id: cut
                action: strip-match
                match: {keywords: [hello]}
            """
        #expect(Support.spans(try Support.scan(article, yaml).findings) == ["3:17-3:27 swap", "3:22-3:27 cut"])
        #expect(try Support.clean(article, yaml) ==
            "Title\n\nFirst paragraph says .\nIt has two lines.\n\nShare this: Facebook | X\n\nLast words.\n")
    }

    @Test func messageTemplatesUseCaptures() throws {
        let yaml = """
            rules:
              - id: date
                message: "{rule}: day {1} of month {month} in '{match}' on line {line}, {unknown"
                match: {regex: ['(\\d+)/(?<month>\\d+)']}
            """
        #expect(try Support.scan("x\nSáng 27/11, UBND", yaml).findings.map(\.message) ==
            ["date: day 27 of month 11 in '27/11' on line 2, {unknown"])
    }
}
