/// Everything a `check` run found, in memory and in report order
/// (``ReportFormatter/render(_:)``, and `vale-line`); ``ReportWriter``
/// writes the same report without holding it.
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
        self.notices = Self.reportOrder(notices)
        self.baselinedCount = baselinedCount
    }

    /// `notices` sorted by path (byte order), then line (a notice without
    /// one first), keeping the given order otherwise.
    public static func reportOrder(_ notices: [Notice]) -> [Notice] {
        notices.enumerated().sorted { lhs, rhs in
            let left = (lhs.element.path, lhs.element.line ?? 0), right = (rhs.element.path, rhs.element.line ?? 0)
            if left.0 != right.0 { return left.0.utf8.lexicographicallyPrecedes(right.0.utf8) }
            return (left.1, lhs.offset) < (right.1, rhs.offset)
        }.map(\.element)
    }

    /// All findings, in report order.
    public var findings: [ReportedFinding] { files.flatMap(\.findings) }

    /// The report's counts.
    public var totals: ReportTotals {
        var totals = ReportTotals()
        for file in files { totals.add(file) }
        totals.count(notices)
        totals.baselined = baselinedCount
        return totals
    }

    /// The same report without the findings that `baseline` holds.
    /// - Parameter root: the project root that the baseline's paths are relative to.
    public func excluding(_ baseline: Baseline, root: String) -> CheckReport {
        let files = files.map { $0.excluding(baseline, root: root) }
        let left = self.files.reduce(0) { $0 + $1.findings.count } - files.reduce(0) { $0 + $1.findings.count }
        return CheckReport(rules: rules, files: files, notices: notices, baselinedCount: baselinedCount + left)
    }
}

/// The counts a report's summary gives.
public struct ReportTotals: Sendable, Equatable {
    /// Files (or JSONL documents) reported, findings or not.
    public var files = 0
    /// Files with at least one finding.
    public var filesWithFindings = 0
    /// Findings of each severity.
    public var errors = 0, warnings = 0, info = 0
    /// Files skipped as binary.
    public var skipped = 0
    /// Notices of severity `error` (an input that could not be read, a
    /// malformed record, a rule stopped by a resource limit): each makes
    /// the run exit with 2.
    public var errorNotices = 0
    /// Findings a baseline left out.
    public var baselined = 0

    public init() {}

    /// Counts `file` and its findings.
    public mutating func add(_ file: FileReport) {
        files += 1
        if !file.findings.isEmpty { filesWithFindings += 1 }
        // By index: a copy of each finding would retain its strings.
        for index in file.findings.indices {
            switch file.findings[index].finding.severity {
            case .error: errors += 1
            case .warning: warnings += 1
            case .info: info += 1
            }
        }
    }

    /// Adds the counts of `other`.
    public mutating func add(_ other: ReportTotals) {
        files += other.files
        filesWithFindings += other.filesWithFindings
        errors += other.errors
        warnings += other.warnings
        info += other.info
        skipped += other.skipped
        errorNotices += other.errorNotices
        baselined += other.baselined
    }

    /// Sets what the counts say of `notices`: the files skipped as binary
    /// and the error notices.
    public mutating func count(_ notices: [Notice]) {
        skipped = notices.count(where: { $0.kind == .skippedBinary })
        errorNotices = notices.count(where: { $0.severity == .error })
    }

    /// The number of findings of `severity`.
    public func count(_ severity: Severity) -> Int {
        switch severity {
        case .error: errors
        case .warning: warnings
        case .info: info
        }
    }
}

/// One scanned file and its findings.
public struct FileReport: Sendable {
    /// The file's name: the path as given, or the standard-input name.
    public let path: String
    /// In report order.
    public let findings: [ReportedFinding]

    /// The report of `document` with the `findings` a scan gave (in report order).
    /// - Parameter sourceLines: whether to copy each finding's line into its
    ///   ``ReportedFinding/sourceLine`` (``ReportFormatter/showsSourceLines``).
    public init(document: Document, findings: [Finding], sourceLines: Bool = true) {
        var builder = Builder(path: document.name, sourceLines: sourceLines)
        builder.add(findings, in: document, lineOffset: 0, byteOffset: 0)
        self = builder.report
    }

    /// The same file without the findings that `baseline` holds.
    /// - Parameter root: the project root that the baseline's paths are relative to.
    public func excluding(_ baseline: Baseline, root: String) -> FileReport {
        FileReport(path: path, findings: findings.filter { !baseline.contains($0, root: root) })
    }

    /// Builds a file's report from the findings of its segments, in order.
    public struct Builder: Sendable {
        private let path: String
        private let sourceLines: Bool
        private var findings: [ReportedFinding] = []
        private var fingerprints = Fingerprint.Counter()

        /// The report of the findings added so far.
        public var report: FileReport { FileReport(path: path, findings: findings) }

        /// - Parameter sourceLines: whether to copy each finding's line into
        ///   its ``ReportedFinding/sourceLine`` (``ReportFormatter/showsSourceLines``);
        ///   without them, source lines are empty.
        public init(path: String, sourceLines: Bool = true) {
            self.path = path
            self.sourceLines = sourceLines
        }

        /// Adds the findings made in `document`, a part of the file that starts
        /// after `lineOffset` lines, at byte `byteOffset`; the findings'
        /// positions are the file's (``Finding/shifted(lines:bytes:)``).
        ///
        /// Findings come in report order, so those of one line are adjacent:
        /// the fingerprint's hash of a rule id and a line (``Fingerprint``),
        /// the costly part, is made once for the findings of that rule there.
        public mutating func add(_ findings: [Finding], in document: Document, lineOffset: Int, byteOffset: Int) {
            let isValidUTF8 = document.firstInvalidUTF8Offset == nil
            var currentLine = -1
            var lineStates: [(ruleID: String, state: Fingerprint.LineState)] = []
            self.findings.reserveCapacity(self.findings.count + findings.count)
            for finding in findings {
                let index = finding.line - 1 - lineOffset
                let line = document.lines[index]
                if index != currentLine {
                    currentLine = index
                    lineStates.removeAll(keepingCapacity: true)
                }
                let state: Fingerprint.LineState
                if let known = lineStates.first(where: { $0.ruleID == finding.ruleID }) {
                    state = known.state
                } else {
                    state = Fingerprint.LineState(ruleID: finding.ruleID, line: document.bytes[line.content],
                                                  isValidUTF8: isValidUTF8)
                    lineStates.append((finding.ruleID, state))
                }
                self.findings.append(ReportedFinding(
                    finding: finding, fingerprintValue: fingerprints.next(state, matched: finding.matchedText),
                    sourceLine: SourceLine(start: line.start + byteOffset,
                                           bytes: sourceLines ? Array(document.bytes[line.content]) : [])))
            }
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
    public let fingerprintValue: Fingerprint.Value
    /// The fingerprint as reports write it, `HASH:N`.
    public var fingerprint: String { fingerprintValue.description }
    /// The line the finding starts on, for the text report's excerpt; its
    /// bytes are empty in a report built without source lines (``FileReport/Builder/init(path:sourceLines:)``).
    public let sourceLine: SourceLine
}

/// The content of one line of a document (terminator excluded).
public struct SourceLine: Sendable, Equatable {
    /// 0-based offset of the line's first byte in the document.
    public let start: Int
    /// The line's bytes, as read.
    public let bytes: [UInt8]
}
