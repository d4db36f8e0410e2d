/// Runs a JSON Lines input through Winnow: each line is one document whose
/// text is a string field (SPEC section 3, `--jsonl`). Only that field is
/// decoded and, when cleaning changes it, re-encoded and spliced back into
/// the raw line (``JSONLRecord``): other fields, key order and spacing stay
/// byte for byte, and a record that clean does not change is written as it was.
///
/// Memory is bounded by ``SegmentReader``'s segment: records are taken from
/// segments of whole lines, and a record longer than a segment is passed
/// through unchecked, with an event that says so. The records of a segment
/// are scanned by ``threads`` threads at once (``OrderedParallelMap``,
/// records taken in chunks as threads come free) and their events handed
/// on in input order, so the output is the same whatever the number of
/// threads.
public struct JSONLPipeline: Sendable {
    public let scanner: Scanner
    /// The field that holds the text (`--text-field`, default `text`).
    public let textField: String
    /// The field that names a document in reports (`--id-field`): a string
    /// or a number (``JSONLRecord/identifier(_:)``); without it, or when a
    /// record lacks it, a document is named `PATH:LINE`.
    public let idField: String?

    /// How many threads scan records at once (`--threads`).
    public let threads: Int
    /// The field that names a record's group (`--group-by`); see
    /// ``CorpusReader`` for records without it. A record whose field is not
    /// a string is malformed.
    public let groupField: String?
    /// The counts of every group, for `min_repeats` rules (from
    /// ``CorpusReader/index(of:)`` over the same inputs).
    public let repetition: RepetitionIndex?

    public init(scanner: Scanner, textField: String = "text", idField: String? = nil, threads: Int = 1,
                groupField: String? = nil, repetition: RepetitionIndex? = nil) {
        self.scanner = scanner
        self.textField = textField
        self.idField = idField
        self.threads = max(1, threads)
        self.groupField = groupField
        self.repetition = repetition
    }

    /// What the pipeline found, in input order.
    public enum Event {
        /// A record's findings; `document` is its decoded text, named as in
        /// the findings; `lineLength` the record's length in the input, in
        /// bytes. When the record has a summary (``run(name:reader:cleaning:summarize:emit:)``),
        /// the summary stands for both: no findings and an empty document.
        case findings([Finding], document: Document, lineLength: Int)
        /// Rules that hit a resource limit in a record.
        case limitHits([LimitHit])
        /// A line to write to the clean output, terminator included.
        case output([UInt8])
        /// Spans that cleaning removed from a record's text (offsets in its decoded text).
        case removed([RemovedSpan], document: Document)
        /// A record that a `reject` rule hit, as it was read (terminator included).
        case rejected(Finding, line: [UInt8])
        /// A line that is not a JSON object with a string text field (1-based
        /// line number), as it was read; it is not scanned.
        case malformed(line: Int, reason: String, bytes: [UInt8])
        /// A record longer than a segment (1-based line), passed through unchecked.
        case longRecord(line: Int)
        /// The input's first record whose text is not valid UTF-8 (1-based
        /// line), with the 0-based offset of the first bad byte in its
        /// decoded text; later ones are not reported.
        case invalidUTF8(line: Int, offset: Int)
        /// The input's first record (1-based line) without a string or
        /// number ``idField``, named `PATH:LINE` instead; later ones are not
        /// reported.
        case missingID(line: Int)
        /// The input is UTF-16 text (``InputKind/utf16``), which Winnow does
        /// not read: the only event of the input, which is neither scanned
        /// nor written.
        case utf16
    }

    /// Processes the JSONL input that `reader` reads; records end at LF
    /// alone, so `reader` is made with `lineFeedsOnly` (``InputFile/open(segmentSize:lineFeedsOnly:)``).
    ///
    /// With more than one thread, the events of a segment are handed on,
    /// and the next segment is read, while the segment is scanned, so that
    /// reading and the work done for each event (a report, the output) do
    /// not leave the other threads idle.
    /// - Parameters:
    ///   - name: the input's name, for documents without an id.
    ///   - cleaning: whether to emit ``Event/output(_:)`` lines and rejections.
    /// - Throws: what reading or `emit` throws.
    public func run(name: String, reader: inout SegmentReader, cleaning: Bool, emit: (Event) throws -> Void) throws {
        try run(name: name, reader: &reader, cleaning: cleaning, summarize: { _, _ in nil as Never? }) { event, _ in
            try emit(event)
        }
    }

    /// Processes the JSONL input that `reader` reads, as ``run(name:reader:cleaning:emit:)``
    /// does, and calls `summarize` with each record's findings and document
    /// on the thread that scanned it; its result goes to `emit` with the
    /// record's ``Event/findings(_:document:lineLength:)`` event (`nil` with
    /// every other event). Work done there, such as a report's part, is
    /// spread over the threads instead of falling to the one that hands events on.
    ///
    /// A summary stands for the record's findings and document: an event
    /// that comes with one carries no findings and an empty document, so
    /// that they are released on the thread that made them. Released on the
    /// thread that hands events on, each of their allocations would take
    /// the lock of the other thread's allocator arena (glibc's), which both
    /// threads then wait on.
    ///
    /// Compiled ahead for `check`'s ``ReportEntry``: called from another
    /// module, the generic code would copy and destroy each record's events
    /// through the runtime's type metadata (a tenth of a small record's cost).
    @_specialize(exported: true, where Summary == ReportEntry)
    public func run<Summary>(name: String, reader: inout SegmentReader, cleaning: Bool,
                             summarize: @escaping @Sendable ([Finding], Document) -> Summary?,
                             emit: (Event, Summary?) throws -> Void) throws {
        var lineNumber = 0
        // The events of the last segment scanned, not yet handed on.
        var pending: [[(Event, Summary?)]] = []
        // Events reported for an input's first record only.
        var invalidUTF8Reported = false, missingIDReported = false
        func handOn() throws {
            for events in pending {
                for (event, summary) in events {
                    switch event {
                    case .invalidUTF8:
                        if invalidUTF8Reported { continue }
                        invalidUTF8Reported = true
                    case .missingID:
                        if missingIDReported { continue }
                        missingIDReported = true
                    default:
                        break
                    }
                    try emit(event, summary)
                }
            }
            pending = []
        }
        var next = try reader.next(name: name)
        if let first = next, InputKind(prefix: first.bytes) == .utf16 {
            try emit(.utf16, nil)
            return
        }
        while let piece = next {
            switch piece {
            case .longLine(let chunk):
                try handOn()
                if chunk.isStart {
                    lineNumber += 1
                    try emit(.longRecord(line: lineNumber), nil)
                }
                if cleaning { try emit(.output(chunk.bytes), nil) }
                next = try reader.next(name: name)
            case .segment(let segment):
                let bytes = segment.bytes, firstLine = lineNumber + 1
                let scan: @Sendable () -> (lines: Int, events: [[(Event, Summary?)]]) = {
                    let lines = Line.split(bytes, from: 0, lineFeedsOnly: true)
                    return (lines.count, self.scan(lines, in: bytes, firstLine: firstLine, name: name, cleaning: cleaning,
                                                   summarize: summarize))
                }
                if threads == 1 {
                    let scanned = scan()
                    lineNumber += scanned.lines
                    pending = scanned.events
                    try handOn()
                    next = try reader.next(name: name)
                } else {
                    let scanning = BackgroundTask(scan)
                    try handOn()
                    next = try reader.next(name: name)
                    let scanned = scanning.wait()
                    lineNumber += scanned.lines
                    pending = scanned.events
                }
            }
        }
        try handOn()
    }

    /// The events of each line, in order, with their summaries, computed on ``threads`` threads.
    private func scan<Summary>(_ lines: [Line], in bytes: [UInt8], firstLine: Int, name: String, cleaning: Bool,
                               summarize: @escaping @Sendable ([Finding], Document) -> Summary?) -> [[(Event, Summary?)]] {
        OrderedParallelMap.map(count: lines.count, threads: threads, placeholder: [], state: { scanner.makeScratch() }) { index, scratch in
            let line = lines[index]
            return events(bytes[line.start..<line.end], contentEnd: line.contentEnd, number: firstLine + index,
                          name: name, cleaning: cleaning, scratch: scratch, summarize: summarize)
        }
    }

    /// The document of a record's event that comes with a summary: empty, and
    /// without allocations of its own.
    private static let summarized = Document(name: "", bytes: [], format: .plain)

    /// The events of one line, each with its summary: a blank line passes,
    /// a malformed one is reported, a record is scanned (and cleaned), and
    /// its findings summarized.
    /// `line` is a slice of its segment (indices are the segment's) and
    /// `contentEnd` where its terminator begins; it is copied only into
    /// the events that carry it.
    private func events<Summary>(_ line: ArraySlice<UInt8>, contentEnd: Int, number: Int, name: String, cleaning: Bool,
                                 scratch: MatchScratch,
                                 summarize: ([Finding], Document) -> Summary?) -> [(Event, Summary?)] {
        // A UTF-8 byte order mark before the first record is kept, not parsed.
        let bom = line.startIndex + (number == 1 ? Document.byteOrderMarkLength(at: line) : 0)
        let content = line[bom..<contentEnd]
        var raw: [UInt8] { Array(line) }
        if content.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
            return cleaning ? [(.output(raw), nil)] : []  // a blank line is not a record
        }
        let record: JSONLRecord, text: [UInt8], group: String
        do throws(JSONLError) {
            (record, text, group) = try CorpusReader.record(Array(content), textField: textField, groupField: groupField)
        } catch {
            return [(.malformed(line: number, reason: error.description, bytes: raw), nil)]
        }
        let id = idField.flatMap(record.identifier)
        // A record's text is plain text, whatever its id looks like ("notes.md").
        let document = Document(name: id ?? Self.recordName(name, number), bytes: text, format: .plain)
        let result = scanner.scan(document, scratch: scratch, repeats: repetition?.counts(of: group))
        var events: [(Event, Summary?)] = []
        events.reserveCapacity(cleaning ? 4 : 1)
        if let offset = document.firstInvalidUTF8Offset { events.append((.invalidUTF8(line: number, offset: offset), nil)) }
        if idField != nil && id == nil { events.append((.missingID(line: number), nil)) }
        if !result.limitHits.isEmpty { events.append((.limitHits(result.limitHits), nil)) }
        if let summary = summarize(result.findings, document) {
            events.append((.findings([], document: Self.summarized, lineLength: line.count), summary))
        } else {
            events.append((.findings(result.findings, document: document, lineLength: line.count), nil))
        }
        guard cleaning else { return events }
        let clean = Cleaner.clean(document, findings: result.findings)
        if let rejection = clean.rejection {
            events.append((.rejected(rejection, line: raw), nil))
        } else if clean.bytes == text {
            events.append((.output(raw), nil))
        } else {
            events.append((.removed(clean.removed, document: document), nil))
            events.append((.output(Array(line[..<bom]) + record.replacing(textField, with: clean.bytes) + line[contentEnd...]), nil))
        }
        return events
    }

    /// `NAME:NUMBER`, a record's default name, made in one allocation
    /// (interpolation grows the string twice), since every record has one.
    static func recordName(_ name: String, _ number: Int) -> String {
        var name = name
        return name.withUTF8 { path in
            String(unsafeUninitializedCapacity: path.count + 21) { buffer in
                let start = buffer.baseAddress!
                if let base = path.baseAddress { start.update(from: base, count: path.count) }
                start[path.count] = UInt8(ascii: ":")
                return DecimalDigits.write(number, at: start + path.count + 1) - start
            }
        }
    }
}
