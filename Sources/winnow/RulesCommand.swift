import ArgumentParser
import Winnow

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Work with the rule set.",
        subcommands: [TestCommand.self]
    )

    struct TestCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test",
            abstract: "Run every loaded rule's match and no_match examples.",
            discussion: "Each example is scanned as a whole document with its rule alone. Exit code 1 if any example fails."
        )

        @OptionGroup var rules: RuleOptions

        func run() throws {
            let ruleSet = try rules.load()
            let failures = ExampleRunner.failures(in: ruleSet)
            for failure in failures {
                Console.output(line: "\(failure.example.origin): error: rule '\(failure.ruleID)': \(failure.outcome): \(failure.quotedText)")
            }
            let examples = ruleSet.rules.reduce(0) { $0 + $1.examples.match.count + $1.examples.noMatch.count }
            Console.output(line: "\(examples - failures.count) passed, \(failures.count) failed (\(examples) examples in \(ruleSet.rules.count) rules)")
            if !failures.isEmpty { throw ExitCode(1) }
        }
    }
}
