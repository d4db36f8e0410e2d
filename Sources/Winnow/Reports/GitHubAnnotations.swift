/// `check --format github`: GitHub Actions workflow commands that annotate
/// the changed files of a pull request (GitHub Docs, "Workflow commands for
/// GitHub Actions": setting an error, warning or notice message).
///
/// One line a finding, in report order, then one a notice:
///
/// ```
/// ::warning file=content/news.md,line=11,col=1,endLine=11,endColumn=10,title=read-more-link::Read-more link: Read more
/// ::error file=content/slow.md,line=4,title=rule.resource-limit::rule 'slow' stopped on a regex resource limit …
/// ```
///
/// The command is `error`, `warning` or `notice` (for info); `file` is the
/// path relative to the project root (``ProjectPath``), columns are Unicode
/// scalars, 1-based, `endColumn` exclusive. As the Actions toolkit escapes
/// them, the message turns `%`, CR and LF into `%25`, `%0D` and `%0A`, and
/// property values also turn `:` and `,` into `%3A` and `%2C`.
public enum GitHubAnnotations {
    /// The `github` format: the commands, each ending with a newline, the
    /// notices after the findings; empty when there is nothing to report.
    public struct Formatter: ReportFormatter {
        /// The project root that file paths are relative to.
        public let root: String

        public init(root: String) {
            self.root = root
        }

        public func part(of file: FileReport) -> [UInt8] {
            var text = ""
            for finding in file.findings.map(\.finding) {
                text += GitHubAnnotations.command(finding.severity, [
                    ("file", ProjectPath.relative(finding.path, to: root)), ("line", String(finding.line)),
                    ("col", String(finding.column)), ("endLine", String(finding.endLine)),
                    ("endColumn", String(finding.endColumn)), ("title", finding.ruleID),
                ], finding.message)
            }
            return Array(text.utf8)
        }

        public func write(parts: some ReportParts, notices: [Notice],
                          totals: ReportTotals, to output: ([UInt8]) throws -> Void) throws {
            try parts.forEach { _, part in if !part.isEmpty { try output(part) } }
            for notice in notices {
                try output(Array(GitHubAnnotations.command(notice.severity, [("file", ProjectPath.relative(notice.path, to: root))]
                    + (notice.line.map { [("line", String($0))] } ?? []) + [("title", notice.kind.rawValue)], notice.message).utf8))
            }
        }
    }

    private static func command(_ severity: Severity, _ properties: [(String, String)], _ message: String) -> String {
        let name = severity == .info ? "notice" : severity.rawValue
        let list = properties.map { "\($0.0)=\(escapedProperty($0.1))" }.joined(separator: ",")
        return "::\(name) \(list)::\(escapedData(message))\n"
    }

    static func escapedData(_ text: String) -> String {
        escaped(text, ["%": "%25", "\r": "%0D", "\n": "%0A"])
    }

    static func escapedProperty(_ text: String) -> String {
        escaped(text, ["%": "%25", "\r": "%0D", "\n": "%0A", ":": "%3A", ",": "%2C"])
    }

    private static func escaped(_ text: String, _ replacements: [Unicode.Scalar: String]) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if let replacement = replacements[scalar] { result += replacement } else { result.unicodeScalars.append(scalar) }
        }
        return result
    }
}
