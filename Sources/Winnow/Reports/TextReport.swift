/// The compiler-style text report: one line a finding,
/// `path:line:column: severity: message [rule-id]`, as gcc, ripgrep's
/// `--vimgrep` and Vale's line output do, so editors can jump to it.
public enum TextReport {
    /// One line, without a trailing newline. Line and column are 1-based,
    /// the column counted in Unicode scalars.
    public static func line(for finding: Finding) -> String {
        "\(finding.path):\(finding.line):\(finding.column): \(finding.severity.rawValue): \(finding.message) [\(finding.ruleID)]"
    }

    /// The line for a rule that stopped on a PCRE2 resource limit.
    public static func line(for hit: LimitHit) -> String {
        "\(hit.path):\(hit.line): error: rule '\(hit.ruleID)' stopped on a regex resource limit (\(hit.error)); "
            + "the line is kept and the rule goes on with the next line"
    }
}
