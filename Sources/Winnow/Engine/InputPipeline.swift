/// Runs one input through Winnow in bounded memory: read → segment → match →
/// decide → emit. The input is read as a ``SegmentReader`` gives it; each
/// segment is scanned (and cleaned) as a document, with positions moved to
/// the input's, and each result is handed on as an ``Event`` in input order.
///
/// An input of up to one segment (16 MiB) is scanned whole, exactly as
/// ``Scanner`` scans a ``Document``. In a larger one, `head` rules see the
/// first segment, `tail` rules the last, `document`-scope rules are not
/// applied (``Event/documentRulesSkipped(_:)``), and lines longer than a
/// segment are passed through unmatched (``Event/longLine(line:byteOffset:)``).
public struct InputPipeline: Sendable {
    public let scanner: Scanner

    public init(scanner: Scanner) {
        self.scanner = scanner
    }

    /// What the pipeline found, in input order.
    public enum Event {
        /// The input is not text (binary or UTF-16): it is not scanned. When
        /// cleaning, a binary input's bytes follow as ``output(clean:original:)``.
        case notText(InputKind)
        /// The input's first invalid UTF-8 byte: its 1-based line and
        /// 0-based offset; reported once.
        case invalidUTF8(line: Int, offset: Int)
        /// A segment's findings, in report order, with the segment (whose
        /// document holds the findings' lines).
        case findings([Finding], SegmentReader.Segment)
        /// Rules that hit a resource limit, each at most once per input.
        case limitHits([LimitHit])
        /// Clean bytes to write, when cleaning, and the input bytes they come from.
        case output(clean: [UInt8], original: [UInt8])
        /// Spans removed or replaced by cleaning, in input offsets, with the
        /// segment they were cut from.
        case removed([RemovedSpan], SegmentReader.Segment)
        /// A `reject` rule hit: the clean output so far is void and nothing else follows.
        case rejected(Finding)
        /// A line longer than a segment, passed through unmatched (1-based line).
        case longLine(line: Int, byteOffset: Int)
        /// Document-scope rules that a segmented input does not get.
        case documentRulesSkipped([String])
    }

    /// Processes the input that `reader` reads.
    /// - Parameters:
    ///   - name: the input's name in findings.
    ///   - cleaning: whether to clean and emit ``Event/output(_:)`` and ``Event/removed(_:)``.
    ///   - repeats: the counts of the input's group, for `min_repeats` rules.
    /// - Throws: what reading or `emit` throws.
    public func run(name: String, reader: inout SegmentReader, cleaning: Bool, repeats: RepetitionIndex.Counts? = nil,
                    emit: (Event) throws -> Void) throws {
        var reportedLimits: Set<String> = []
        var invalidReported = false
        var isFirstPiece = true
        while let piece = try reader.next(name: name) {
            if isFirstPiece {
                isFirstPiece = false
                let kind = InputKind(prefix: piece.bytes)
                if kind != .text {
                    try emit(.notText(kind))
                    // Clean passes a binary input through as it is: nothing is lost.
                    guard cleaning, case .binary = kind else { return }
                    return try passThrough(piece, reader: &reader, name: name, emit: emit)
                }
                let skipped = scanner.ruleSet.rules.filter { $0.scope == .document }.map(\.id)
                let whole = if case .segment(let segment) = piece { segment.isLast } else { false }
                if !whole && !skipped.isEmpty { try emit(.documentRulesSkipped(skipped)) }
            }
            switch piece {
            case .longLine(let chunk):
                if chunk.isStart { try emit(.longLine(line: chunk.line, byteOffset: chunk.byteOffset)) }
                if cleaning { try emit(.output(clean: chunk.bytes, original: chunk.bytes)) }
            case .segment(let segment):
                let document = segment.document
                if !invalidReported, let offset = document.firstInvalidUTF8Offset {
                    invalidReported = true
                    try emit(.invalidUTF8(line: segment.lineOffset + document.position(ofByte: offset).line,
                                          offset: segment.byteOffset + offset))
                }
                let result = scanner.scan(document, isStart: segment.isFirst, isEnd: segment.isLast, repeats: repeats)
                let shift = { (finding: Finding) in finding.shifted(lines: segment.lineOffset, bytes: segment.byteOffset) }
                let limits = result.limitHits.filter { reportedLimits.insert($0.ruleID).inserted }
                    .map { $0.shifted(lines: segment.lineOffset) }
                if !limits.isEmpty { try emit(.limitHits(limits)) }
                try emit(.findings(result.findings.map(shift), segment))
                guard cleaning else { continue }
                let clean = Cleaner.clean(document, findings: result.findings)
                if let rejection = clean.rejection { return try emit(.rejected(shift(rejection))) }
                try emit(.output(clean: clean.bytes, original: document.bytes))
                if !clean.removed.isEmpty {
                    try emit(.removed(clean.removed.map { $0.shifted(lines: segment.lineOffset, bytes: segment.byteOffset) }, segment))
                }
            }
        }
    }

    /// Emits `first` and every later piece unchanged, as clean output.
    private func passThrough(_ first: SegmentReader.Piece, reader: inout SegmentReader, name: String,
                             emit: (Event) throws -> Void) throws {
        var piece: SegmentReader.Piece? = first
        while let current = piece {
            try emit(.output(clean: current.bytes, original: current.bytes))
            piece = try reader.next(name: name)
        }
    }
}
