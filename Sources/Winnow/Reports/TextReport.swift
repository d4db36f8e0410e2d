/// `check --format text`: compiler-style diagnostics, as gcc and clang print
/// them, so editors can jump to each finding.
///
/// Each finding is three lines: `path:line:column: severity: message
/// [rule-id]` (line and column 1-based, the column in Unicode scalars), then
/// the source line and a caret line under the match (``SourceExcerpt``):
///
/// ```
/// notes.txt:2:1: warning: Read-more link: Read more [read-more-link]
///  2 | Read more
///    | ^~~~~~~~~
/// ```
///
/// With `colour`, ANSI SGR escapes make the location and message bold, the
/// severity red (error), magenta (warning) or cyan (info), and the gutter
/// blue and the caret line green, as clang does.
public enum TextReport {
    /// The `text` format: every finding in report order, each with its
    /// excerpt; ends with a newline unless there are no findings. The
    /// summary goes apart (``summary(of:)``).
    public struct Formatter: ReportFormatter {
        /// Whether to write ANSI colour.
        public let colour: Bool

        public init(colour: Bool) {
            self.colour = colour
        }

        /// Each finding's excerpt shows its line.
        public var showsSourceLines: Bool { true }

        public func part(of file: FileReport) -> [UInt8] {
            Array(file.findings.map { reported in
                ([colour ? TextReport.colouredLine(for: reported.finding) : TextReport.line(for: reported.finding)]
                    + SourceExcerpt(reported).lines(colour: colour)).map { $0 + "\n" }.joined()
            }.joined().utf8)
        }

        public func write(parts: some ReportParts, notices: [Notice],
                          totals: ReportTotals, to output: ([UInt8]) throws -> Void) throws {
            try parts.forEach { _, part in if !part.isEmpty { try output(part) } }
        }
    }

    /// The first line of a finding, without a trailing newline.
    public static func line(for finding: Finding) -> String {
        "\(shown(finding.path)):\(finding.line):\(finding.column): \(finding.severity.rawValue): \(shown(finding.message)) [\(finding.ruleID)]"
    }

    /// A notice as one line, `path[:line]: severity: message`, without a trailing newline.
    public static func line(for notice: Notice) -> String {
        "\(shown(notice.path))\(notice.line.map { ":\($0)" } ?? ""): \(notice.severity.rawValue): \(notice.message)"
    }

    /// `text` (a path or a message) with its control characters shown as
    /// Control Pictures, as excerpts show them, so that a diagnostic stays
    /// one line and writes no terminal escape: a JSONL document is named by
    /// its `--id-field`, and a message may quote the match (`{match}`).
    static func shown(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) else { return text }
        var shown = String.UnicodeScalarView()
        shown.append(contentsOf: text.unicodeScalars.map { SourceExcerpt.controlPicture(of: $0) ?? $0 })
        return String(shown)
    }

    /// The closing summary, such as `3 errors, 5 warnings in 2 of 14 files`:
    /// errors and warnings always, info when there is some, then the files
    /// with findings of the files scanned; `no findings in 14 files` when
    /// there are none. Files skipped as binary, error notices (which make
    /// the exit code 2) and findings left out by a baseline are added after
    /// a `;` when there are any: `…; 1 error notice`.
    ///
    /// With `records`, the count of JSONL records scanned (`--jsonl`), the
    /// summary counts documents instead: `… in 2 of 14 documents`, the
    /// documents with findings of every record scanned (reports list only
    /// the documents with findings, so `totals` does not hold that count).
    public static func summary(of totals: ReportTotals, records: Int? = nil) -> String {
        var counts = [counted(totals.errors, "error"), counted(totals.warnings, "warning")]
        if totals.info > 0 { counts.append("\(totals.info) info") }
        let scanned = records.map { counted($0, "document") } ?? counted(totals.files, "file")
        var text = totals.filesWithFindings == 0 ? "no findings in \(scanned)"
            : "\(counts.joined(separator: ", ")) in \(totals.filesWithFindings) of \(scanned)"
        if totals.skipped > 0 { text += "; \(counted(totals.skipped, "file")) skipped (binary)" }
        if totals.errorNotices > 0 { text += "; \(counted(totals.errorNotices, "error notice"))" }
        if totals.baselined > 0 { text += "; \(counted(totals.baselined, "baselined finding")) not shown" }
        return text
    }

    private static func counted(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }

    private static func colouredLine(for finding: Finding) -> String {
        let severity: SGR = switch finding.severity {
        case .error: .red
        case .warning: .magenta
        case .info: .cyan
        }
        return SGR.bold.wrap("\(shown(finding.path)):\(finding.line):\(finding.column):") + " "
            + severity.wrap("\(finding.severity.rawValue):") + " " + SGR.bold.wrap(shown(finding.message)) + " [\(finding.ruleID)]"
    }
}

/// ANSI Select Graphic Rendition sequences (ECMA-48 §8.3.117).
enum SGR: String {
    case bold = "1"
    case red = "1;31"
    case green = "1;32"
    case magenta = "1;35"
    case cyan = "1;36"
    case blue = "1;34"

    /// `text` in this style, followed by a reset.
    func wrap(_ text: String) -> String {
        "\u{1B}[\(rawValue)m\(text)\u{1B}[0m"
    }
}
