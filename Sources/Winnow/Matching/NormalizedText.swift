import Foundation

/// The text that patterns are matched against: a document's bytes in
/// Unicode Normalization Form C (NFC), with a map from offsets in the
/// normalized bytes back to offsets in the original bytes.
///
/// Two forms are kept:
/// - ``Form/nfc``, for regexes: the text in NFC;
/// - ``Form/keywords``, for keywords: the same without the invisible format
///   characters that scraped text carries inside words and phrases
///   (``isInvisibleFormatCharacter(_:)``), so that `Daten\u{AD}schutz`
///   matches the keyword `Datenschutz`.
///
/// Most text is already NFC and holds no such character: then a form is the
/// original bytes themselves and no copy is made (``NFCQuickCheck`` decides,
/// ASCII bytes 16 at a time). Otherwise only the stretches that change are
/// normalized: each starts at the boundary scalar before a scalar that may
/// change (`e` in `e` U+0301) and runs to the next boundary scalar; a line
/// break never starts one, so units (lines, paragraphs) begin and end
/// outside them.
///
/// Offsets are 0-based byte offsets. A match that starts or ends inside a
/// normalized stretch maps to the whole original stretch: `é` found in
/// `Cafe\u{301}` covers the 3 bytes `e` U+0301.
public struct NormalizedText {
    /// Which bytes a pattern sees.
    public enum Form: Sendable {
        /// NFC: what regexes see.
        case nfc
        /// NFC without invisible format characters: what keywords see.
        case keywords
    }

    /// The original bytes.
    public let original: [UInt8]
    private let nfc: Changes?
    private let keywordForm: Changes?

    /// Normalizes `bytes` (UTF-8; invalid sequences are kept as they are).
    /// - Parameter isNormalizationFree: true when the caller knows that both
    ///   forms equal `bytes` (``Document/isNormalizationFree``); then they
    ///   are not looked at again.
    public init(_ bytes: [UInt8], isNormalizationFree: Bool = false) {
        original = bytes
        (nfc, keywordForm) = isNormalizationFree ? (nil, nil) : bytes.withUnsafeBufferPointer { Changes.of($0) }
    }

    /// Whether `form` differs from the original bytes anywhere.
    public func differs(in form: Form) -> Bool { changes(form) != nil }

    /// The bytes of `form` for the original byte range `range` (0-based),
    /// passed to `body`, and the offset in `form` at which they start.
    public func withBytes<Result, Failure: Error>(
        of range: Range<Int>, in form: Form,
        _ body: (UnsafeBufferPointer<UInt8>, Int) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        guard let changes = changes(form) else {
            return try original.withUnsafeBufferPointer { buffer throws(Failure) in
                try body(UnsafeBufferPointer(rebasing: buffer[range]), range.lowerBound)
            }
        }
        let mapped = changes.normalizedRange(of: range)
        return try changes.bytes.withUnsafeBufferPointer { buffer throws(Failure) in
            try body(UnsafeBufferPointer(rebasing: buffer[mapped]), mapped.lowerBound)
        }
    }

    /// All the bytes of `form`, passed to `body` with the range in them of
    /// each original byte range of `ranges` (0-based), mapped as
    /// ``withBytes(of:in:_:)`` maps one.
    public func withBytes<Result>(of ranges: [Range<Int>], in form: Form,
                                  _ body: (UnsafeBufferPointer<UInt8>, [Range<Int>]) -> Result) -> Result {
        guard let changes = changes(form) else { return original.withUnsafeBufferPointer { body($0, ranges) } }
        let mapped = ranges.map(changes.normalizedRange(of:))
        return changes.bytes.withUnsafeBufferPointer { body($0, mapped) }
    }

    /// The original byte range of the byte range `range` of `form`, widened
    /// to whole normalized stretches; an empty range stays empty.
    public func originalRange(of range: Range<Int>, in form: Form) -> Range<Int> {
        guard let changes = changes(form) else { return range }
        let lower = Changes.lowerBound(range.lowerBound, changes.segments, from: \.normalized, to: \.original)
        if range.isEmpty { return lower..<lower }
        let upper = Changes.upperBound(range.upperBound, changes.segments, from: \.normalized, to: \.original)
        return lower..<max(lower, upper)
    }

    private func changes(_ form: Form) -> Changes? {
        switch form {
        case .nfc: nfc
        case .keywords: keywordForm
        }
    }

    /// `string` in NFC; ASCII, which NFC leaves as it is, is returned without
    /// a call to Foundation's normalization (thousands of rule patterns load
    /// faster for it).
    static func nfc(_ string: String) -> String {
        string.utf8.allSatisfy { $0 < 0x80 } ? string : string.precomposedStringWithCanonicalMapping
    }

    /// Whether the two-byte sequence `lead second` (well-formed) is a scalar
    /// that both forms keep as it is whatever stands around it: U+0080–U+02FF
    /// (Latin) but U+00AD, and U+0400–U+047F (Cyrillic). Each has NFC_Quick_Check
    /// Yes and combining class 0 (UAX #15, section 9).
    @inline(__always)
    static func isStable(lead: UInt8, second: UInt8) -> Bool {
        (lead >= 0xC2 && lead <= 0xCB && !(lead == 0xC2 && second == 0xAD)) || lead == 0xD0 || lead == 0xD1
    }

    /// Whether the three-byte sequence `lead second third` (well-formed) is
    /// such a scalar: U+1E00–U+1EFF (Latin Extended Additional, the
    /// Vietnamese letters) or U+2010–U+205F (dashes, quotation marks, the
    /// ellipsis).
    @inline(__always)
    static func isStable(lead: UInt8, second: UInt8, third: UInt8) -> Bool {
        switch lead {
        case 0xE1: second >= 0xB8 && second <= 0xBB
        case 0xE2: (second == 0x80 && third >= 0x90) || (second == 0x81 && third < 0xA0)
        default: false
        }
    }

    /// Whether `value` (a Unicode scalar value) is one of the invisible
    /// format characters that keywords skip: U+00AD SOFT HYPHEN, U+200B ZERO
    /// WIDTH SPACE, U+2060 WORD JOINER, U+FEFF ZERO WIDTH NO-BREAK SPACE.
    /// They render as nothing (or as a hyphen only at a line end), so a
    /// phrase holding them reads as the phrase without them. U+200C ZERO
    /// WIDTH NON-JOINER and U+200D ZERO WIDTH JOINER are not among them:
    /// they are part of the spelling of words in Persian and Indic scripts,
    /// and of emoji sequences.
    public static func isInvisibleFormatCharacter(_ value: UInt32) -> Bool {
        value == 0xAD || value == 0x200B || value == 0x2060 || value == 0xFEFF
    }

    /// The normalized bytes of one form and the stretches where they differ
    /// from the original.
    private struct Changes {
        /// One changed stretch: its original bytes and the bytes that replace them.
        struct Segment {
            let original: Range<Int>
            let normalized: Range<Int>
        }

        var bytes: [UInt8] = []
        /// Ordered by position (in both texts); never overlapping.
        var segments: [Segment] = []
        /// Original bytes before this offset are in `bytes`.
        private var copied = 0

        /// Replaces the original bytes `range` (after every range replaced so far) by `replacement`.
        mutating func replace(_ range: Range<Int>, with replacement: [UInt8], in source: UnsafeBufferPointer<UInt8>) {
            if segments.isEmpty { bytes.reserveCapacity(source.count) }
            bytes += source[copied..<range.lowerBound]
            let start = bytes.count
            bytes += replacement
            segments.append(Segment(original: range, normalized: start..<bytes.count))
            copied = range.upperBound
        }

        /// The finished form, or `nil` when it equals `source`.
        consuming func finished(_ source: UnsafeBufferPointer<UInt8>) -> Changes? {
            guard !segments.isEmpty else { return nil }
            bytes += source[copied..<source.count]
            return self
        }

        /// The changes that NFC makes to `source`, and those that NFC and the
        /// removal of invisible format characters make, in one pass; `nil`
        /// for a form equal to `source`.
        static func of(_ source: UnsafeBufferPointer<UInt8>) -> (nfc: Changes?, keywords: Changes?) {
            var nfc = Changes()
            // Becomes a copy of `nfc` at the first invisible format character.
            var keywords: Changes?
            // NFC of the stretches seen: most are a letter and a mark or two,
            // up to 7 bytes, keyed by the bytes packed with their count.
            var shortCache: [UInt64: [UInt8]] = [:]
            var longCache: [[UInt8]: [UInt8]] = [:]
            func normalized(_ range: Range<Int>) -> [UInt8] {
                func compute() -> [UInt8] {
                    Array(String(decoding: source[range], as: UTF8.self).precomposedStringWithCanonicalMapping.utf8)
                }
                guard range.count <= 7 else {
                    let stretch = Array(source[range])
                    if let known = longCache[stretch] { return known }
                    let result = compute()
                    longCache[stretch] = result
                    return result
                }
                var key = UInt64(range.count) << 56
                for (shift, byte) in source[range].enumerated() { key |= UInt64(byte) << UInt64(8 * shift) }
                if let known = shortCache[key] { return known }
                let result = compute()
                shortCache[key] = result
                return result
            }
            let count = source.count
            NFCQuickCheck.bmpTable.withUnsafeBufferPointer { table in
                // Where the last boundary scalar that may combine with what follows starts.
                var starter: Int?
                var index = 0
                while index < count {
                    let byte = source[index]
                    if byte < 0x80 {
                        // A run of ASCII, sixteen bytes at a time.
                        index = ByteSearch.firstNonASCII(source, from: index)
                        let last = source[index - 1]
                        starter = last == 0x0A || last == 0x0D ? nil : index - 1
                        continue
                    }
                    if index + 1 < count, source[index + 1] & 0xC0 == 0x80,
                       NormalizedText.isStable(lead: byte, second: source[index + 1]) {
                        starter = index
                        index += 2
                        continue
                    }
                    if index + 2 < count, source[index + 1] & 0xC0 == 0x80, source[index + 2] & 0xC0 == 0x80,
                       NormalizedText.isStable(lead: byte, second: source[index + 1], third: source[index + 2]) {
                        starter = index
                        index += 3
                        continue
                    }
                    guard let (value, length) = Self.decode(source, at: index) else {
                        starter = nil
                        index += 1
                        continue
                    }
                    if NormalizedText.isInvisibleFormatCharacter(value) {
                        if keywords == nil { keywords = nfc }
                        keywords!.replace(index..<(index + length), with: [], in: source)
                        // Nothing composes with these characters: what follows starts afresh.
                        starter = nil
                        index += length
                        continue
                    }
                    guard NFCQuickCheck.mayChange(value, table: table) else {
                        starter = index
                        index += length
                        continue
                    }
                    let start = starter ?? index
                    var end = index + length
                    while end < count, let (next, nextLength) = Self.decode(source, at: end),
                          NFCQuickCheck.mayChange(next, table: table) {
                        end += nextLength
                    }
                    let replacement = normalized(start..<end)
                    if !replacement.elementsEqual(source[start..<end]) {
                        nfc.replace(start..<end, with: replacement, in: source)
                        keywords?.replace(start..<end, with: replacement, in: source)
                    }
                    starter = nil
                    index = end
                }
            }
            let nfcForm = nfc.finished(source)
            return (nfcForm, keywords == nil ? nfcForm : keywords!.finished(source))
        }

        /// The scalar value and byte length of the well-formed UTF-8
        /// sequence of 2 to 4 bytes at `index`, or `nil`.
        @inline(__always)
        private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int)? {
            let lead = UInt32(bytes[index])
            let length: Int, minimum: UInt32
            var value: UInt32
            switch lead {
            case 0xC2...0xDF: length = 2; minimum = 0x80; value = lead & 0x1F
            case 0xE0...0xEF: length = 3; minimum = 0x800; value = lead & 0x0F
            case 0xF0...0xF4: length = 4; minimum = 0x10000; value = lead & 0x07
            default: return nil
            }
            guard index + length <= bytes.count else { return nil }
            for offset in 1..<length {
                let continuation = UInt32(bytes[index + offset])
                guard continuation & 0xC0 == 0x80 else { return nil }
                value = value << 6 | (continuation & 0x3F)
            }
            guard value >= minimum, value <= 0x10FFFF, !(0xD800...0xDFFF).contains(value) else { return nil }
            return (value, length)
        }

        /// The range of the normalized bytes for the original byte range `range`.
        func normalizedRange(of range: Range<Int>) -> Range<Int> {
            let lower = Self.lowerBound(range.lowerBound, segments, from: \.original, to: \.normalized)
            let upper = Self.upperBound(range.upperBound, segments, from: \.original, to: \.normalized)
            return lower..<max(lower, upper)
        }

        /// Where a range starting at `offset` of one text starts in the
        /// other: inside a stretch, at the stretch's start; after removed
        /// bytes at `offset`, after them.
        static func lowerBound(_ offset: Int, _ segments: [Segment], from: KeyPath<Segment, Range<Int>>,
                               to: KeyPath<Segment, Range<Int>>) -> Int {
            // The last segment starting at or before `offset`.
            var low = 0, high = segments.count
            while low < high {
                let middle = (low + high) / 2
                if segments[middle][keyPath: from].lowerBound <= offset { low = middle + 1 } else { high = middle }
            }
            guard low > 0 else { return offset }
            let segment = segments[low - 1]
            let source = segment[keyPath: from], target = segment[keyPath: to]
            return offset < source.upperBound ? target.lowerBound : offset - source.upperBound + target.upperBound
        }

        /// Where a range ending at `offset` of one text ends in the other:
        /// inside a stretch, at the stretch's end; before removed bytes at
        /// `offset`, before them.
        static func upperBound(_ offset: Int, _ segments: [Segment], from: KeyPath<Segment, Range<Int>>,
                               to: KeyPath<Segment, Range<Int>>) -> Int {
            // The last segment starting before `offset`.
            var low = 0, high = segments.count
            while low < high {
                let middle = (low + high) / 2
                if segments[middle][keyPath: from].lowerBound < offset { low = middle + 1 } else { high = middle }
            }
            guard low > 0 else { return offset }
            let segment = segments[low - 1]
            let source = segment[keyPath: from], target = segment[keyPath: to]
            return offset <= source.upperBound ? target.upperBound : offset - source.upperBound + target.upperBound
        }
    }
}
