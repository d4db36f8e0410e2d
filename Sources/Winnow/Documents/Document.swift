/// One input text, kept as the exact bytes that were read, with its lines
/// located but not copied.
///
/// Nothing is decoded or normalised: matching runs on these bytes and every
/// kept byte is written back as it was. A UTF-8 byte order mark is recorded
/// in ``byteOrderMarkLength`` and is not part of line 1.
public struct Document: Sendable {
    /// The name used in reports: the path as given, or `<stdin>`.
    public let name: String
    /// The input, unchanged.
    public let bytes: [UInt8]
    /// 3 when the input starts with the UTF-8 byte order mark EF BB BF, else 0.
    public let byteOrderMarkLength: Int
    /// The lines in order; `lines[0]` is line 1.
    public let lines: [Line]
    /// 0-based offset of the first byte that is not part of valid UTF-8, or
    /// `nil` when the whole input is valid UTF-8.
    public let firstInvalidUTF8Offset: Int?

    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
        let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        self.byteOrderMarkLength = bom
        self.lines = Line.split(bytes, from: bom)
        self.firstInvalidUTF8Offset = UTF8Validation.firstInvalidOffset(in: bytes)
    }

    /// 0-based offset of a NUL byte in the first 8 KiB, or `nil`. A NUL there
    /// marks a binary file, as git and ripgrep decide.
    public var binaryMarkerOffset: Int? {
        bytes.prefix(8192).firstIndex(of: 0)
    }

    /// The 1-based column of byte `offset` in `line`, counted in Unicode
    /// scalars (an invalid byte counts as one).
    public func column(ofByte offset: Int, in line: Line) -> Int {
        1 + UTF8Validation.scalarCount(bytes[line.start..<offset])
    }

    /// Whether `line` holds nothing but Unicode white space.
    public func isBlank(_ line: Line) -> Bool {
        trimmedRange(of: line).isEmpty
    }

    /// The byte range of `line`'s content without leading and trailing Unicode
    /// white space (`White_Space` property: spaces, tabs, NBSP, ideographic space…).
    public func trimmedRange(of line: Line) -> Range<Int> {
        var lower = line.start, upper = line.contentEnd
        while lower < upper, let (scalar, length) = UTF8Validation.scalar(in: bytes, at: lower),
              scalar.properties.isWhitespace {
            lower += length
        }
        while upper > lower, let (scalar, length) = UTF8Validation.scalar(in: bytes, endingAt: upper),
              upper - length >= lower, scalar.properties.isWhitespace {
            upper -= length
        }
        return lower..<upper
    }

    /// The text of a byte range, with invalid UTF-8 shown as U+FFFD.
    public func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }
}

/// Where one line lies in a ``Document``'s bytes; all offsets are 0-based.
///
/// A line ends at LF, CRLF or a lone CR (each kept as it was); the last line
/// may have no terminator. An empty input has no lines; "a\n" has one.
public struct Line: Sendable, Equatable {
    /// Offset of the first content byte.
    public let start: Int
    /// Offset just past the content, before the terminator.
    public let contentEnd: Int
    /// Offset just past the terminator (equal to `contentEnd` on an unterminated last line).
    public let end: Int

    public init(start: Int, contentEnd: Int, end: Int) {
        self.start = start
        self.contentEnd = contentEnd
        self.end = end
    }

    /// The content bytes, terminator excluded.
    public var content: Range<Int> { start..<contentEnd }

    static func split(_ bytes: [UInt8], from first: Int) -> [Line] {
        var lines: [Line] = []
        bytes.withUnsafeBufferPointer { buffer in
            var start = first, index = first
            let count = buffer.count
            while index < count {
                let byte = buffer[index]
                if byte == 0x0A || byte == 0x0D {
                    let terminatorLength = (byte == 0x0D && index + 1 < count && buffer[index + 1] == 0x0A) ? 2 : 1
                    lines.append(Line(start: start, contentEnd: index, end: index + terminatorLength))
                    index += terminatorLength
                    start = index
                } else {
                    index += 1
                }
            }
            if start < count {
                lines.append(Line(start: start, contentEnd: count, end: count))
            }
        }
        return lines
    }
}
