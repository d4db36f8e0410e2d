import Testing
@testable import Winnow

@Suite struct SuppressionTests {
    private let yaml = """
        rules:
          - id: read-more
            match: {keywords: [read more]}
          - id: promo
            match: {keywords: [promo]}
        """

    private func spans(_ text: String, name: String) throws -> [String] {
        let ruleSet = try RuleSet(rules: try Support.rules(yaml))
        return Support.spans(Scanner(ruleSet: ruleSet).scan(Document(name: name, bytes: Array(text.utf8))).findings)
    }

    @Test func nextLineInMarkdown() throws {
        let text = "<!-- winnow-disable-next-line read-more -->\nRead more promo\nRead more\n"
        #expect(try spans(text, name: "a.md") == ["2:11-2:16 promo", "3:1-3:10 read-more"])
    }

    @Test func disableAndEnableInHTML() throws {
        let text = "<!-- winnow-disable read-more, promo -->\nRead more promo\n<!-- winnow-enable promo -->\nRead more promo\n<!-- winnow-enable -->\nRead more\n"
        #expect(try spans(text, name: "a.html") == ["4:11-4:16 promo", "6:1-6:10 read-more"])
    }

    @Test func hashFormInPlainTextAndNoIDMeansAll() throws {
        let text = "# winnow-disable-next-line\nRead more promo\n# winnow-disable promo\npromo\n"
        #expect(try spans(text, name: "a.txt") == [])
        #expect(try spans("<!-- winnow-disable-next-line -->\nRead more\n", name: "a.txt") == ["2:1-2:10 read-more"])
    }

    @Test func unknownRuleIsReported() throws {
        let text = "<!-- winnow-disable-next-line read-mor -->\nRead more\n"
        let ruleSet = try RuleSet(rules: try Support.rules(yaml))
        let findings = Scanner(ruleSet: ruleSet).scan(Document(name: "a.md", bytes: Array(text.utf8))).findings
        #expect(Support.spans(findings) == ["1:31-1:39 unknown-suppression", "2:1-2:10 read-more"])
        #expect(findings.first?.message == "suppression names unknown rule 'read-mor' (did you mean 'read-more'?)")
    }
}
