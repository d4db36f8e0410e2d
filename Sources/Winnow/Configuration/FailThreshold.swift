/// The lowest severity that makes `winnow check` exit with 1 (`fail_on` in
/// `.winnow.yml`, `--fail-on` on the command line); `never` never does.
public enum FailThreshold: String, Sendable, CaseIterable {
    case info, warning, error, never

    /// Whether a finding of `severity` reaches the threshold.
    public func isMet(by severity: Severity) -> Bool {
        guard let threshold = Severity(rawValue: rawValue) else { return false }
        return severity >= threshold
    }
}
