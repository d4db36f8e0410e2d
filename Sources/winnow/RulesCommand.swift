import ArgumentParser
import Winnow

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List, explain and test the loaded rules.",
        subcommands: [ListCommand.self, ExplainCommand.self, TestCommand.self]
    )

    struct ListCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List the loaded rules with their category, severity, action, scope and source.")

        @OptionGroup var rules: RuleOptions

        @Option(help: "Output format: text or json.")
        var format: ListFormat = .text

        enum ListFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

        func run() throws {
            let ruleSet = try rules.load().ruleSet
            try Console.output(Array((format == .json ? RuleCatalog.json(ruleSet) : RuleCatalog.table(ruleSet)).utf8))
        }
    }

    struct ExplainCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "explain", abstract: "Show everything about one rule: patterns, conditions, examples, source.")

        @OptionGroup var rules: RuleOptions

        @Argument(help: "The rule id.")
        var id: String

        func run() throws {
            let ruleSet = try rules.load().ruleSet
            guard let rule = ruleSet.rules.first(where: { $0.id == id }) else {
                let hint = ruleSet.closestRuleID(to: id).map { " (did you mean '\($0)'?)" } ?? ""
                throw Console.failure("no rule '\(id)' is loaded\(hint)")
            }
            try Console.output(Array(RuleCatalog.explanation(rule).utf8))
        }
    }

    struct TestCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test",
            abstract: "Run rules' match and no_match examples.",
            discussion: """
                With PATHs, tests the rules of those files and folders alone; without, every loaded rule. \
                Each example is scanned as a whole document with its rule alone. Exit code 1 if any example fails.
                """
        )

        @OptionGroup var rules: RuleOptions

        @Argument(help: ArgumentHelp("Rule files or folders to test.", valueName: "path"))
        var paths: [String] = []

        func run() throws {
            let ruleSet: RuleSet
            if paths.isEmpty {
                ruleSet = try rules.load().ruleSet
            } else {
                do {
                    ruleSet = try RuleSet.load(paths: paths, includeBuiltin: false)
                } catch {
                    Console.error("\(error.place): error: \(error.cause)")
                    throw ExitCode(2)
                }
            }
            let failures = ExampleRunner.failures(in: ruleSet)
            for failure in failures {
                try Console.output(line: "\(failure.example.origin): error: rule '\(failure.ruleID)': \(failure.outcome): "
                    + RuleCatalog.quoted(failure.example.text))
            }
            let examples = ruleSet.rules.reduce(0) { $0 + $1.examples.match.count + $1.examples.noMatch.count }
            let rulesCount = ruleSet.rules.count == 1 ? "1 rule" : "\(ruleSet.rules.count) rules"
            try Console.output(line: "\(examples - failures.count) passed, \(failures.count) failed (\(examples) examples in \(rulesCount))")
            if !failures.isEmpty { throw ExitCode(1) }
        }
    }
}
