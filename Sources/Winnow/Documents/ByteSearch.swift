#if canImport(Glibc)
import Glibc
#endif

/// Searches over UTF-8 bytes sixteen at a time, with Swift's SIMD vector
/// types (SSE2 on x86-64, NEON on arm64): a block of sixteen bytes is
/// tested with one vector comparison, and the first byte found is read off
/// the comparison's mask; single bytes are looked at only in the last
/// fifteen bytes of a buffer. The hot loops of a corpus run — splitting
/// lines, skipping JSON strings, validating UTF-8 — pass over plain text
/// this way. Offsets never leave a buffer, so the loops step with wrapping
/// arithmetic (`&+`), which spares an overflow test a step.
enum ByteSearch {
    private typealias Block = SIMD16<UInt8>

    /// The first 0-based offset at or after `start` of `byte`, or
    /// `buffer.count`. This is the C library's `memchr`, which reads as
    /// many bytes a step as the processor's widest vectors hold: the one
    /// search here for a single byte, such as the LF that ends a line.
    static func first(_ byte: UInt8, in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard start < buffer.count, let base = buffer.baseAddress,
              let found = memchr(base + start, Int32(byte), buffer.count - start) else { return buffer.count }
        return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
    }

    /// How many times `byte` occurs in `buffer` (``first(_:in:from:)`` from
    /// one occurrence to the next).
    static func count(_ byte: UInt8, in buffer: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        var index = first(byte, in: buffer, from: 0)
        while index < buffer.count {
            count += 1
            index = first(byte, in: buffer, from: index + 1)
        }
        return count
    }

    @inline(__always)
    private static func block(_ base: UnsafePointer<UInt8>, at offset: Int) -> Block {
        UnsafeRawPointer(base + offset).loadUnaligned(as: Block.self)
    }

    /// The first lane set in `mask` (0-based, in memory order), or `nil`:
    /// the mask's sixteen lanes (0 or all ones) are read as two
    /// little-endian words. Testing the words costs two instructions where
    /// the standard library's `any(_:)` folds the lanes step by step, some
    /// twenty on SSE2.
    @inline(__always)
    private static func firstSetLane(_ mask: SIMDMask<SIMD16<Int8>>) -> Int? {
        let lanes = unsafeBitCast(mask, to: (UInt64, UInt64).self)
        let low = UInt64(littleEndian: lanes.0), high = UInt64(littleEndian: lanes.1)
        if low != 0 { return low.trailingZeroBitCount / 8 }
        return high != 0 ? 8 + high.trailingZeroBitCount / 8 : nil
    }

    /// The first 0-based offset at or after `start` of a byte below 0x20 (a
    /// control character: line terminators, tab…), or `buffer.count`.
    @inline(__always)
    static func firstControl(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        let count = buffer.count
        if let base = buffer.baseAddress {
            let space = Block(repeating: 0x20)
            while index &+ 16 <= count {
                let found = block(base, at: index) .< space
                if let lane = firstSetLane(found) { return index + lane }
                index &+= 16
            }
        }
        while index < count, buffer[index] >= 0x20 { index += 1 }
        return index
    }

    /// The first 0-based offset at or after `start` of a byte above 0x7F
    /// (not ASCII), or `buffer.count`.
    @inline(__always)
    static func firstNonASCII(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        let count = buffer.count
        if let base = buffer.baseAddress {
            // Runs between the letters of a word in most scripts are short:
            // one 64-bit word first, whose mask gives the byte directly.
            if index + 8 <= count {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                let highBits = word & 0x8080_8080_8080_8080
                if highBits != 0 { return index + highBits.trailingZeroBitCount / 8 }
                index += 8
            }
            let high = Block(repeating: 0x80)
            while index &+ 16 <= count {
                let found = block(base, at: index) .>= high
                if let lane = firstSetLane(found) { return index + lane }
                index &+= 16
            }
        }
        while index < count, buffer[index] < 0x80 { index += 1 }
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
            let space = Block(repeating: 0x20), quote = Block(repeating: 0x22), backslash = Block(repeating: 0x5C)
            // Without `orSurrogateLead`, a second test for the quote, which changes nothing.
            let surrogateLead = Block(repeating: orSurrogateLead ? 0xED : 0x22)
            while index &+ 16 <= count {
                let bytes = block(base, at: index)
                let found = (bytes .< space) .| (bytes .== quote) .| (bytes .== backslash) .| (bytes .== surrogateLead)
                if let lane = firstSetLane(found) { return index + lane }
                index &+= 16
            }
        }
        while index < count, !isStringSpecial(buffer[index], orSurrogateLead: orSurrogateLead) { index += 1 }
        return index
    }

    /// Whether `byte` ends a plain run inside a JSON string (see
    /// ``firstStringSpecial(_:from:orSurrogateLead:)``).
    @inline(__always)
    static func isStringSpecial(_ byte: UInt8, orSurrogateLead: Bool) -> Bool {
        byte < 0x20 || byte == 0x22 || byte == 0x5C || (orSurrogateLead && byte == 0xED)
    }

    /// The first 0-based offset where `needle` (not empty) begins in
    /// `buffer`, or `nil`. Each step tests sixteen starting offsets at once
    /// for both the needle's first and its last byte, and compares the whole
    /// needle only in a block where both agree somewhere (W. Muła,
    /// "SIMD-friendly algorithms for substring searching", 2016).
    static func firstIndex(of needle: [UInt8], in buffer: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let first = needle.first, let last = needle.last, let base = buffer.baseAddress,
              buffer.count >= needle.count else { return nil }
        let lastStart = buffer.count - needle.count
        func matches(at start: Int) -> Bool {
            buffer[start] == first && UnsafeBufferPointer(rebasing: buffer[start..<(start + needle.count)]).elementsEqual(needle)
        }
        let firstBytes = Block(repeating: first), lastBytes = Block(repeating: last)
        var index = 0
        // Both blocks (at `index` and at `index + needle.count - 1`) lie inside the buffer.
        while index &+ 16 <= lastStart &+ 1 {
            if firstSetLane((block(base, at: index) .== firstBytes) .& (block(base, at: index &+ needle.count &- 1) .== lastBytes)) != nil {
                for start in index..<(index + 16) where matches(at: start) { return start }
            }
            index &+= 16
        }
        while index <= lastStart {
            if matches(at: index) { return index }
            index += 1
        }
        return nil
    }
}
