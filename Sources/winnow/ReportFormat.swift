import ArgumentParser
import Foundation
import Winnow

/// `check --format`.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, jsonl, sarif, junit, github
    case valeLine = "vale-line"

    /// The report's bytes for standard output; `root` is the project root
    /// (the current folder) that SARIF and GitHub paths are relative to.
    func render(_ report: CheckReport, root: String, colour: Bool) -> [UInt8] {
        switch self {
        case .text: Array(TextReport.render(report, colour: colour).utf8)
        case .json: JSONReport.document(report)
        case .jsonl: JSONReport.lines(report)
        case .sarif: SARIFReport.render(report, root: root)
        case .junit: JUnitReport.render(report)
        case .github: GitHubAnnotations.render(report, root: root)
        case .valeLine: ValeLineReport.render(report, root: root)
        }
    }
}

/// `check --color`: whether the text report uses ANSI colour.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never

    /// `auto` colours only when standard output is a terminal and the
    /// `NO_COLOR` environment variable is unset or empty (no-color.org).
    var isOn: Bool {
        switch self {
        case .always: true
        case .never: false
        case .auto: isatty(STDOUT_FILENO) != 0 && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        }
    }
}
