import Foundation

/// One event of a document's markup, as an HTML tokenizer would give it
/// for the document rendered to HTML (the form Vale reads Markdown in).
enum MarkupToken: Equatable {
    case start(String, [String: String])
    case end(String)
    case text(String)
    case comment(String)

    /// The tag name, the text, or the comment.
    var data: String {
        switch self {
        case .start(let tag, _), .end(let tag): tag
        case .text(let text), .comment(let text): text
        }
    }

    func attribute(_ key: String) -> String {
        if case .start(_, let attributes) = self { return attributes[key] ?? "" }
        return ""
    }
}

/// Renders CommonMark/GFM Markdown (the common subset: ATX headings,
/// paragraphs, block quotes, lists, fenced and indented code, pipe tables,
/// HTML blocks and comments; code spans, emphasis, links, images, autolinks
/// and inline HTML) to the token stream its HTML rendering would give.
struct MarkdownTokenizer {
    private var tokens: [MarkupToken] = []

    static func tokens(of text: String) -> [MarkupToken] {
        var tokenizer = MarkdownTokenizer()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        tokenizer.blocks(lines)
        return tokenizer.tokens
    }

    // MARK: Blocks

    private static func indent(_ line: String) -> Int {
        var count = 0
        for character in line {
            if character == " " { count += 1 } else if character == "\t" { count += 4 - count % 4 } else { break }
        }
        return count
    }

    private static func isBlank(_ line: String) -> Bool { line.allSatisfy { $0 == " " || $0 == "\t" } }

    private static func dropIndent(_ line: String, _ width: Int) -> String {
        var removed = 0
        var index = line.startIndex
        while index < line.endIndex, removed < width, line[index] == " " || line[index] == "\t" {
            removed += line[index] == "\t" ? 4 - removed % 4 : 1
            index = line.index(after: index)
        }
        return String(line[index...])
    }

    private static func heading(_ line: String) -> (Int, String)? {
        guard indent(line) < 4 else { return nil }
        let trimmed = line.drop { $0 == " " }
        let level = trimmed.prefix { $0 == "#" }.count
        guard (1...6).contains(level) else { return nil }
        let rest = trimmed.dropFirst(level)
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        var content = rest.trimmingCharacters(in: " \t")
        if let range = content.range(of: #"(^|\s+)#+\s*$"#, options: .regularExpression) { content.removeSubrange(range) }
        return (level, content)
    }

    private static func fence(_ line: String) -> (marker: Character, count: Int, info: String)? {
        guard indent(line) < 4 else { return nil }
        let trimmed = line.drop { $0 == " " }
        guard let marker = trimmed.first, marker == "`" || marker == "~" else { return nil }
        let count = trimmed.prefix { $0 == marker }.count
        guard count >= 3 else { return nil }
        let info = String(trimmed.dropFirst(count)).trimmingCharacters(in: " \t")
        if marker == "`" && info.contains("`") { return nil }
        return (marker, count, info)
    }

    /// The list marker of a line: ordered or not, the width to the content, and the content.
    private static func listItem(_ line: String) -> (ordered: Bool, width: Int, content: String)? {
        let indent = indent(line)
        guard indent < 4 else { return nil }
        let trimmed = line.drop { $0 == " " }
        var marker = ""
        var ordered = false
        if let first = trimmed.first, "-*+".contains(first) {
            marker = String(first)
        } else {
            let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, digits.count < 10, let next = trimmed.dropFirst(digits.count).first, next == "." || next == ")" else {
                return nil
            }
            marker = digits + String(next)
            ordered = true
        }
        let rest = trimmed.dropFirst(marker.count)
        if rest.isEmpty { return (ordered, indent + marker.count + 1, "") }
        guard rest.first == " " || rest.first == "\t" else { return nil }
        let spaces = rest.prefix { $0 == " " }.count
        let padding = spaces > 4 ? 1 : max(spaces, 1)
        return (ordered, indent + marker.count + padding, String(rest.dropFirst(min(spaces, padding))))
    }

    private static func isThematicBreak(_ line: String) -> Bool {
        let characters = line.filter { $0 != " " && $0 != "\t" }
        guard indent(line) < 4, characters.count >= 3, let first = characters.first, "-*_".contains(first) else { return false }
        return characters.allSatisfy { $0 == first }
    }

    private static let htmlBlockPattern = #"^ {0,3}(?:<!--|</?(?:address|article|aside|blockquote|body|caption|details|div|dl|figure|footer|form|h[1-6]|header|hr|li|main|nav|ol|p|pre|section|summary|table|tbody|td|tfoot|th|thead|tr|ul|script|style)(?:\s|/?>|$))"#

    private static func isHTMLBlockStart(_ line: String) -> Bool {
        line.range(of: htmlBlockPattern, options: [.regularExpression, .caseInsensitive]) != nil
    }

    private static func startsOtherBlock(_ line: String) -> Bool {
        heading(line) != nil || fence(line) != nil || line.drop(while: { $0 == " " }).hasPrefix(">")
            || isThematicBreak(line) || isHTMLBlockStart(line)
            || listItem(line).map { !$0.content.isEmpty && (!$0.ordered || $0.content.first != nil) } == true
    }

    private mutating func blocks(_ lines: [String], tight: Bool = false) {
        var index = 0
        while index < lines.count {
            let line = lines[index]
            if Self.isBlank(line) { index += 1; continue }
            if let (level, content) = Self.heading(line) {
                tokens.append(.start("h\(level)", [:]))
                inline(content)
                tokens.append(.end("h\(level)"))
                index += 1
            } else if let fence = Self.fence(line) {
                let width = Self.indent(line)
                var code: [String] = []
                index += 1
                while index < lines.count {
                    if let close = Self.fence(lines[index]), close.marker == fence.marker, close.count >= fence.count, close.info.isEmpty {
                        index += 1
                        break
                    }
                    code.append(Self.dropIndent(lines[index], width))
                    index += 1
                }
                codeBlock(code)
            } else if Self.indent(line) >= 4 {
                var code: [String] = []
                while index < lines.count, Self.isBlank(lines[index]) || Self.indent(lines[index]) >= 4 {
                    code.append(Self.dropIndent(lines[index], 4))
                    index += 1
                }
                while code.last.map(Self.isBlank) == true { code.removeLast() }
                codeBlock(code)
            } else if line.drop(while: { $0 == " " }).hasPrefix(">") {
                var inner: [String] = []
                while index < lines.count, !Self.isBlank(lines[index]) {
                    var content = lines[index].drop { $0 == " " }
                    if content.hasPrefix(">") {
                        content = content.dropFirst()
                        if content.hasPrefix(" ") { content = content.dropFirst() }
                    } else if Self.startsOtherBlock(lines[index]) {
                        break
                    }
                    inner.append(String(content))
                    index += 1
                }
                tokens.append(.start("blockquote", [:]))
                blocks(inner)
                tokens.append(.end("blockquote"))
            } else if Self.isThematicBreak(line) {
                tokens.append(.start("hr", [:]))
                index += 1
            } else if let item = Self.listItem(line) {
                index = list(lines, from: index, ordered: item.ordered)
            } else if Self.isHTMLBlockStart(line) {
                var html: [String] = []
                let isComment = line.drop(while: { $0 == " " }).hasPrefix("<!--")
                while index < lines.count, !Self.isBlank(lines[index]) {
                    html.append(lines[index])
                    index += 1
                    if isComment && html.last!.contains("-->") { break }
                }
                tokens += HTMLTokenizer.tokens(of: html.joined(separator: "\n"))
            } else if index + 1 < lines.count, line.contains("|"), Self.isTableDelimiter(lines[index + 1]) {
                index = table(lines, from: index)
            } else {
                var paragraph: [String] = []
                while index < lines.count, !Self.isBlank(lines[index]) {
                    if !paragraph.isEmpty && Self.startsOtherBlock(lines[index]) { break }
                    paragraph.append(lines[index].trimmingCharacters(in: " \t", trailingOnly: false))
                    index += 1
                }
                if !tight { tokens.append(.start("p", [:])) }
                inline(paragraph.joined(separator: "\n"))
                if !tight { tokens.append(.end("p")) }
            }
        }
    }

    private mutating func codeBlock(_ code: [String]) {
        tokens.append(.start("pre", [:]))
        tokens.append(.start("code", [:]))
        if !code.isEmpty { tokens.append(.text(code.joined(separator: "\n") + "\n")) }
        tokens.append(.end("code"))
        tokens.append(.end("pre"))
    }

    private mutating func list(_ lines: [String], from start: Int, ordered: Bool) -> Int {
        var items: [[String]] = []
        var loose = false
        var index = start
        var width = 0
        var blankBefore = false
        while index < lines.count {
            let line = lines[index]
            if Self.isBlank(line) {
                blankBefore = true
                if !items.isEmpty { items[items.count - 1].append("") }
                index += 1
                continue
            }
            if let item = Self.listItem(line), item.ordered == ordered, Self.indent(line) < max(width, 1) {
                if blankBefore && !items.isEmpty { loose = true }
                items.append([item.content])
                width = item.width
            } else if Self.indent(line) >= width && !items.isEmpty {
                if blankBefore && items[items.count - 1].contains(where: { !Self.isBlank($0) }) { loose = true }
                items[items.count - 1].append(Self.dropIndent(line, width))
            } else if !blankBefore && !items.isEmpty && !Self.startsOtherBlock(line) {
                items[items.count - 1].append(line)
            } else {
                break
            }
            blankBefore = false
            index += 1
        }
        let tag = ordered ? "ol" : "ul"
        tokens.append(.start(tag, [:]))
        for var item in items {
            while item.last.map(Self.isBlank) == true { item.removeLast() }
            tokens.append(.start("li", [:]))
            blocks(item, tight: !loose)
            tokens.append(.end("li"))
        }
        tokens.append(.end(tag))
        return index
    }

    private static func isTableDelimiter(_ line: String) -> Bool {
        let cells = tableCells(line)
        return !cells.isEmpty && cells.allSatisfy { $0.range(of: #"^:?-+:?$"#, options: .regularExpression) != nil }
    }

    private static func tableCells(_ line: String) -> [String] {
        var row = line.trimmingCharacters(in: " \t")
        if row.hasPrefix("|") { row.removeFirst() }
        if row.hasSuffix("|") { row.removeLast() }
        return row.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: " \t") }
    }

    private mutating func table(_ lines: [String], from start: Int) -> Int {
        tokens.append(.start("table", [:]))
        tokens.append(.start("thead", [:]))
        row(Self.tableCells(lines[start]), cell: "th")
        tokens.append(.end("thead"))
        var index = start + 2
        if index < lines.count, !Self.isBlank(lines[index]) { tokens.append(.start("tbody", [:])) }
        let hasBody = index < lines.count && !Self.isBlank(lines[index])
        while index < lines.count, !Self.isBlank(lines[index]), !Self.startsOtherBlock(lines[index]) {
            row(Self.tableCells(lines[index]), cell: "td")
            index += 1
        }
        if hasBody { tokens.append(.end("tbody")) }
        tokens.append(.end("table"))
        return index
    }

    private mutating func row(_ cells: [String], cell tag: String) {
        tokens.append(.start("tr", [:]))
        for cell in cells {
            tokens.append(.start(tag, [:]))
            inline(cell)
            tokens.append(.end(tag))
        }
        tokens.append(.end("tr"))
    }

    // MARK: Inlines

    private mutating func inline(_ text: String) {
        let characters = Array(text)
        var buffer = ""
        var index = 0
        func flush() {
            if !buffer.isEmpty { tokens.append(.text(buffer)) }
            buffer = ""
        }
        while index < characters.count {
            let character = characters[index]
            if character == "\\", index + 1 < characters.count, characters[index + 1].isPunctuation || characters[index + 1].isSymbol {
                buffer.append(characters[index + 1])
                index += 2
            } else if character == "`" {
                let run = characters[index...].prefix { $0 == "`" }.count
                if let close = Self.find(run: run, of: "`", in: characters, from: index + run) {
                    flush()
                    var code = String(characters[(index + run)..<close]).replacingOccurrences(of: "\n", with: " ")
                    if code.count > 1, code.hasPrefix(" "), code.hasSuffix(" "), !code.allSatisfy({ $0 == " " }) {
                        code = String(code.dropFirst().dropLast())
                    }
                    tokens += [.start("code", [:]), .text(code), .end("code")]
                    index = close + run
                } else {
                    buffer += String(repeating: "`", count: run)
                    index += run
                }
            } else if character == "*" || character == "_" {
                let run = characters[index...].prefix { $0 == character }.count
                let width = min(run, 2)
                let leftFlanking = index + run < characters.count && !characters[index + run].isWhitespace
                if leftFlanking, let close = Self.closingDelimiter(character, width: width, in: characters, from: index + width) {
                    flush()
                    let tag = width == 2 ? "strong" : "em"
                    tokens.append(.start(tag, [:]))
                    inline(String(characters[(index + width)..<close]))
                    tokens.append(.end(tag))
                    index = close + width
                } else {
                    buffer += String(repeating: character, count: run)
                    index += run
                }
            } else if character == "!" || character == "[", let link = Self.link(in: characters, at: index) {
                flush()
                if link.image {
                    tokens.append(.start("img", ["src": link.destination, "alt": link.text]))
                } else {
                    tokens.append(.start("a", ["href": link.destination]))
                    inline(link.text)
                    tokens.append(.end("a"))
                }
                index = link.end
            } else if character == "<", let end = characters[index...].firstIndex(of: ">") {
                let tag = String(characters[index...end])
                if tag.range(of: #"^<(https?|mailto):[^\s<>]*>$"#, options: .regularExpression) != nil {
                    flush()
                    let url = String(tag.dropFirst().dropLast())
                    tokens += [.start("a", ["href": url]), .text(url), .end("a")]
                } else if tag.range(of: #"^</?[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?/?>$|^<!--[\s\S]*-->$"#, options: .regularExpression) != nil {
                    flush()
                    tokens += HTMLTokenizer.tokens(of: tag)
                } else {
                    buffer.append(character)
                    index += 1
                    continue
                }
                index = end + 1
            } else if character == "h", buffer.last.map({ !$0.isLetter }) ?? true,
                      let url = Self.autolink(in: characters, at: index) {
                flush()
                tokens += [.start("a", ["href": url]), .text(url), .end("a")]
                index += url.count
            } else {
                buffer.append(character)
                index += 1
            }
        }
        flush()
    }

    private static func autolink(in characters: [Character], at index: Int) -> String? {
        let rest = String(characters[index...].prefix { !$0.isWhitespace && $0 != "<" })
        guard rest.hasPrefix("https://") || rest.hasPrefix("http://") else { return nil }
        var url = Substring(rest)
        while let last = url.last, "?!.,:*_~)".contains(last) { url = url.dropLast() }
        return String(url)
    }

    private static func find(run: Int, of marker: Character, in characters: [Character], from start: Int) -> Int? {
        var index = start
        while index < characters.count {
            if characters[index] == marker {
                let length = characters[index...].prefix { $0 == marker }.count
                if length == run { return index }
                index += length
            } else {
                index += 1
            }
        }
        return nil
    }

    private static func closingDelimiter(_ marker: Character, width: Int, in characters: [Character], from start: Int) -> Int? {
        var index = start
        while index < characters.count {
            if characters[index] == "`", let close = find(run: characters[index...].prefix { $0 == "`" }.count, of: "`",
                                                          in: characters, from: index + 1) {
                index = close + 1
                continue
            }
            if characters[index] == marker {
                let length = characters[index...].prefix { $0 == marker }.count
                let rightFlanking = index > start && !characters[index - 1].isWhitespace
                let intraword = marker == "_" && index + length < characters.count && characters[index + length].isLetter
                if rightFlanking && !intraword && (length == width || (length > width && width == 2) || (width == 1 && length != 2)) {
                    return index
                }
                index += length
            } else {
                index += 1
            }
        }
        return nil
    }

    private static func link(in characters: [Character], at index: Int) -> (image: Bool, text: String, destination: String, end: Int)? {
        let image = characters[index] == "!"
        let open = image ? index + 1 : index
        guard open < characters.count, characters[open] == "[" else { return nil }
        var depth = 0
        var close = open
        while close < characters.count {
            if characters[close] == "\\" { close += 2; continue }
            if characters[close] == "[" { depth += 1 }
            if characters[close] == "]" { depth -= 1; if depth == 0 { break } }
            close += 1
        }
        guard close + 1 < characters.count, characters[close + 1] == "(" else { return nil }
        guard let end = characters[(close + 1)...].firstIndex(of: ")") else { return nil }
        let inside = String(characters[(close + 2)..<end]).trimmingCharacters(in: " ")
        let destination = inside.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
        return (image, String(characters[(open + 1)..<close]), destination, end + 1)
    }
}

/// Splits raw HTML into start tags (with attributes), end tags, text and comments.
enum HTMLTokenizer {
    static func tokens(of html: String) -> [MarkupToken] {
        var tokens: [MarkupToken] = []
        var rest = Substring(html)
        while !rest.isEmpty {
            if rest.hasPrefix("<!--") {
                let end = rest.range(of: "-->")
                tokens.append(.comment(String(rest[rest.index(rest.startIndex, offsetBy: 4)..<(end?.lowerBound ?? rest.endIndex)])))
                rest = end.map { rest[$0.upperBound...] } ?? ""
            } else if rest.hasPrefix("<"), let end = rest.firstIndex(of: ">"),
                      rest.dropFirst().first.map({ $0.isLetter || $0 == "/" }) == true {
                let body = rest[rest.index(after: rest.startIndex)..<end]
                if body.hasPrefix("/") {
                    tokens.append(.end(body.dropFirst().trimmingCharacters(in: " ").lowercased()))
                } else {
                    let name = body.prefix { !$0.isWhitespace && $0 != "/" }.lowercased()
                    var attributes: [String: String] = [:]
                    let pattern = try! Regex(#"([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))"#)
                    for match in String(body.dropFirst(name.count)).matches(of: pattern) {
                        let value = match.output[2].substring ?? match.output[3].substring ?? match.output[4].substring ?? ""
                        attributes[String(match.output[1].substring ?? "").lowercased()] = String(value)
                    }
                    tokens.append(.start(name, attributes))
                }
                rest = rest[rest.index(after: end)...]
            } else {
                let end = rest.dropFirst().firstIndex(of: "<") ?? rest.endIndex
                tokens.append(.text(unescape(String(rest[..<end]))))
                rest = rest[end...]
            }
        }
        return tokens
    }

    static func unescape(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}

extension String {
    func trimmingCharacters(in set: String, trailingOnly: Bool? = nil) -> String {
        let characters = Set(set)
        var start = startIndex, end = endIndex
        if trailingOnly != true { while start < end, characters.contains(self[start]) { start = index(after: start) } }
        if trailingOnly != false { while end > start, characters.contains(self[index(before: end)]) { end = index(before: end) } }
        return String(self[start..<end])
    }
}

extension Substring {
    func trimmingCharacters(in set: String) -> String { String(self).trimmingCharacters(in: set) }
}
