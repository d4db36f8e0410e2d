/// Everything a `check` run found, in report order: the input of every
/// report format.
///
/// Files are sorted by path (byte order), findings within a file by line,
/// column and rule id (``Finding/reportOrder(_:_:)``), notices by path and
/// line, so every format gives the same output whatever order the inputs
/// were processed in.
public struct CheckReport: Sendable {
    /// Every loaded rule, in load order (SARIF lists them all in `tool.driver.rules`).
    public let rules: [Rule]
    /// Every file that was scanned, findings or not.
    public let files: [FileReport]
    public let notices: [Notice]
    /// How many findings a baseline left out.
    public let baselinedCount: Int

    public init(rules: [Rule], files: [FileReport], notices: [Notice], baselinedCount: Int = 0) {
        self.rules = rules
        self.files = files.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        self.notices = notices.enumerated().sorted { lhs, rhs in
            let left = (lhs.element.path, lhs.element.line ?? 0), right = (rhs.element.path, rhs.element.line ?? 0)
            if left.0 != right.0 { return left.0.utf8.lexicographicallyPrecedes(right.0.utf8) }
            return (left.1, lhs.offset) < (right.1, rhs.offset)
        }.map(\.element)
        self.baselinedCount = baselinedCount
    }

    /// All findings, in report order.
    public var findings: [ReportedFinding] { files.flatMap(\.findings) }

    /// Number of files with at least one finding.
    public var filesWithFindings: Int { files.count(where: { !$0.findings.isEmpty }) }

    /// Number of files skipped as binary.
    public var skippedCount: Int { notices.count(where: { $0.kind == .skippedBinary }) }

    /// Number of findings of `severity`.
    public func count(_ severity: Severity) -> Int {
        files.reduce(0) { $0 + $1.findings.count(where: { $0.finding.severity == severity }) }
    }

    /// The same report without the findings that `baseline` holds.
    /// - Parameter root: the project root that the baseline's paths are relative to.
    public func excluding(_ baseline: Baseline, root: String) -> CheckReport {
        var left = 0
        let files = files.map { file in
            let kept = file.findings.filter { !baseline.contains($0, root: root) }
            left += file.findings.count - kept.count
            return FileReport(path: file.path, findings: kept)
        }
        return CheckReport(rules: rules, files: files, notices: notices, baselinedCount: baselinedCount + left)
    }
}

/// One scanned file and its findings.
public struct FileReport: Sendable {
    /// The file's name: the path as given, or the standard-input name.
    public let path: String
    /// In report order.
    public let findings: [ReportedFinding]

    /// The report of `document` with the `findings` a scan gave (in report order).
    public init(document: Document, findings: [Finding]) {
        var builder = Builder(path: document.name)
        builder.add(findings, in: document, lineOffset: 0, byteOffset: 0)
        self = builder.report
    }

    /// Builds a file's report from the findings of its segments, in order.
    public struct Builder: Sendable {
        public private(set) var report: FileReport
        private var fingerprints = Fingerprint.Counter()

        public init(path: String) {
            report = FileReport(path: path, findings: [])
        }

        /// Adds the findings made in `document`, a part of the file that starts
        /// after `lineOffset` lines, at byte `byteOffset`; the findings'
        /// positions are the file's (``Finding/shifted(lines:bytes:)``).
        public mutating func add(_ findings: [Finding], in document: Document, lineOffset: Int, byteOffset: Int) {
            let reported = findings.map { finding in
                let line = document.lines[finding.line - 1 - lineOffset]
                return ReportedFinding(
                    finding: finding, fingerprint: fingerprints.next(finding, line: document.bytes[line.content]),
                    sourceLine: SourceLine(start: line.start + byteOffset, bytes: Array(document.bytes[line.content])))
            }
            report = FileReport(path: report.path, findings: report.findings + reported)
        }
    }

    init(path: String, findings: [ReportedFinding]) {
        self.path = path
        self.findings = findings
    }
}

/// A finding with what reports need beyond it.
public struct ReportedFinding: Sendable, Equatable {
    public let finding: Finding
    /// See ``Fingerprint``.
    public let fingerprint: String
    /// The line the finding starts on, for the text report's excerpt.
    public let sourceLine: SourceLine
}

/// The content of one line of a document (terminator excluded).
public struct SourceLine: Sendable, Equatable {
    /// 0-based offset of the line's first byte in the document.
    public let start: Int
    /// The line's bytes, as read.
    public let bytes: [UInt8]
}
