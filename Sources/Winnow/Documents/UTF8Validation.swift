/// Byte-level UTF-8 helpers, following the well-formedness table of the
/// Unicode Standard, section 3.9 (table 3-7): no overlong forms, no
/// surrogates, nothing above U+10FFFF.
enum UTF8Validation {
    /// 0-based offset of the first byte that does not begin a well-formed
    /// sequence, or `nil` if all of `bytes` is well-formed UTF-8.
    static func firstInvalidOffset(in bytes: [UInt8]) -> Int? {
        var index = 0
        while index < bytes.count {
            if bytes[index] < 0x80 {
                index += 1
            } else if let (_, length) = scalar(in: bytes, at: index) {
                index += length
            } else {
                return index
            }
        }
        return nil
    }

    /// Number of Unicode scalars in `bytes`: bytes that are not continuation
    /// bytes (10xxxxxx). Exact for valid UTF-8; an invalid byte counts as one.
    static func scalarCount(_ bytes: ArraySlice<UInt8>) -> Int {
        var count = 0
        for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
        return count
    }

    /// The scalar that starts at `offset` and its length in bytes, or `nil`
    /// when the bytes there are not a well-formed sequence.
    static func scalar<Bytes: RandomAccessCollection<UInt8>>(in bytes: Bytes, at offset: Int) -> (Unicode.Scalar, Int)?
    where Bytes.Index == Int {
        let lead = bytes[offset]
        let length: Int, minimum: UInt32
        switch lead {
        case 0x00...0x7F: return (Unicode.Scalar(lead), 1)
        case 0xC2...0xDF: length = 2; minimum = 0x80
        case 0xE0...0xEF: length = 3; minimum = 0x800
        case 0xF0...0xF4: length = 4; minimum = 0x10000
        default: return nil
        }
        guard offset + length <= bytes.endIndex else { return nil }
        var value = UInt32(lead) & (0xFF >> (length + 1))
        for next in bytes[(offset + 1)..<(offset + length)] {
            guard next & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(next & 0x3F)
        }
        guard value >= minimum, let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, length)
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
    /// (`White_Space` property: spaces, tabs, line terminators, NBSP,
    /// ideographic space…).
    static func trimmingWhiteSpace(_ range: Range<Int>, in bytes: [UInt8]) -> Range<Int> {
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper, let (scalar, length) = Self.scalar(in: bytes, at: lower), scalar.properties.isWhitespace {
            lower += length
        }
        while upper > lower, let (scalar, length) = Self.scalar(in: bytes, endingAt: upper),
              upper - length >= lower, scalar.properties.isWhitespace {
            upper -= length
        }
        return lower..<upper
    }
}
