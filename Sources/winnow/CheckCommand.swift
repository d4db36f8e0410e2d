import ArgumentParser
import Winnow

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Report findings as path:line:column: severity: message [rule-id].",
        discussion: """
            Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it; \
            2 a rule or input error (this wins over 1).
            """
    )

    @OptionGroup var rules: RuleOptions

    @Option(help: ArgumentHelp("Lowest severity that makes the exit code 1: info, warning, error or never.", valueName: "level"))
    var failOn: FailLevel = .warning

    @Argument(help: ArgumentHelp("Files or folders to check; - or nothing reads standard input.", valueName: "path"))
    var paths: [String] = []

    func run() throws {
        let run = InputRun(ruleSet: try rules.load())
        var failing = false
        run.forEach(run.expand(paths)) { _, _, result in
            for finding in result.findings {
                Console.output(line: TextReport.line(for: finding))
                if failOn.isMet(by: finding.severity) { failing = true }
            }
        }
        if run.failed { throw ExitCode(2) }
        if failing { throw ExitCode(1) }
    }
}

/// The `--fail-on` threshold.
enum FailLevel: String, ExpressibleByArgument, CaseIterable {
    case info, warning, error, never

    func isMet(by severity: Severity) -> Bool {
        guard let threshold = Severity(rawValue: rawValue) else { return false }
        return severity >= threshold
    }
}
