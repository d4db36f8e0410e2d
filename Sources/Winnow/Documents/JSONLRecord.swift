/// One line of a JSON Lines file, read just enough to take out the text of
/// one top-level string field and to put a new text back, leaving every
/// other byte of the line as it was (key order, spacing, other fields'
/// escapes).
///
/// The whole line is checked to be one JSON object (RFC 8259) without
/// building it: values are skipped, not decoded, except the wanted fields.
/// Decoding Foundation's way would cost most of a corpus run and reorder
/// keys; this touches only the text field.
public struct JSONLRecord: Sendable {
    /// The line's bytes, without its line terminator.
    public let bytes: [UInt8]
    /// The byte ranges of each top-level key (quotes included) and its
    /// value, in line order. For a repeated key the last one counts, as in
    /// Python's `json`, jq and JavaScript's `JSON.parse`; the others are
    /// left untouched.
    private let fields: [(key: Range<Int>, value: Range<Int>)]

    /// Parses `bytes` as one JSON object.
    /// - Throws: ``JSONLError`` with the 0-based byte offset and the cause.
    public init(_ bytes: [UInt8]) throws(JSONLError) {
        self.bytes = bytes
        var reader = Reader(bytes: bytes)
        fields = try reader.topLevelObject()
    }

    /// The byte range of the value of the last top-level key `key`. Keys are
    /// compared as written, and decoded only when they hold an escape.
    private func value(_ key: String) -> Range<Int>? {
        for field in fields.reversed() {
            let written = bytes[(field.key.lowerBound + 1)..<(field.key.upperBound - 1)]
            let matches = written.contains(UInt8(ascii: "\\"))
                ? JSONString.decode(written).elementsEqual(key.utf8) : written.elementsEqual(key.utf8)
            if matches { return field.value }
        }
        return nil
    }

    /// The decoded UTF-8 bytes of the string field `key`, or `nil` when the
    /// record has no such key. Escapes (`\n`, `\u00e9`, surrogate pairs) are
    /// decoded; an unpaired surrogate escape becomes the surrogate's
    /// three-byte form (WTF-8, not valid UTF-8, matched as invalid bytes), so
    /// that ``replacing(_:with:)`` writes it back as the same escape.
    /// - Throws: ``JSONLError`` when the field is not a string.
    public func string(_ key: String) throws(JSONLError) -> [UInt8]? {
        guard let range = value(key) else { return nil }
        guard bytes[range.lowerBound] == UInt8(ascii: "\"") else {
            throw JSONLError(offset: range.lowerBound, message: "field '\(key)' is not a string")
        }
        return JSONString.decode(bytes[(range.lowerBound + 1)..<(range.upperBound - 1)])
    }

    /// A name for the record from the field `key`: its decoded text when it
    /// is a string, its digits as written when it is a number (corpora often
    /// number their documents), else `nil` (no such key, or an object,
    /// array, boolean or null).
    public func identifier(_ key: String) -> String? {
        guard let range = value(key) else { return nil }
        let first = bytes[range.lowerBound]
        if first == UInt8(ascii: "\"") { return (try? string(key)).flatMap { $0 }.map { String(decoding: $0, as: UTF8.self) } }
        guard first == UInt8(ascii: "-") || (0x30...0x39).contains(first) else { return nil }
        return String(decoding: bytes[range], as: UTF8.self)
    }

    /// The line with the string field `key` replaced by `text` (encoded as a
    /// JSON string: `"`, `\` and control characters escaped, everything else
    /// as UTF-8); every other byte is kept.
    public func replacing(_ key: String, with text: [UInt8]) -> [UInt8] {
        guard let range = value(key) else { return bytes }
        return Array(bytes[..<range.lowerBound]) + JSONString.encode(text) + bytes[range.upperBound...]
    }

    /// A JSON object is read with this cursor; offsets are 0-based.
    private struct Reader {
        let bytes: [UInt8]
        var position = 0

        mutating func topLevelObject() throws(JSONLError) -> [(key: Range<Int>, value: Range<Int>)] {
            skipSpace()
            guard peek == UInt8(ascii: "{") else { throw error("a record must be a JSON object") }
            position += 1
            var fields: [(key: Range<Int>, value: Range<Int>)] = []
            // Room for a typical record's fields, so that they are not grown one by one.
            fields.reserveCapacity(8)
            skipSpace()
            if peek == UInt8(ascii: "}") {
                position += 1
            } else {
                while true {
                    skipSpace()
                    guard peek == UInt8(ascii: "\"") else { throw error("expected a key") }
                    let keyRange = try skipString()
                    skipSpace()
                    guard peek == UInt8(ascii: ":") else { throw error("expected ':'") }
                    position += 1
                    skipSpace()
                    let start = position
                    try skipValue(depth: 0)
                    fields.append((keyRange, start..<position))
                    skipSpace()
                    if peek == UInt8(ascii: ",") { position += 1; continue }
                    guard peek == UInt8(ascii: "}") else { throw error("expected ',' or '}'") }
                    position += 1
                    break
                }
            }
            skipSpace()
            guard position == bytes.count else { throw error("text after the object") }
            return fields
        }

        private var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

        private mutating func skipSpace() {
            while let byte = peek, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { position += 1 }
        }

        private mutating func skipValue(depth: Int) throws(JSONLError) {
            guard depth < 512 else { throw error("nested too deeply") }
            guard let byte = peek else { throw error("expected a value") }
            switch byte {
            case UInt8(ascii: "\""):
                _ = try skipString()
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let close = byte == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                position += 1
                skipSpace()
                if peek == close { position += 1; return }
                while true {
                    skipSpace()
                    if close == UInt8(ascii: "}") {
                        guard peek == UInt8(ascii: "\"") else { throw error("expected a key") }
                        _ = try skipString()
                        skipSpace()
                        guard peek == UInt8(ascii: ":") else { throw error("expected ':'") }
                        position += 1
                        skipSpace()
                    }
                    try skipValue(depth: depth + 1)
                    skipSpace()
                    if peek == UInt8(ascii: ",") { position += 1; continue }
                    guard peek == close else { throw error("expected ',' or '\(Character(Unicode.Scalar(close)))'") }
                    position += 1
                    return
                }
            case UInt8(ascii: "t"): try skipWord("true")
            case UInt8(ascii: "f"): try skipWord("false")
            case UInt8(ascii: "n"): try skipWord("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                try skipNumber()
            default:
                throw error("expected a value")
            }
        }

        /// Skips a string starting at the current `"`; returns its range, quotes included.
        private mutating func skipString() throws(JSONLError) -> Range<Int> {
            let start = position
            position += 1
            while true {
                // Plain bytes are passed over a word at a time.
                position = bytes.withUnsafeBufferPointer { ByteSearch.firstStringSpecial($0, from: position) }
                guard let byte = peek else { break }
                position += 1
                if byte == UInt8(ascii: "\"") { return start..<position }
                if byte == UInt8(ascii: "\\") {
                    guard let escape = peek else { break }
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                         UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                        position += 1
                    case UInt8(ascii: "u") where position + 5 <= bytes.count
                        && bytes[(position + 1)..<(position + 5)].allSatisfy({ $0.isHexDigit }):
                        position += 5
                    default:
                        position -= 1
                        throw error(escape == UInt8(ascii: "u") ? "\\u not followed by four hex digits" : "invalid escape in a string")
                    }
                } else if byte < 0x20 {
                    position -= 1
                    throw error("control character in a string")
                }
            }
            position = start
            throw error("unterminated string")
        }

        /// Skips a number as RFC 8259 section 6 writes it: `-`, then `0` or
        /// digits without a leading zero, then a fraction and an exponent,
        /// each with at least one digit.
        private mutating func skipNumber() throws(JSONLError) {
            if peek == UInt8(ascii: "-") { position += 1 }
            if peek == UInt8(ascii: "0") {
                position += 1
                if let next = peek, next.isDigit { throw error("bad number: a leading zero") }
            } else {
                try skipDigits()
            }
            if peek == UInt8(ascii: ".") {
                position += 1
                try skipDigits()
            }
            if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
                position += 1
                if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { position += 1 }
                try skipDigits()
            }
        }

        /// Skips one digit or more.
        private mutating func skipDigits() throws(JSONLError) {
            guard let first = peek, first.isDigit else { throw error("bad number") }
            position += 1
            while let next = peek, next.isDigit { position += 1 }
        }

        private mutating func skipWord(_ word: String) throws(JSONLError) {
            guard bytes[position...].starts(with: word.utf8) else { throw error("expected a value") }
            position += word.utf8.count
        }

        private func error(_ message: String) -> JSONLError {
            JSONLError(offset: position, message: message)
        }
    }
}

/// A line of a JSONL input that is not the JSON object Winnow needs.
public struct JSONLError: Error, Equatable, CustomStringConvertible {
    /// 0-based byte offset in the line.
    public let offset: Int
    public let message: String

    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }

    public var description: String { "\(message) at byte \(offset)" }
}

/// JSON string escapes (RFC 8259 section 7), on UTF-8 bytes.
enum JSONString {
    /// The UTF-8 bytes of a string's contents (between the quotes).
    static func decode(_ contents: ArraySlice<UInt8>) -> [UInt8] {
        contents.withUnsafeBufferPointer { decode($0) }
    }

    /// The UTF-8 bytes of the string contents `contents`. Runs up to the
    /// next special byte (``ByteSearch/firstStringSpecial(_:from:orSurrogateLead:)``)
    /// are copied whole; of those bytes, only `\` is decoded: in a checked
    /// record, `"` and control characters occur only escaped.
    private static func decode(_ contents: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var index = ByteSearch.firstStringSpecial(contents, from: 0)
        guard index < contents.count else { return Array(contents) }
        var out: [UInt8] = []
        out.reserveCapacity(contents.count)
        out.append(contentsOf: UnsafeBufferPointer(rebasing: contents[..<index]))
        var pendingHigh: UInt32?
        func surrogate(_ value: UInt32) -> [UInt8] {
            [0xE0 | UInt8(value >> 12), 0x80 | UInt8((value >> 6) & 0x3F), 0x80 | UInt8(value & 0x3F)]
        }
        func flushHigh() {
            if let high = pendingHigh { out += surrogate(high); pendingHigh = nil }
        }
        while index < contents.endIndex {
            let byte = contents[index]
            guard byte == UInt8(ascii: "\\"), index + 1 < contents.endIndex else {
                flushHigh()
                // The bytes up to the next escape are copied as one run.
                let runEnd = byte == UInt8(ascii: "\\") ? index + 1 : ByteSearch.firstStringSpecial(contents, from: index + 1)
                out.append(contentsOf: UnsafeBufferPointer(rebasing: contents[index..<runEnd]))
                index = runEnd
                continue
            }
            let escape = contents[index + 1]
            index += 2
            if escape == UInt8(ascii: "u"), index + 4 <= contents.endIndex,
               let value = UInt32(String(decoding: contents[index..<(index + 4)], as: UTF8.self), radix: 16) {
                index += 4
                if (0xD800...0xDBFF).contains(value) {
                    flushHigh()
                    pendingHigh = value
                    continue
                }
                if (0xDC00...0xDFFF).contains(value) {
                    if let high = pendingHigh, let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (value - 0xDC00)) {
                        out += Array(String(scalar).utf8)
                    } else {
                        out += surrogate(value)
                    }
                    pendingHigh = nil
                    continue
                }
                flushHigh()
                out += Array(String(Unicode.Scalar(value) ?? "\u{FFFD}").utf8)
                continue
            }
            flushHigh()
            switch escape {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            default: out.append(escape)  // \" \\ \/
            }
        }
        flushHigh()
        return out
    }

    /// `text` as a JSON string, quotes included; the three-byte form of a
    /// lone surrogate (see ``JSONLRecord/string(_:)``) becomes its `\u` escape.
    static func encode(_ text: [UInt8]) -> [UInt8] {
        text.withUnsafeBufferPointer { text in
            // Room for the worst case; pages that are not written are not touched.
            [UInt8](unsafeUninitializedCapacity: maximumEscapedLength(text.count) + 2) { buffer, count in
                let start = buffer.baseAddress!
                start.pointee = UInt8(ascii: "\"")
                let end = writeEscaped(text, at: start + 1)
                end.pointee = UInt8(ascii: "\"")
                count = end + 1 - start
            }
        }
    }

    /// The most bytes that ``writeEscaped(_:at:)`` writes for `count`
    /// bytes: 6 each (a control character becomes `\u001F`).
    static func maximumEscapedLength(_ count: Int) -> Int { 6 * count }

    /// Writes ``encode(_:)``'s result for `text` without its quotes at
    /// `start`, which has room for ``maximumEscapedLength(_:)`` bytes, and
    /// returns the address after the last byte written. Runs of bytes
    /// that need no escape are copied whole.
    static func writeEscaped(_ text: UnsafeBufferPointer<UInt8>,
                             at start: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        let hexDigits: StaticString = "0123456789abcdef"
        var out = start
        func put(_ byte: UInt8) {
            out.pointee = byte
            out += 1
        }
        func put(escaped byte: UInt8) {
            put(0x5C)
            put(byte)
        }
        func putEscape(_ value: UInt32) {
            put(escaped: UInt8(ascii: "u"))
            for shift: UInt32 in [12, 8, 4, 0] { put(hexDigits.utf8Start[Int((value >> shift) & 0xF)]) }
        }
        var index = 0
        while index < text.count {
            let runEnd: Int
            if text.count - index < 16 {
                // A short tail (most of a report's strings): copied as it is searched.
                var next = index
                while next < text.count, !ByteSearch.isStringSpecial(text[next], orSurrogateLead: true) {
                    put(text[next])
                    next &+= 1
                }
                runEnd = next
            } else {
                runEnd = ByteSearch.firstStringSpecial(text, from: index, orSurrogateLead: true)
                out.update(from: text.baseAddress! + index, count: runEnd - index)
                out += runEnd - index
            }
            index = runEnd
            guard index < text.count else { break }
            let byte = text[index]
            index += 1
            if byte == 0xED, index + 1 < text.count, (0xA0...0xBF).contains(text[index]), text[index + 1] & 0xC0 == 0x80 {
                putEscape(0xD000 | (UInt32(text[index] & 0x3F) << 6) | UInt32(text[index + 1] & 0x3F))
                index += 2
                continue
            }
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): put(escaped: byte)
            case 0x0A: put(escaped: UInt8(ascii: "n"))
            case 0x0D: put(escaped: UInt8(ascii: "r"))
            case 0x09: put(escaped: UInt8(ascii: "t"))
            case 0x00..<0x20: putEscape(UInt32(byte))
            default: put(byte)
            }
        }
        return out
    }
}

private extension UInt8 {
    var isDigit: Bool { self >= 0x30 && self <= 0x39 }
    var isHexDigit: Bool { isDigit || (self | 0x20 >= 0x61 && self | 0x20 <= 0x66) }
}
