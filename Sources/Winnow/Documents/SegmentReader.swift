/// Reads an input in bounded memory, as a sequence of ``Piece``s: segments
/// of whole lines to be scanned as documents, and the chunks of lines too
/// long to match, to be passed through as they are.
///
/// A file up to ``segmentSize`` bytes is one segment, so small inputs are
/// scanned whole. A larger one is cut after the last paragraph break (a
/// blank line) in the second half of each ``segmentSize`` window, or after
/// the last line end if there is none. A line that does not end within
/// ``segmentSize`` bytes is never held whole: it is handed on in chunks of
/// at most ``segmentSize`` bytes. Memory stays near two windows whatever the
/// input's size (NOTES: match per line or paragraph, cap the subject length).
public struct SegmentReader {
    /// The largest segment and the longest line that is matched, in bytes.
    public let segmentSize: Int
    /// Whether only LF ends a line (JSON Lines, where a CR is white space
    /// inside a record and CRLF ends one), rather than LF, CRLF or a lone CR.
    public let lineFeedsOnly: Bool
    private let read: (inout [UInt8], Int) throws -> Bool
    private var pending: [UInt8] = []
    private var endOfInput = false
    private var emitted = 0
    private var linesEmitted = 0
    private var inLongLine = false
    private var started = false

    /// One piece of the input, in order; their bytes concatenated are the input.
    public enum Piece {
        case segment(Segment)
        case longLine(LongLineChunk)

        /// The piece's bytes, as read.
        public var bytes: [UInt8] {
            switch self {
            case .segment(let segment): segment.bytes
            case .longLine(let chunk): chunk.bytes
            }
        }
    }

    /// Whole lines to scan as a document.
    public struct Segment {
        /// The segment's bytes, whole lines.
        public let bytes: [UInt8]
        /// The segment as a document (named as the input), built on first
        /// use: a JSON Lines run reads only ``bytes``.
        public var document: Document { cache.document }
        private let cache: DocumentCache
        /// 0-based offset of its first byte in the input.
        public let byteOffset: Int
        /// Number of lines of the input before it.
        public let lineOffset: Int
        /// True for the input's first and last segments.
        public let isFirst: Bool
        public let isLast: Bool

        init(name: String, bytes: [UInt8], byteOffset: Int, lineOffset: Int, isFirst: Bool, isLast: Bool) {
            self.bytes = bytes
            self.cache = DocumentCache(name: name, bytes: bytes, byteOrderMarkAllowed: isFirst)
            self.byteOffset = byteOffset
            self.lineOffset = lineOffset
            self.isFirst = isFirst
            self.isLast = isLast
        }
    }

    /// Builds a segment's ``Document`` once, when it is first asked for.
    private final class DocumentCache {
        let name: String
        let bytes: [UInt8]
        let byteOrderMarkAllowed: Bool
        lazy var document = Document(name: name, bytes: bytes, byteOrderMarkAllowed: byteOrderMarkAllowed)

        init(name: String, bytes: [UInt8], byteOrderMarkAllowed: Bool) {
            self.name = name
            self.bytes = bytes
            self.byteOrderMarkAllowed = byteOrderMarkAllowed
        }
    }

    /// Part of a line longer than ``SegmentReader/segmentSize``, passed through unmatched.
    public struct LongLineChunk {
        public let bytes: [UInt8]
        /// 1-based number of the line it belongs to.
        public let line: Int
        /// 0-based offset of its first byte in the input.
        public let byteOffset: Int
        /// True for the line's first chunk.
        public let isStart: Bool
    }

    /// - Parameter read: appends the next bytes of the input to the buffer,
    ///   about the given number (fewer, or more when it decompresses), and
    ///   returns false, having appended nothing, only at the end of the input.
    ///   Bytes go straight into the buffer that becomes the next segment, so
    ///   a large input's bytes are copied once on their way to a segment.
    public init(segmentSize: Int = 16 << 20, lineFeedsOnly: Bool = false, read: @escaping (inout [UInt8], Int) throws -> Bool) {
        self.segmentSize = segmentSize
        self.lineFeedsOnly = lineFeedsOnly
        self.read = read
    }

    /// The next piece, or `nil` at the end of the input. An empty input is
    /// one empty segment, so that it is still reported and written.
    /// - Throws: what reading throws.
    public mutating func next(name: String) throws -> Piece? {
        try fill()
        if pending.isEmpty {
            guard !started else { return nil }
            started = true
            return .segment(Segment(name: name, bytes: [], byteOffset: 0, lineOffset: 0, isFirst: true, isLast: true))
        }
        started = true
        if inLongLine { return .longLine(longLineChunk()) }
        let cut: Int
        if endOfInput && pending.count <= segmentSize {
            cut = pending.count
        } else if let position = cutPosition() {
            cut = position
        } else {
            return .longLine(longLineChunk())
        }
        // The pending buffer becomes the segment; the bytes after the cut
        // start the next one, which is made a window's size at once when
        // this one was cut short of the input's end.
        var bytes = pending
        pending = []
        if cut < bytes.count { pending.reserveCapacity(segmentSize + 1) }
        pending += bytes[cut...]
        bytes.removeSubrange(cut...)
        let segment = Segment(name: name, bytes: bytes, byteOffset: emitted, lineOffset: linesEmitted,
                              isFirst: emitted == 0, isLast: endOfInput && pending.isEmpty)
        emitted += cut
        linesEmitted += Self.lineCount(bytes, lineFeedsOnly: lineFeedsOnly)
        return .segment(segment)
    }

    /// The number of lines of `bytes` as ``Line`` splits them: LF, CRLF and
    /// a lone CR end a line (LF alone with `lineFeedsOnly`), and an
    /// unterminated last line counts.
    static func lineCount(_ bytes: [UInt8], lineFeedsOnly: Bool) -> Int {
        var count = 0
        bytes.withUnsafeBufferPointer { buffer in
            if lineFeedsOnly {
                count = ByteSearch.count(0x0A, in: buffer)
                return
            }
            var index = ByteSearch.firstControl(buffer, from: 0)
            while index < buffer.count {
                let byte = buffer[index]
                if byte == 0x0A
                    || (byte == 0x0D && (index + 1 == buffer.count || buffer[index + 1] != 0x0A)) {
                    count += 1
                }
                index = ByteSearch.firstControl(buffer, from: index + 1)
            }
        }
        if let last = bytes.last, last != 0x0A && (lineFeedsOnly || last != 0x0D) { count += 1 }
        return count
    }

    /// Reads until one byte more than a window is pending, or the input ends.
    private mutating func fill() throws {
        while !endOfInput && pending.count <= segmentSize {
            endOfInput = try !read(&pending, segmentSize + 1 - pending.count)
        }
    }

    /// Where to cut the pending window: after the last blank line in its
    /// second half, else after its last line end; `nil` when it has none.
    private func cutPosition() -> Int? {
        var lineStart = 0, lastEnd: Int?, lastParagraphEnd: Int?
        let limit = min(segmentSize, pending.count)
        pending.withUnsafeBufferPointer { buffer in
            // The next byte that may end a line: an LF, or any control character where a CR does too.
            func candidate(from start: Int) -> Int {
                lineFeedsOnly ? ByteSearch.first(0x0A, in: buffer, from: start) : ByteSearch.firstControl(buffer, from: start)
            }
            var index = candidate(from: 0)
            while index < limit {
                let byte = buffer[index]
                guard byte == 0x0A || (byte == 0x0D && !lineFeedsOnly) else {
                    index = candidate(from: index + 1)
                    continue
                }
                let end = index + terminatorLength(at: index)
                guard end <= limit else { break }
                if end >= segmentSize / 2, buffer[lineStart..<index].allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                    lastParagraphEnd = end
                }
                lastEnd = end
                lineStart = end
                index = candidate(from: end)
            }
        }
        return lastParagraphEnd ?? lastEnd
    }

    /// 2 for CRLF at `offset`, else 1.
    private func terminatorLength(at offset: Int) -> Int {
        pending[offset] == 0x0D && offset + 1 < pending.count && pending[offset + 1] == 0x0A ? 2 : 1
    }

    /// The next chunk of an over-long line: up to its terminator or a window.
    private mutating func longLineChunk() -> LongLineChunk {
        let window = pending.prefix(segmentSize)
        let terminator = window.firstIndex { $0 == 0x0A || ($0 == 0x0D && !lineFeedsOnly) }
        let count = terminator.map { $0 + terminatorLength(at: $0) } ?? window.count
        let chunk = LongLineChunk(bytes: Array(pending[..<count]), line: linesEmitted + 1, byteOffset: emitted,
                                  isStart: !inLongLine)
        pending.removeFirst(count)
        emitted += count
        inLongLine = terminator == nil && !(endOfInput && pending.isEmpty)
        if !inLongLine { linesEmitted += 1 }
        return chunk
    }
}
