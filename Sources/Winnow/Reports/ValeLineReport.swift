/// `check --format vale-line`: Vale's `--output=line` report
/// (vale.sh/docs/cli), one finding a line:
///
/// ```
/// docs/intro.md:3:11:write-good.Weasel:'very' is a weasel word!
/// ```
///
/// The path is relative to the project root (``ProjectPath``); line and
/// column are 1-based, the column in Unicode scalars (Vale's code points);
/// the rule is the Vale name of a ``ProseCheck`` rule, else the Winnow id.
/// Findings are sorted by path, line and column; notices are not included
/// (they go to standard error).
public enum ValeLineReport {
    /// The lines, each ending with a newline; empty when there is nothing to report.
    public static func render(_ report: CheckReport, root: String) -> [UInt8] {
        let names = Dictionary(report.rules.map { ($0.id, $0.prose?.name ?? $0.id) }, uniquingKeysWith: { first, _ in first })
        let lines = report.findings.map(\.finding).map { finding in
            (ProjectPath.relative(finding.path, to: root), finding)
        }.sorted { ($0.0.utf8.lexicographicallyPrecedes($1.0.utf8)) || ($0.0 == $1.0 && ($0.1.line, $0.1.column) < ($1.1.line, $1.1.column)) }
        return Array(lines.map { path, finding in
            "\(path):\(finding.line):\(finding.column):\(names[finding.ruleID] ?? finding.ruleID):\(finding.message)\n"
        }.joined().utf8)
    }
}
