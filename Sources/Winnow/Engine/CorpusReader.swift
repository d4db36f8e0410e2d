/// Reads the documents of a corpus run, each with its group, for the
/// counting pass of `min_repeats` (``RepetitionIndex``) and for `winnow learn`.
///
/// Groups:
/// - files: each folder named on the command line is one group (named by
///   the folder as given); the files named directly form one more group,
///   named by the empty string. A file is one document, however many
///   segments it is read in.
/// - JSON Lines: each record is one document; with a group field
///   (`--group-by`), its string value names the group, and a record without
///   the field belongs to the group named by the empty string; without a
///   group field, every record of every input is in that one group.
///
/// What the scan passes over is left out here too: inputs that cannot be
/// opened or read to their end (from where reading failed), binary and
/// UTF-16 files, lines longer than a segment, and records that are not a
/// JSON object with a string text field and a string (or absent) group
/// field. The scan reports them.
public struct CorpusReader: Sendable {
    /// How the inputs hold their documents.
    public enum Format: Sendable, Equatable {
        /// Each input file is a document.
        case files
        /// Each line is a JSON document with its text in `textField`, and its
        /// group in `groupField` when one is given.
        case jsonl(textField: String, groupField: String?)
    }

    public let format: Format
    /// How many threads read the records of a JSON Lines segment at once
    /// (records taken in chunks as threads come free, handed on in input order).
    public let threads: Int

    public init(format: Format, threads: Int = 1) {
        self.format = format
        self.threads = max(1, threads)
    }

    /// The group of a file input (format ``Format/files``).
    public static func group(of input: InputFile) -> String {
        input.folder ?? ""
    }

    /// The group of a JSON Lines record: the string value of `field`; the
    /// empty string when `field` is `nil` or the record lacks it.
    /// - Throws: ``JSONLError`` when the field is there but is not a string.
    public static func group(of record: JSONLRecord, field: String?) throws(JSONLError) -> String {
        guard let field, let value = try record.string(field) else { return "" }
        return String(decoding: value, as: UTF8.self)
    }

    /// Parses one JSON Lines record (`bytes`, its line without terminator)
    /// and takes out its text and its group (``group(of:field:)``).
    /// - Throws: ``JSONLError`` when it is not a JSON object, has no string
    ///   field `textField`, or a group field that is not a string.
    public static func record(_ bytes: [UInt8], textField: String, groupField: String?)
        throws(JSONLError) -> (record: JSONLRecord, text: [UInt8], group: String) {
        let record = try JSONLRecord(bytes)
        guard let text = try record.string(textField) else {
            throw JSONLError(offset: 0, message: "no '\(textField)' field")
        }
        return (record, text, try group(of: record, field: groupField))
    }

    /// Counts every document of `inputs`, in one pass; what is left out goes to `notice`.
    public func index(of inputs: [InputFile], notice: (Notice) -> Void = { _ in }) -> RepetitionIndex {
        var index = RepetitionIndex()
        var keys: Set<UInt64> = [], group = ""
        forEachDocument(in: inputs, notice: notice) { event in
            switch event {
            case .part(let partGroup, _, let partKeys):
                keys.formUnion(partKeys)
                group = partGroup
            case .end:
                index.add(keys, group: group)
                keys = []
            }
        }
        return index
    }

    /// What ``forEachDocument(in:_:)`` hands on, in input order.
    public enum Visit {
        /// A document's text, or, for a file read in segments, one segment
        /// of it, with the keys of its lines (``LineKey/keys(of:)``).
        case part(group: String, Document, keys: Set<UInt64>)
        /// The end of the document whose parts came before.
        case end
    }

    /// Calls `visit` with the parts of each document of `inputs`, and its
    /// end; what is left out (see the type's documentation) goes to `notice`,
    /// as the scan would report it (a UTF-16 input as a ``Notice/fileError(_:)``).
    public func forEachDocument(in inputs: [InputFile], notice: (Notice) -> Void = { _ in }, _ visit: (Visit) -> Void) {
        inputs: for input in inputs {
            var reader: SegmentReader
            do {
                reader = try input.open(lineFeedsOnly: format != .files)
            } catch {
                notice(.fileError(error))
                continue
            }
            var isFirst = true
            // An input that cannot be read to its end counts for what was read.
            while true {
                let piece: SegmentReader.Piece
                do {
                    guard let next = try reader.next(name: input.path) else { break }
                    piece = next
                } catch {
                    notice(.fileError(error as? InputError ?? InputError(path: input.path, message: "\(error)")))
                    break
                }
                guard case .segment(let segment) = piece else {
                    if case .longLine(let chunk) = piece, chunk.isStart { notice(.longLine(path: input.path, line: chunk.line)) }
                    continue
                }
                switch format {
                case .files:
                    if isFirst {
                        switch InputKind(prefix: segment.document.bytes) {
                        case .text: break
                        case .binary(let offset):
                            notice(.skippedBinary(path: input.path, nulOffset: offset))
                            continue inputs
                        case .utf16:
                            notice(.fileError(.utf16(path: input.path)))
                            continue inputs
                        }
                    }
                    visit(.part(group: Self.group(of: input), segment.document, keys: LineKey.keys(of: segment.document)))
                case .jsonl(let textField, let groupField):
                    forEachRecord(in: segment, of: input, textField: textField, groupField: groupField, notice: notice, visit)
                }
                isFirst = false
            }
            if format == .files && !isFirst { visit(.end) }
        }
    }

    /// The records of one segment of a JSON Lines input (a byte order mark
    /// that starts the input is outside the segment's first line), parsed
    /// and their lines hashed on ``threads`` threads.
    private func forEachRecord(in segment: SegmentReader.Segment, of input: InputFile, textField: String, groupField: String?,
                               notice: (Notice) -> Void, _ visit: (Visit) -> Void) {
        let bytes = segment.bytes
        let bom = segment.isFirst ? Document.byteOrderMarkLength(at: bytes) : 0
        let lines = Line.split(bytes, from: bom, lineFeedsOnly: true)
        let results = OrderedParallelMap.map(
            count: lines.count, threads: threads,
            placeholder: Result<(group: String, document: Document, keys: Set<UInt64>), JSONLError>?.none, state: {}
        ) { index, _ in
            let content = lines[index].content
            guard !bytes[content].allSatisfy({ $0 == 0x20 || $0 == 0x09 }) else { return nil }
            do throws(JSONLError) {
                let (_, text, group) = try Self.record(Array(bytes[content]), textField: textField, groupField: groupField)
                let record = Document(name: input.path, bytes: text, format: .plain)
                return .success((group, record, LineKey.keys(of: record)))
            } catch {
                return .failure(error)
            }
        }
        for (index, result) in results.enumerated() {
            switch result {
            case nil: continue
            case .failure(let error):
                notice(.malformedRecord(path: input.path, line: segment.lineOffset + index + 1, reason: error.description))
            case .success(let record):
                visit(.part(group: record.group, record.document, keys: record.keys))
                visit(.end)
            }
        }
    }
}
