import ArgumentParser
import Winnow

/// The options that choose the configuration and the rule set, shared by every command.
struct RuleOptions: ParsableArguments {
    @Option(name: .customLong("rules"), help: ArgumentHelp(
        "A rule file, a folder of .yml/.yaml rule files, or a built-in pack (default, corpus), added to the rule set (repeatable; ./corpus is a path).",
        valueName: "path"))
    var paths: [String] = []

    @Flag(name: .customLong("no-default-rules"), help: "Leave out the built-in rule pack.")
    var noDefaultRules = false

    @Option(name: .customLong("config"), help: ArgumentHelp(
        "The configuration file to use instead of the nearest .winnow.yml in this folder or above.", valueName: "file"))
    var configFile: String?

    @Option(name: .customLong("vale-config"), help: ArgumentHelp(
        "Run the rules of this Vale configuration (.vale.ini) and its styles instead of the built-in pack.", valueName: "file"))
    var valeConfig: String?

    @Option(name: .customLong("min-alert-level"), help: ArgumentHelp(
        "With --vale-config: Vale's MinAlertLevel (suggestion, warning or error) instead of the configuration's.", valueName: "level"))
    var minAlertLevel: String?

    /// The configuration and the rule set it and the options name; a load
    /// error is printed as one line and exits with 2.
    func load() throws -> Project {
        do {
            let configuration = try (configFile ?? Configuration.discover()).map(Configuration.load(file:)) ?? .none
            let vale = try valeConfig.map { (file) throws(RuleLoadError) in try ValeRules.translate(file, minAlertLevel: minAlertLevel) }
            var ruleSet = try RuleSet.load(paths: configuration.rulePaths + paths,
                                           includeBuiltin: configuration.includesBuiltinPack && !noDefaultRules && vale == nil,
                                           entries: configuration.ruleEntries)
            if let vale { ruleSet = try RuleSet(rules: ruleSet.rules + vale.rules.map(\.rule)) }
            try configuration.validate(against: ruleSet)
            if ruleSet.rules.isEmpty {
                Console.error("winnow: warning: no rules to run; every input passes")
            }
            return Project(configuration: configuration, ruleSet: ruleSet, isVale: vale != nil)
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
    /// Whether the rules come from `--vale-config` (the fail level is then `error`, as Vale's).
    var isVale = false
}

/// Reads a Vale configuration and translates it, printing its warnings.
enum ValeRules {
    static func translate(_ file: String, minAlertLevel: String?) throws(RuleLoadError) -> ValeTranslator.Result {
        if let minAlertLevel, !["suggestion", "warning", "error"].contains(minAlertLevel) {
            throw RuleLoadError(file: file, message: "--min-alert-level must be suggestion, warning or error, not '\(minAlertLevel)'")
        }
        let result = try ValeTranslator(configuration: ValeConfiguration.load(file: file), minAlertLevel: minAlertLevel).translate()
        for warning in result.warnings { Console.error(warning) }
        return result
    }
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

    func validate() throws {
        guard matchLimit > 0, jitStack >= 32 else {
            throw ValidationError("--match-limit must be at least 1 and --jit-stack at least 32 (KiB)")
        }
    }
}
