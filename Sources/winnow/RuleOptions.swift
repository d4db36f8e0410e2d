import ArgumentParser
import Winnow

/// The options that choose the configuration and the rule set, shared by every command.
struct RuleOptions: ParsableArguments {
    @Option(name: .customLong("rules"), help: ArgumentHelp(
        "A rule file, or a folder of .yml/.yaml rule files, added to the rule set (repeatable).",
        valueName: "path"))
    var paths: [String] = []

    @Flag(name: .customLong("no-default-rules"), help: "Leave out the built-in rule pack.")
    var noDefaultRules = false

    @Option(name: .customLong("config"), help: ArgumentHelp(
        "The configuration file to use instead of the nearest .winnow.yml in this folder or above.", valueName: "file"))
    var configFile: String?

    /// The configuration and the rule set it and the options name; a load
    /// error is printed as one line and exits with 2.
    func load() throws -> Project {
        do {
            let configuration = try (configFile ?? Configuration.discover()).map(Configuration.load(file:)) ?? .none
            let ruleSet = try RuleSet.load(paths: configuration.rulePaths + paths,
                                           includeBuiltin: configuration.includesBuiltinPack && !noDefaultRules)
            try configuration.validate(against: ruleSet)
            return Project(configuration: configuration, ruleSet: ruleSet)
        } catch {
            Console.error("\(error.place): error: \(error.cause)")
            throw ExitCode(2)
        }
    }
}

/// A loaded configuration and rule set.
struct Project {
    let configuration: Configuration
    let ruleSet: RuleSet
}

/// The options that decide which files a folder gives.
struct WalkOptions: ParsableArguments {
    @Flag(help: "Also check hidden files and folders (names starting with '.').")
    var hidden = false

    @Flag(name: .customLong("no-ignore"), help: "Do not honour .gitignore files.")
    var noIgnore = false

    var options: FileWalker.Options { FileWalker.Options(hidden: hidden, ignoreFiles: !noIgnore) }
}

/// The PCRE2 resource limits of every match (see ``MatchLimits``).
struct LimitOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Backtracking steps one match attempt may take before the rule is reported and skipped on that line.",
                               valueName: "steps"))
    var matchLimit: UInt32 = MatchLimits().matchLimit

    @Option(help: ArgumentHelp("Largest JIT stack, in KiB.", valueName: "kib"))
    var jitStack: Int = MatchLimits().jitStackBytes / 1024

    var limits: MatchLimits { MatchLimits(matchLimit: matchLimit, jitStackBytes: jitStack * 1024) }
}
