/// Word-at-a-time searches over UTF-8 bytes (SWAR: eight bytes tested in
/// one 64-bit operation, as in "Bit Twiddling Hacks", S. E. Anderson,
/// "Determine if a word has a zero byte"). The hot loops of a corpus run —
/// splitting lines, skipping JSON strings — pass over plain text this way
/// and look at single bytes only near what they search for.
enum ByteSearch {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080
    private static let lowBits: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

    /// Whether some byte of `word` is zero (exact: no false positives).
    @inline(__always)
    private static func hasZero(_ word: UInt64) -> Bool {
        ~(((word & lowBits) &+ lowBits) | word) & highBits != 0
    }

    /// Whether some byte of `word` is below 0x20, a control character (exact).
    @inline(__always)
    private static func hasControl(_ word: UInt64) -> Bool {
        ~(((word & lowBits) &+ 0x6060_6060_6060_6060) | word) & highBits != 0
    }

    /// The first 0-based offset at or after `start` of a byte below 0x20 (a
    /// control character: line terminators, tab…), or `buffer.count`.
    @inline(__always)
    static func firstControl(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        let count = buffer.count
        if let base = buffer.baseAddress {
            while index + 8 <= count, !hasControl(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) {
                index += 8
            }
        }
        while index < count, buffer[index] >= 0x20 { index += 1 }
        return index
    }

    /// The first 0-based offset at or after `start` of a byte that ends a
    /// plain run inside a JSON string: `"`, `\` or a control character (and
    /// ED, the lead byte of an encoded surrogate, if `orSurrogateLead`), or
    /// `buffer.count`.
    @inline(__always)
    static func firstStringSpecial(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int,
                                   orSurrogateLead: Bool = false) -> Int {
        var index = start
        let count = buffer.count
        if let base = buffer.baseAddress {
            while index + 8 <= count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                if hasControl(word) || hasZero(word ^ (ones &* 0x22)) || hasZero(word ^ (ones &* 0x5C))
                    || (orSurrogateLead && hasZero(word ^ (ones &* 0xED))) { break }
                index += 8
            }
        }
        while index < count {
            let byte = buffer[index]
            if byte < 0x20 || byte == 0x22 || byte == 0x5C || (orSurrogateLead && byte == 0xED) { break }
            index += 1
        }
        return index
    }

    /// The first 0-based offset at or after `start` where `needle` (not
    /// empty) begins, or `nil`.
    static func firstIndex(of needle: [UInt8], in buffer: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Int? {
        guard let lead = needle.first, let base = buffer.baseAddress else { return nil }
        let pattern = ones &* UInt64(lead)
        var index = start
        let last = buffer.count - needle.count
        while index <= last {
            if index + 8 <= buffer.count, !hasZero(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) ^ pattern) {
                index += 8
                continue
            }
            if buffer[index] == lead && UnsafeBufferPointer(rebasing: buffer[index..<(index + needle.count)]).elementsEqual(needle) {
                return index
            }
            index += 1
        }
        return nil
    }
}
