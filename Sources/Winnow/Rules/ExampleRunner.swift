/// Checks rules against their own examples, as SwiftLint checks its rules'
/// triggering and non-triggering examples.
///
/// Each example is scanned as a whole document with its rule alone: a
/// `match` example passes when the rule reports at least one finding, a
/// `no_match` example when it reports none and hits no resource limit.
public enum ExampleRunner {
    /// The examples that fail, in rule order then example order.
    public static func failures(in ruleSet: RuleSet) -> [ExampleFailure] {
        ruleSet.rules.flatMap { rule in
            let scanner = Scanner(ruleSet: RuleSet(unchecked: [rule]))
            func count(_ example: Rule.Example) -> (findings: Int, limited: Bool) {
                let result = scanner.scan(Document(name: "example", bytes: Array(example.text.utf8)))
                return (result.findings.count, !result.limitHits.isEmpty)
            }
            let missed = rule.examples.match.filter { count($0).findings == 0 }
                .map { ExampleFailure(ruleID: rule.id, example: $0, expectedMatch: true) }
            let wrong = rule.examples.noMatch.filter { let r = count($0); return r.findings > 0 || r.limited }
                .map { ExampleFailure(ruleID: rule.id, example: $0, expectedMatch: false) }
            return missed + wrong
        }
    }
}

/// An example whose outcome differs from what its rule file says.
public struct ExampleFailure: Sendable, Equatable, CustomStringConvertible {
    public let ruleID: String
    public let example: Rule.Example
    /// True for a `match` example that gave no finding; false for a
    /// `no_match` example that gave one.
    public let expectedMatch: Bool

    /// What went wrong, such as "match example gave no finding".
    public var outcome: String {
        expectedMatch ? "match example gave no finding" : "no_match example gave a finding"
    }

    /// `FILE:LINE:COLUMN: rule 'ID': OUTCOME: "TEXT"`.
    public var description: String {
        "\(example.origin): rule '\(ruleID)': \(outcome): \(RuleCatalog.quoted(example.text))"
    }
}
