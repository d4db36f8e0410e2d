/// Runs a JSON Lines input through Winnow: each line is one document whose
/// text is a string field (SPEC section 3, `--jsonl`). Only that field is
/// decoded and, when cleaning changes it, re-encoded and spliced back into
/// the raw line (``JSONLRecord``): other fields, key order and spacing stay
/// byte for byte, and a record that clean does not change is written as it was.
///
/// Memory is bounded by ``SegmentReader``'s segment: records are taken from
/// segments of whole lines, and a record longer than a segment is passed
/// through unchecked, with an event that says so.
public struct JSONLPipeline: Sendable {
    public let scanner: Scanner
    /// The field that holds the text (`--text-field`, default `text`).
    public let textField: String
    /// The field that names a document in reports (`--id-field`); without
    /// it, or when a record lacks it, a document is named `PATH:LINE`.
    public let idField: String?

    public init(scanner: Scanner, textField: String = "text", idField: String? = nil) {
        self.scanner = scanner
        self.textField = textField
        self.idField = idField
    }

    /// What the pipeline found, in input order.
    public enum Event {
        /// A record's findings; `document` is its decoded text, named as in the findings.
        case findings([Finding], document: Document)
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
    }

    /// Processes the JSONL input that `reader` reads.
    /// - Parameters:
    ///   - name: the input's name, for documents without an id.
    ///   - cleaning: whether to emit ``Event/output(_:)`` lines and rejections.
    /// - Throws: what reading or `emit` throws.
    public func run(name: String, reader: inout SegmentReader, cleaning: Bool, emit: (Event) throws -> Void) throws {
        var lineNumber = 0
        while let piece = try reader.next(name: name) {
            switch piece {
            case .longLine(let chunk):
                if chunk.isStart {
                    lineNumber += 1
                    try emit(.longRecord(line: lineNumber))
                }
                if cleaning { try emit(.output(chunk.bytes)) }
            case .segment(let segment):
                let bytes = segment.document.bytes
                for line in Line.split(bytes, from: 0) {
                    lineNumber += 1
                    try record(Array(bytes[line.start..<line.end]), contentEnd: line.contentEnd - line.start,
                               number: lineNumber, name: name, cleaning: cleaning, emit: emit)
                }
            }
        }
    }

    private func record(_ raw: [UInt8], contentEnd: Int, number: Int, name: String, cleaning: Bool,
                        emit: (Event) throws -> Void) throws {
        let content = Array(raw[..<contentEnd])
        if content.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
            if cleaning { try emit(.output(raw)) }  // a blank line is not a record
            return
        }
        let record: JSONLRecord, text: [UInt8]
        do throws(JSONLError) {
            record = try JSONLRecord(content)
            guard let field = try record.string(textField) else {
                throw JSONLError(offset: 0, message: "no '\(textField)' field")
            }
            text = field
        } catch {
            return try emit(.malformed(line: number, reason: error.description, bytes: raw))
        }
        let id = idField.flatMap { try? record.string($0) }.map { String(decoding: $0, as: UTF8.self) }
        let document = Document(name: id ?? "\(name):\(number)", bytes: text)
        let result = scanner.scan(document)
        if !result.limitHits.isEmpty { try emit(.limitHits(result.limitHits)) }
        try emit(.findings(result.findings, document: document))
        guard cleaning else { return }
        let clean = Cleaner.clean(document, findings: result.findings)
        if let rejection = clean.rejection { return try emit(.rejected(rejection, line: raw)) }
        guard clean.bytes != text else { return try emit(.output(raw)) }
        try emit(.removed(clean.removed, document: document))
        try emit(.output(record.replacing(textField, with: clean.bytes) + raw[contentEnd...]))
    }
}
