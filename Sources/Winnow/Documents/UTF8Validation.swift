/// Byte-level UTF-8 helpers, following the well-formedness table of the
/// Unicode Standard, section 3.9 (table 3-7): no overlong forms, no
/// surrogates, nothing above U+10FFFF. They run on every document of a
/// corpus, so they read bytes directly and pass over ASCII sixteen bytes at
/// a time (``ByteSearch``).
enum UTF8Validation {
    /// 0-based offset of the first byte that does not begin a well-formed
    /// sequence, or `nil` if all of `bytes` is well-formed UTF-8.
    static func firstInvalidOffset(in bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { firstInvalidOffset(in: $0) }
    }

    /// 0-based offset of the first byte of `buffer` that does not begin a
    /// well-formed sequence, or `nil` if all of it is well-formed UTF-8.
    static func firstInvalidOffset(in buffer: UnsafeBufferPointer<UInt8>) -> Int? {
        survey(buffer).firstInvalidOffset
    }

    /// What one pass over a text's bytes tells: where its UTF-8 first goes
    /// wrong, and whether normalization can leave it as it is.
    struct Survey: Equatable {
        /// As `firstInvalidOffset(in:)` gives it.
        var firstInvalidOffset: Int?
        /// True when the text is well-formed and every scalar in it is one
        /// that NFC and the removal of invisible format characters leave
        /// as it is whatever stands around it: ASCII and the scalars of
        /// `NormalizedText.isStable`. False says only that the text must
        /// be looked at scalar by scalar.
        var isNormalizationFree: Bool
    }

    /// `firstInvalidOffset(in:)` and the normalization check of
    /// ``Survey`` in one pass over `buffer`, which is read once, ASCII
    /// sixteen bytes at a time.
    static func survey(_ buffer: UnsafeBufferPointer<UInt8>) -> Survey {
        var index = 0
        var free = true
        let count = buffer.count
        // Offsets stay below `count`: wrapping arithmetic spares the overflow tests.
        while index < count {
            let lead = buffer[index]
            if lead < 0x80 {
                index = ByteSearch.firstNonASCII(buffer, from: index &+ 1)
                continue
            }
            // Two-byte sequences (Latin, Greek, Cyrillic…) are the most common; others go through the table.
            if lead >= 0xC2 && lead <= 0xDF && index &+ 1 < count && buffer[index &+ 1] & 0xC0 == 0x80 {
                free = free && NormalizedText.isStable(lead: lead, second: buffer[index &+ 1])
                index &+= 2
                continue
            }
            let length = sequenceLength(buffer, at: index)
            guard length > 0 else { return Survey(firstInvalidOffset: index, isNormalizationFree: false) }
            free = free && NormalizedText.isStable(lead: lead, second: buffer[index &+ 1], third: buffer[index &+ 2])
            index &+= length
        }
        return Survey(firstInvalidOffset: nil, isNormalizationFree: free)
    }

    /// The length of the well-formed sequence that starts at `offset`
    /// (1 to 4 bytes), or 0 when the bytes there are not one (table 3-7).
    @inline(__always)
    static func sequenceLength<Bytes: RandomAccessCollection<UInt8>>(_ buffer: Bytes, at offset: Int) -> Int
    where Bytes.Index == Int {
        let lead = buffer[offset]
        let length: Int, low: UInt8, high: UInt8
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: length = 2; low = 0x80; high = 0xBF
        case 0xE0: length = 3; low = 0xA0; high = 0xBF
        case 0xED: length = 3; low = 0x80; high = 0x9F
        case 0xE1...0xEF: length = 3; low = 0x80; high = 0xBF
        case 0xF0: length = 4; low = 0x90; high = 0xBF
        case 0xF4: length = 4; low = 0x80; high = 0x8F
        case 0xF1...0xF3: length = 4; low = 0x80; high = 0xBF
        default: return 0
        }
        guard offset + length <= buffer.endIndex else { return 0 }
        let second = buffer[offset + 1]
        guard second >= low && second <= high else { return 0 }
        for next in (offset + 2)..<(offset + length) where buffer[next] & 0xC0 != 0x80 { return 0 }
        return length
    }

    /// The length of the maximal subpart that starts at `offset`, where no
    /// well-formed sequence does: the longest start of a well-formed
    /// sequence there, at least one byte. Decoders that follow the Unicode
    /// Standard's practice (section 3.9, "U+FFFD Substitution of Maximal
    /// Subparts"), Swift's among them, replace it with one U+FFFD: `E1 80`
    /// before an ASCII letter is one, a surrogate's `ED A0 80` three.
    static func maximalSubpartLength(_ bytes: [UInt8], at offset: Int) -> Int {
        // A start of a well-formed sequence, padded with continuation bytes, makes one.
        for prefix in stride(from: min(3, bytes.count - offset), through: 2, by: -1) {
            let padded = Array(bytes[offset..<(offset + prefix)]) + [0x80, 0x80, 0x80]
            if sequenceLength(padded, at: 0) >= prefix { return prefix }
        }
        return 1
    }

    /// Number of Unicode scalars in `bytes`: bytes that are not continuation
    /// bytes (10xxxxxx). Exact for valid UTF-8 only: a stray continuation
    /// byte counts as none (``Document/scalarCount(_:)`` is exact for any).
    static func scalarCount(_ bytes: ArraySlice<UInt8>) -> Int {
        // A branch-free sum over a buffer, which the compiler vectorises.
        bytes.withUnsafeBufferPointer { buffer in
            var count = 0
            for byte in buffer { count &+= Int(truncatingIfNeeded: (byte & 0xC0 != 0x80) ? 1 : 0) }
            return count
        }
    }

    /// The scalar that starts at `offset` and its length in bytes, or `nil`
    /// when the bytes there are not a well-formed sequence.
    static func scalar<Bytes: RandomAccessCollection<UInt8>>(in bytes: Bytes, at offset: Int) -> (Unicode.Scalar, Int)?
    where Bytes.Index == Int {
        let length = sequenceLength(bytes, at: offset)
        guard length > 0 else { return nil }
        var value = UInt32(bytes[offset]) & (length == 1 ? 0x7F : 0xFF >> (length + 1))
        for next in bytes[(offset + 1)..<(offset + length)] { value = value << 6 | UInt32(next & 0x3F) }
        return Unicode.Scalar(value).map { ($0, length) }
    }

    /// The scalar that ends just before `offset` and its length in bytes, or
    /// `nil` when the bytes there are not a well-formed sequence.
    static func scalar<Bytes: RandomAccessCollection<UInt8>>(in bytes: Bytes, endingAt offset: Int) -> (Unicode.Scalar, Int)?
    where Bytes.Index == Int {
        var start = offset - 1
        while start > bytes.startIndex, offset - start < 4, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        guard let (scalar, length) = scalar(in: bytes, at: start), start + length == offset else { return nil }
        return (scalar, length)
    }

    /// `range` of `bytes` without leading and trailing Unicode white space
    /// (``whiteSpaceLength(_:at:)``).
    static func trimmingWhiteSpace(_ range: Range<Int>, in bytes: [UInt8]) -> Range<Int> {
        bytes.withUnsafeBufferPointer { buffer in
            var lower = range.lowerBound, upper = range.upperBound
            while lower < upper {
                let length = whiteSpaceLength(buffer, at: lower)
                guard length > 0, lower + length <= upper else { break }
                lower += length
            }
            while upper > lower {
                let length = whiteSpaceLength(buffer, endingAt: upper)
                guard length > 0, upper - length >= lower else { break }
                upper -= length
            }
            return lower..<upper
        }
    }

    /// Calls `body` with each byte of `range` of `buffer` (0-based byte
    /// offsets) with white space normalised: white space is trimmed from
    /// both ends and each run of it inside becomes one space (U+0020); every
    /// other byte, invalid UTF-8 included, is passed on as it is. White space
    /// is what ``whiteSpaceLength(_:at:)`` finds.
    @inline(__always)
    static func forEachWhiteSpaceNormalisedByte(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>,
                                                _ body: (UInt8) -> Void) {
        var index = range.lowerBound, started = false, spacePending = false
        while index < range.upperBound {
            let byte = buffer[index]
            if byte > 0x20 && byte < 0x80 {
                if spacePending { body(0x20) }
                spacePending = false
                started = true
                body(byte)
                index += 1
                continue
            }
            let space = whiteSpaceLength(UnsafeBufferPointer(rebasing: buffer[..<range.upperBound]), at: index)
            if space > 0 {
                spacePending = started
                index += space
            } else {
                if spacePending { body(0x20) }
                spacePending = false
                started = true
                body(byte)
                index += 1
            }
        }
    }

    /// The length in bytes of the white-space scalar that starts at `offset`,
    /// or 0 when there is none. White space is Unicode's `White_Space`
    /// property (PropList.txt): U+0009–000D, U+0020, U+0085, U+00A0, U+1680,
    /// U+2000–200A, U+2028, U+2029, U+202F, U+205F and U+3000.
    @inline(__always)
    static func whiteSpaceLength(_ buffer: UnsafeBufferPointer<UInt8>, at offset: Int) -> Int {
        let byte = buffer[offset]
        if byte < 0x80 { return byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) ? 1 : 0 }
        let remaining = buffer.count - offset
        switch byte {
        case 0xC2:
            return remaining >= 2 && (buffer[offset + 1] == 0x85 || buffer[offset + 1] == 0xA0) ? 2 : 0
        case 0xE1:
            return remaining >= 3 && buffer[offset + 1] == 0x9A && buffer[offset + 2] == 0x80 ? 3 : 0
        case 0xE2:
            guard remaining >= 3 else { return 0 }
            let second = buffer[offset + 1], third = buffer[offset + 2]
            if second == 0x80 {
                return (third >= 0x80 && third <= 0x8A) || third == 0xA8 || third == 0xA9 || third == 0xAF ? 3 : 0
            }
            return second == 0x81 && third == 0x9F ? 3 : 0
        case 0xE3:
            return remaining >= 3 && buffer[offset + 1] == 0x80 && buffer[offset + 2] == 0x80 ? 3 : 0
        default:
            return 0
        }
    }

    /// The length in bytes of the white-space scalar that ends just before
    /// `offset`, or 0 when there is none.
    @inline(__always)
    static func whiteSpaceLength(_ buffer: UnsafeBufferPointer<UInt8>, endingAt offset: Int) -> Int {
        let last = buffer[offset - 1]
        if last < 0x80 { return last == 0x20 || (last >= 0x09 && last <= 0x0D) ? 1 : 0 }
        if offset >= 2, whiteSpaceLength(buffer, at: offset - 2) == 2 { return 2 }
        if offset >= 3, whiteSpaceLength(buffer, at: offset - 3) == 3 { return 3 }
        return 0
    }
}
