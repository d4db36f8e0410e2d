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
    /// `blankLines[i]` tells whether line i + 1 holds only white space.
    public let blankLines: [Bool]
    /// 0-based offset of the first byte that is not part of valid UTF-8, or
    /// `nil` when the whole input is valid UTF-8.
    public let firstInvalidUTF8Offset: Int?
    /// True when NFC and the keyword form of ``NormalizedText`` are known to
    /// equal the bytes, found in the pass that checks the UTF-8 (see
    /// `UTF8Validation.Survey`); false when the text must be looked at.
    public let isNormalizationFree: Bool
    /// How the text is marked up; decides what is prose and how suppression
    /// comments are written.
    public let format: DocumentFormat

    /// - Parameters:
    ///   - format: the markup; by default from the extension of `name`.
    ///   - byteOrderMarkAllowed: false for a part of an input that does not
    ///     start it (EF BB BF there is a character, not a byte order mark).
    public init(name: String, bytes: [UInt8], format: DocumentFormat? = nil, byteOrderMarkAllowed: Bool = true) {
        self.name = name
        self.bytes = bytes
        let bom = byteOrderMarkAllowed ? Self.byteOrderMarkLength(at: bytes) : 0
        self.byteOrderMarkLength = bom
        self.lines = Line.split(bytes, from: bom)
        let survey = bytes.withUnsafeBufferPointer(UTF8Validation.survey)
        self.firstInvalidUTF8Offset = survey.firstInvalidOffset
        self.isNormalizationFree = survey.isNormalizationFree
        self.format = format ?? DocumentFormat(path: name)
        self.blankLines = lines.map { UTF8Validation.trimmingWhiteSpace($0.content, in: bytes).isEmpty }
    }

    /// 3 when `bytes` starts with the UTF-8 byte order mark EF BB BF, else 0.
    static func byteOrderMarkLength<Bytes: Collection<UInt8>>(at bytes: Bytes) -> Int {
        bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    /// The 1-based line and column of byte `offset`, the column counted in
    /// Unicode scalars (``scalarCount(_:)``). An offset at the end of a
    /// line's content (or in its terminator) gives the column after its last
    /// character.
    public func position(ofByte offset: Int) -> (line: Int, column: Int) {
        let index = lineIndex(ofByte: offset)
        let line = lines[index]
        return (index + 1, 1 + scalarCount(line.start..<min(offset, line.contentEnd)))
    }

    /// The number of Unicode scalars in `range` of the bytes as reports show
    /// them: invalid UTF-8 counts as the U+FFFD characters that take its
    /// place, one for each maximal ill-formed subsequence (The Unicode
    /// Standard, section 3.9, U+FFFD substitution of maximal subparts, as
    /// Swift's decoder does), which is one for each invalid byte except in
    /// a truncated sequence (`E1 80` then ASCII is one).
    func scalarCount(_ range: Range<Int>) -> Int {
        if let invalid = firstInvalidUTF8Offset, invalid < range.upperBound {
            return String(decoding: bytes[range], as: UTF8.self).unicodeScalars.count
        }
        return UTF8Validation.scalarCount(bytes[range])
    }

    /// The positions (as ``position(ofByte:)`` gives them) of the first
    /// byte of `range` and of the byte just past it. When both lie on one
    /// line, the second is counted on from the first, not from the line's start.
    public func positions(of range: Range<Int>) -> (start: (line: Int, column: Int), end: (line: Int, column: Int)) {
        let start = position(ofByte: range.lowerBound)
        let index = start.line - 1
        guard index + 1 == lines.count || range.upperBound < lines[index + 1].start else {
            return (start, position(ofByte: range.upperBound))
        }
        let contentEnd = lines[index].contentEnd
        let added = scalarCount(min(range.lowerBound, contentEnd)..<min(range.upperBound, contentEnd))
        return (start, (start.line, start.column + added))
    }

    /// The 0-based index of the last line that starts at or before byte
    /// `offset`: the line of ``position(ofByte:)`` less one, without
    /// counting the column.
    func lineIndex(ofByte offset: Int) -> Int {
        var low = 0, high = lines.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lines[middle].start <= offset { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// `range` without leading and trailing Unicode white space (line
    /// terminators included).
    public func trimmedRange(of range: Range<Int>) -> Range<Int> {
        UTF8Validation.trimmingWhiteSpace(range, in: bytes)
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

    /// The lines of `bytes` from offset `first`: ended by LF, CRLF or a
    /// lone CR, or with `lineFeedsOnly` by LF alone (JSON Lines), where a
    /// CR before the LF is part of the terminator and any other CR is
    /// part of the line.
    static func split(_ bytes: [UInt8], from first: Int, lineFeedsOnly: Bool = false) -> [Line] {
        var lines: [Line] = []
        bytes.withUnsafeBufferPointer { buffer in
            var start = first
            let count = buffer.count
            if lineFeedsOnly || ByteSearch.first(0x0D, in: buffer, from: first) == count {
                // Only LF ends a line: in JSON Lines, and in most text, which holds no CR.
                // Counted first (a fast pass), so that the array is not grown line by line.
                lines.reserveCapacity(ByteSearch.count(0x0A, in: UnsafeBufferPointer(rebasing: buffer[first...])) + 1)
                var index = ByteSearch.first(0x0A, in: buffer, from: first)
                while index < count {
                    let contentEnd = index > start && buffer[index - 1] == 0x0D ? index - 1 : index
                    lines.append(Line(start: start, contentEnd: contentEnd, end: index + 1))
                    start = index + 1
                    index = ByteSearch.first(0x0A, in: buffer, from: start)
                }
            } else {
                var index = first
                while index < count {
                    index = ByteSearch.firstControl(buffer, from: index)
                    guard index < count else { break }
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
            }
            if start < count {
                lines.append(Line(start: start, contentEnd: count, end: count))
            }
        }
        return lines
    }
}
