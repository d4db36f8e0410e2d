import Foundation

/// Byte-level text operations with Go's semantics (strings as UTF-8 bytes),
/// which Vale's alert locations depend on.
enum ByteText {
    /// The first offset of `needle` in `haystack` (0 for an empty needle).
    static func index(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard !needle.isEmpty else { return 0 }
        guard needle.count <= haystack.count else { return nil }
        let first = needle[0]
        var start = 0
        while start <= haystack.count - needle.count {
            if haystack[start] == first && haystack[start..<(start + needle.count)].elementsEqual(needle) { return start }
            start += 1
        }
        return nil
    }

    static func count(_ needle: [UInt8], in haystack: [UInt8]) -> Int {
        guard !needle.isEmpty else { return ByteText.runeCount(haystack[...]) + 1 }
        var count = 0, rest = haystack[...]
        while let found = index(of: needle, in: Array(rest)) {
            count += 1
            rest = rest.dropFirst(found + needle.count)
        }
        return count
    }

    /// Replaces the first occurrence of `sub` with `char`, one `char` a
    /// character (newlines kept), so rune counts are unchanged: Vale's
    /// `Substitute`. With `keepMultibyte`, characters of more than one byte
    /// are kept instead (Vale's in-place walker masking).
    static func substitute(_ text: [UInt8], _ sub: [UInt8], _ char: UInt8, keepMultibyte: Bool = false) -> ([UInt8], Bool) {
        guard let found = index(of: sub, in: text) else { return (text, false) }
        var replacement: [UInt8] = []
        for scalar in String(decoding: sub, as: UTF8.self).unicodeScalars {
            if scalar == "\n" || (keepMultibyte && !scalar.isASCII) {
                replacement += Array(String(scalar).utf8)
            } else {
                replacement.append(char)
            }
        }
        return (Array(text[..<found]) + replacement + Array(text[(found + sub.count)...]), true)
    }

    static func runeCount<C: Collection>(_ bytes: C) -> Int where C.Element == UInt8 {
        bytes.count { $0 & 0xC0 != 0x80 }
    }

    /// Lines with their terminating `\n` (Go's `strings.SplitAfter`).
    static func splitAfterNewline(_ text: [UInt8]) -> [[UInt8]] {
        var lines: [[UInt8]] = [], current: [UInt8] = []
        for byte in text {
            current.append(byte)
            if byte == UInt8(ascii: "\n") {
                lines.append(current)
                current = []
            }
        }
        lines.append(current)
        return lines
    }

    /// White-space separated fields (Go's `strings.Fields`).
    static func fields(_ text: [UInt8]) -> [[UInt8]] {
        String(decoding: text, as: UTF8.self).split(whereSeparator: \.isWhitespace).map { Array($0.utf8) }
    }

    /// Sentences: the text split after `.`, `?` or `!` followed by white space.
    static func sentences(_ text: [UInt8]) -> [[UInt8]] {
        let string = String(decoding: text, as: UTF8.self)
        var sentences: [[UInt8]] = [], current = ""
        var previous: Character?
        for character in string {
            if character.isWhitespace, let last = previous, ".?!".contains(last), !current.isEmpty {
                sentences.append(Array(current.trimmingCharacters(in: " \t\n").utf8))
                current = ""
            } else if !(current.isEmpty && character.isWhitespace) {
                current.append(character)
            }
            previous = character
        }
        let last = current.trimmingCharacters(in: " \t\n")
        if !last.isEmpty { sentences.append(Array(last.utf8)) }
        return sentences
    }

    /// Word tokens: white-space separated, with leading and trailing punctuation split off.
    static func words(_ text: [UInt8]) -> [[UInt8]] {
        fields(text).flatMap { field -> [[UInt8]] in
            var word = Substring(String(decoding: field, as: UTF8.self))
            var tokens: [String] = [], trailing: [String] = []
            while let first = word.first, first.isPunctuation, word.count > 1 { tokens.append(String(first)); word = word.dropFirst() }
            while let last = word.last, last.isPunctuation, word.count > 1 { trailing.insert(String(last), at: 0); word = word.dropLast() }
            return (tokens + [String(word)] + trailing).map { Array($0.utf8) }
        }
    }

    /// `text` with every match of `pattern` replaced by `replacement(group 1, else the match)`.
    static func replace(_ pattern: String, in text: String, _ replacement: (String) -> String) -> String {
        guard let regex = try? PCRE2Regex(pattern, caseSensitive: true) else { return text }
        let bytes = Array(text.utf8)
        let matches = bytes.withUnsafeBufferPointer { (try? regex.allMatches(in: $0, scratch: MatchScratch(maxCaptureCount: regex.captureCount))) ?? [] }
        var result: [UInt8] = [], position = 0
        for match in matches {
            result += bytes[position..<match.range.lowerBound]
            let group = match.groups.count > 1 ? (match.groups[1] ?? match.range) : match.range
            result += Array(replacement(String(decoding: bytes[group], as: UTF8.self)).utf8)
            position = match.range.upperBound
        }
        result += bytes[position...]
        return String(decoding: result, as: UTF8.self)
    }

    /// Fenced-code info strings hidden (three or more backticks and the
    /// rest of the line: the rest becomes `*`), so no match is located in them.
    static func maskInfoStrings(_ text: String) -> String {
        text.replacing(/`{3,}.+/) { match in
            let parts = match.output.split(separator: "`", omittingEmptySubsequences: false)
            return String(repeating: "`", count: parts.count - 1) + String(repeating: "*", count: parts.last!.utf8.count)
        }
    }
}
