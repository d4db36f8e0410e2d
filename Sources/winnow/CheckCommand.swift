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

    @OptionGroup var walk: WalkOptions

    @Option(help: ArgumentHelp(
        "Lowest severity that makes the exit code 1: info, warning, error or never (default: fail_on, else warning).",
        valueName: "level"))
    var failOn: FailThreshold?

    @Argument(help: ArgumentHelp(
        "Files or folders to check; - reads standard input. Default: the configuration's folder, else standard input.",
        valueName: "path"))
    var paths: [String] = []

    func run() throws {
        let run = InputRun(project: try rules.load())
        let threshold = failOn ?? run.project.configuration.failOn ?? .warning
        var failing = false
        for input in run.expand(paths, walk: walk) {
            _ = try run.process(input, cleaning: false) { event in
                guard case .findings(let findings) = event else { return }
                for finding in findings {
                    try Console.output(line: TextReport.line(for: finding))
                    if threshold.isMet(by: finding.severity) { failing = true }
                }
            }
        }
        if run.failed { throw ExitCode(2) }
        if failing { throw ExitCode(1) }
    }
}

extension FailThreshold: ExpressibleByArgument {}
