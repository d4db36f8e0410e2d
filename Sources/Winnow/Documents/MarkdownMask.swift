/// Finds the parts of a Markdown document that are not prose — YAML front
/// matter, fenced and indented code blocks, inline code spans and HTML
/// comments — and hides them from rules by turning their bytes into spaces.
///
/// The masked copy has the same length and the same line terminators, so
/// every byte offset, line and column found in it holds for the original.
/// The recognition follows CommonMark 0.31 closely enough for articles:
/// - front matter: `---` on line 1, up to the next `---` or `...` line;
/// - fences: a line of 3+ backticks or tildes (any indentation, so fences
///   inside list items count), closed by a line of 3+ of the same character,
///   at least as many; a `---` inside a fence is code, never a delimiter;
/// - indented code: 4 spaces or a tab on the first line or after a blank
///   line, outside lists;
/// - code spans: a run of N backticks up to the next run of exactly N on the
///   same line; HTML comments: `<!--` to `-->`, across lines.
public enum MarkdownMask {
    /// A copy of `document` with its non-prose bytes replaced by spaces.
    public static func prose(of document: Document) -> Document {
        var bytes = document.bytes
        for range in nonProse(in: document) {
            for index in range where bytes[index] != 0x0A && bytes[index] != 0x0D { bytes[index] = 0x20 }
        }
        return Document(name: document.name, bytes: bytes, format: document.format,
                        byteOrderMarkAllowed: document.byteOrderMarkLength > 0)
    }

    /// The byte ranges that are not prose, in document order.
    public static func nonProse(in document: Document) -> [Range<Int>] {
        let bytes = document.bytes, lines = document.lines
        var ranges: [Range<Int>] = []
        var index = 0
        if let first = lines.first, trimmed(first, bytes) == Array("---".utf8),
           let close = lines.indices.dropFirst().first(where: { [Array("---".utf8), Array("...".utf8)].contains(trimmed(lines[$0], bytes)) }) {
            ranges.append(first.start..<lines[close].contentEnd)
            index = close + 1
        }
        var fence: (character: UInt8, count: Int)?
        var inComment = false, inList = false, inIndentedCode = false
        while index < lines.count {
            let line = lines[index]
            defer { index += 1 }
            let content = Array(bytes[line.content])
            let indent = content.prefix { $0 == 0x20 }.count
            let body = content.dropFirst(indent)
            if let open = fence {
                ranges.append(line.content)
                let run = body.prefix { $0 == open.character }.count
                if run >= open.count, body.dropFirst(run).allSatisfy(isSpace) { fence = nil }
                continue
            }
            if !inComment, let opening = fenceOpening(body) {
                ranges.append(line.content)
                fence = opening
                continue
            }
            if document.blankLines[index] {
                continue
            }
            let previousBlank = index == 0 || document.blankLines[index - 1]
            let isIndented = indent >= 4 || content.first == 0x09
            if !inComment, isIndented, !inList, previousBlank || inIndentedCode {
                ranges.append(line.content)
                inIndentedCode = true
                continue
            }
            inIndentedCode = false
            if isListItem(body) && indent < 4 { inList = true } else if indent == 0 && previousBlank { inList = false }
            ranges += inlineRanges(line, bytes: bytes, inComment: &inComment)
        }
        return ranges
    }

    private static func inlineRanges(_ line: Line, bytes: [UInt8], inComment: inout Bool) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var position = line.start
        let end = line.contentEnd
        while position < end {
            if inComment {
                guard let close = find(Array("-->".utf8), in: bytes, from: position, to: end) else {
                    ranges.append(position..<end)
                    return ranges
                }
                ranges.append(position..<(close + 3))
                position = close + 3
                inComment = false
                continue
            }
            if bytes[position] == UInt8(ascii: "`") {
                let run = bytes[position..<end].prefix { $0 == UInt8(ascii: "`") }.count
                var search = position + run
                var closed = false
                while let next = bytes[search..<end].firstIndex(of: UInt8(ascii: "`")) {
                    let closing = bytes[next..<end].prefix { $0 == UInt8(ascii: "`") }.count
                    if closing == run {
                        ranges.append(position..<(next + run))
                        position = next + run
                        closed = true
                        break
                    }
                    search = next + closing
                }
                if !closed { position += run }
                continue
            }
            if bytes[position] == UInt8(ascii: "<"), bytes[position..<end].starts(with: Array("<!--".utf8)) {
                inComment = true
                ranges.append(position..<(position + 4))
                position += 4
                continue
            }
            position += 1
        }
        return ranges
    }

    private static func fenceOpening(_ body: ArraySlice<UInt8>) -> (character: UInt8, count: Int)? {
        guard let character = body.first, character == UInt8(ascii: "`") || character == UInt8(ascii: "~") else { return nil }
        let count = body.prefix { $0 == character }.count
        guard count >= 3 else { return nil }
        if character == UInt8(ascii: "`"), body.dropFirst(count).contains(character) { return nil }
        return (character, count)
    }

    private static func isListItem(_ body: ArraySlice<UInt8>) -> Bool {
        if let first = body.first, [UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "+")].contains(first) {
            return body.count == 1 || isSpace(body[body.startIndex + 1])
        }
        let digits = body.prefix { (0x30...0x39).contains($0) }.count
        guard digits > 0, digits < 10, body.count > digits else { return false }
        let marker = body[body.startIndex + digits]
        return (marker == UInt8(ascii: ".") || marker == UInt8(ascii: ")"))
            && (body.count == digits + 1 || isSpace(body[body.startIndex + digits + 1]))
    }

    private static func trimmed(_ line: Line, _ bytes: [UInt8]) -> [UInt8] {
        var content = bytes[line.content]
        while let last = content.last, isSpace(last) { content = content.dropLast() }
        return Array(content)
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int, to end: Int) -> Int? {
        guard end - start >= needle.count else { return nil }
        return (start...(end - needle.count)).first { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }
    }
}
