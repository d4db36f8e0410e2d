/// A `check` report format written one file at a time: each file's part is
/// made when the file is scanned, and the parts are put together in report
/// order at the end (``ReportWriter``), so a run need not keep its findings.
public protocol ReportFormatter: Sendable {
    /// The bytes `file` gives the report, written where the file falls in
    /// report order (by path, byte order).
    func part(of file: FileReport) -> [UInt8]

    /// Writes the whole report to `output`, in pieces.
    /// - Parameters:
    ///   - parts: each file's path and part, in report order.
    ///   - notices: in report order (``CheckReport/reportOrder(_:)``).
    ///   - totals: the counts of the whole report.
    /// - Throws: what `parts` or `output` throws.
    func write(parts: some ReportParts, notices: [Notice],
               totals: ReportTotals, to output: ([UInt8]) throws -> Void) throws

    /// Whether ``part(of:)`` reads ``ReportedFinding/sourceLine``; the
    /// reports of other formats are built without copying the lines.
    var showsSourceLines: Bool { get }
}

/// The parts of a report's files (``ReportFormatter/part(of:)``), in report order.
public protocol ReportParts {
    /// Calls `body` with each file's path and part, in report order. It may
    /// be called more than once.
    /// - Throws: what reading the parts or `body` throws.
    func forEach(_ body: (String, [UInt8]) throws -> Void) throws
}

extension ReportSpool: ReportParts {}

/// The parts of the files of a report in memory.
private struct RenderedParts: ReportParts {
    let files: [FileReport]
    let formatter: any ReportFormatter

    func forEach(_ body: (String, [UInt8]) throws -> Void) throws {
        for file in files { try body(file.path, formatter.part(of: file)) }
    }
}

extension ReportFormatter {
    /// No source lines, unless the format says otherwise.
    public var showsSourceLines: Bool { false }

    /// The whole report of `report`, in memory.
    public func render(_ report: CheckReport) -> [UInt8] {
        var out: [UInt8] = []
        // Neither the parts nor the output can throw here.
        try! write(parts: RenderedParts(files: report.files, formatter: self), notices: report.notices,
                   totals: report.totals, to: { out += $0 })
        return out
    }
}

/// A file's share of a report (``ReportEntry/Maker``): its part and its
/// counts, made on any thread and added to a ``ReportWriter`` in any order.
public struct ReportEntry: Sendable {
    /// The file's path, the part's key in report order.
    public let path: String
    /// See ``ReportFormatter/part(of:)``; nil when the file is not listed
    /// (``Maker/entry(for:listedWithoutFindings:)``).
    public let part: [UInt8]?
    /// The file's counts, findings a baseline left out included.
    public let totals: ReportTotals

    /// Makes the entries of a report: a value, so that the threads that scan
    /// files can make them while one thread adds them up.
    public struct Maker: Sendable {
        /// The report's format.
        public let formatter: any ReportFormatter
        /// Findings to leave out (counted in ``ReportTotals/baselined``).
        public let baseline: Baseline?
        /// The project root that the baseline's paths are relative to.
        public let root: String

        public init(formatter: any ReportFormatter, baseline: Baseline? = nil, root: String) {
            self.formatter = formatter
            self.baseline = baseline
            self.root = root
        }

        /// The entry of `file`, less the findings the baseline holds.
        /// - Parameter listedWithoutFindings: whether a file left without
        ///   findings is listed in the report (every scanned file is); when
        ///   false (a JSONL record, listed only with findings), such a file
        ///   counts only its baselined findings and has no part.
        public func entry(for file: FileReport, listedWithoutFindings: Bool = true) -> ReportEntry {
            var file = file
            var totals = ReportTotals()
            if let baseline {
                let count = file.findings.count
                file = file.excluding(baseline, root: root)
                totals.baselined = count - file.findings.count
            }
            guard listedWithoutFindings || !file.findings.isEmpty else {
                return ReportEntry(path: file.path, part: nil, totals: totals)
            }
            totals.add(file)
            return ReportEntry(path: file.path, part: formatter.part(of: file), totals: totals)
        }
    }
}

/// Writes a `check` report as files arrive, in any order: each file's
/// entry (``ReportEntry``: its part, less the findings a baseline holds,
/// and its counts) is counted and its part kept in a ``ReportSpool``, which
/// holds a bounded number of bytes in memory and the rest in a temporary
/// file; ``finish(notices:to:)`` writes the report. The output is the bytes
/// that ``ReportFormatter/render(_:)`` gives for a ``CheckReport`` of the same files.
public final class ReportWriter {
    /// Makes each file's entry; ``add(_:)-(FileReport)`` uses it, and other
    /// threads may too, for ``add(_:)-(ReportEntry)``.
    public let maker: ReportEntry.Maker
    private let spool: ReportSpool
    /// The counts so far (``ReportTotals/skipped`` is set by ``finish(notices:to:)``).
    public private(set) var totals = ReportTotals()

    /// - Parameters:
    ///   - baseline: findings to leave out (counted in ``ReportTotals/baselined``).
    ///   - root: the project root that the baseline's paths are relative to.
    ///   - spool: where the parts are kept until the end.
    public init(formatter: any ReportFormatter, baseline: Baseline? = nil, root: String, spool: ReportSpool = ReportSpool()) {
        maker = ReportEntry.Maker(formatter: formatter, baseline: baseline, root: root)
        self.spool = spool
    }

    /// Adds a scanned file.
    /// - Throws: ``InputError`` when the spool cannot write its temporary file.
    public func add(_ file: FileReport) throws(InputError) {
        try add(maker.entry(for: file))
    }

    /// Adds a file's entry, made by ``maker``.
    /// - Throws: ``InputError`` when the spool cannot write its temporary file.
    public func add(_ entry: ReportEntry) throws(InputError) {
        totals.add(entry.totals)
        if let part = entry.part { try spool.add(part, key: entry.path) }
    }

    /// Writes the report to `output`, in pieces of about 1 MiB.
    /// - Throws: ``InputError`` when the spool cannot read its temporary
    ///   file, and what `output` throws.
    public func finish(notices: [Notice], to output: ([UInt8]) throws -> Void) throws {
        totals.count(notices)
        var buffer: [UInt8] = []
        try maker.formatter.write(parts: spool, notices: CheckReport.reportOrder(notices),
                            totals: totals) { bytes in
            buffer += bytes
            if buffer.count >= 1 << 20 {
                try output(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        if !buffer.isEmpty { try output(buffer) }
    }
}
