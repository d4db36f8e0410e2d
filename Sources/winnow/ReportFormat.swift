import ArgumentParser
import Foundation
import Winnow

/// `check --format`.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, jsonl, sarif, junit, github
    case valeLine = "vale-line"

    /// The formatter that writes the report file by file; nil for
    /// `vale-line`, which sorts findings across files by their relative path
    /// and so renders a whole ``CheckReport``. `root` is the project root (the
    /// current folder) that SARIF and GitHub paths are relative to.
    func formatter(rules: [Rule], root: String, colour: Bool) -> (any ReportFormatter)? {
        switch self {
        case .text: TextReport.Formatter(colour: colour)
        case .json: JSONReport.DocumentFormatter()
        case .jsonl: JSONReport.LinesFormatter()
        case .sarif: SARIFReport.Formatter(rules: rules, root: root)
        case .junit: JUnitReport.Formatter()
        case .github: GitHubAnnotations.Formatter(root: root)
        case .valeLine: nil
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
