import ArgumentParser
import Winnow

/// The options that choose the rule set, shared by every command.
struct RuleOptions: ParsableArguments {
    @Option(name: .customLong("rules"), help: ArgumentHelp(
        "A rule file, or a folder of .yml/.yaml rule files, added to the rule set (repeatable).",
        valueName: "path"))
    var paths: [String] = []

    @Flag(name: .customLong("no-default-rules"), help: "Leave out the built-in rule pack.")
    var noDefaultRules = false

    /// The loaded rule set; a load error is printed as one line and exits with 2.
    func load() throws -> RuleSet {
        do {
            return try RuleSet.load(paths: paths, includeBuiltin: !noDefaultRules)
        } catch {
            Console.error("\(error.place): error: \(error.cause)")
            throw ExitCode(2)
        }
    }
}
