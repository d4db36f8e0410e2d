/// A rule's `message` or `replacement`, parsed once when the rule loads.
///
/// - Message syntax: `{match}` the matched text, `{rule}` the rule id,
///   `{line}` the 1-based line, `{N}` capture group N, `{NAME}` the named group.
/// - Replacement syntax, as in PCRE2's `pcre2_substitute` and most regex
///   tools: `$N` or `${N}` capture group N (`$0` the whole match), `${NAME}`
///   the named group, `$$` a dollar sign.
///
/// A group that took no part in the match expands to nothing.
public struct Template: Sendable, Equatable {
    enum Piece: Sendable, Equatable {
        case text(String)
        case match
        case rule
        case line
        case group(Int)
        case named(String)
    }

    /// The template as written.
    public let source: String
    let pieces: [Piece]

    private init(source: String, pieces: [Piece]) {
        self.source = source
        // Adjacent literal pieces merge; empty ones go.
        var merged: [Piece] = []
        for piece in pieces {
            if case .text(let text) = piece {
                if text.isEmpty { continue }
                if case .text(let previous)? = merged.last {
                    merged[merged.count - 1] = .text(previous + text)
                    continue
                }
            }
            merged.append(piece)
        }
        self.pieces = merged
    }

    /// A template that is only literal text.
    public static func literal(_ text: String) -> Template {
        Template(source: text, pieces: [.text(text)])
    }

    /// The capture group numbers and names the template refers to, for
    /// checking them against the rule's patterns at load time.
    var groupReferences: [Piece] {
        pieces.filter { if case .group = $0 { true } else if case .named = $0 { true } else { false } }
    }

    /// Parses a message template: `{match}`, `{rule}`, `{line}`, `{N}`, `{NAME}`.
    /// A `{` that does not start a placeholder is literal.
    public static func message(_ source: String) -> Template {
        var pieces: [Piece] = []
        var rest = Substring(source)
        while let open = rest.firstIndex(of: "{") {
            let after = rest.index(after: open)
            guard let close = rest[after...].firstIndex(of: "}"), let piece = placeholder(rest[after..<close]) else {
                pieces.append(.text(String(rest[...open])))
                rest = rest[after...]
                continue
            }
            pieces.append(.text(String(rest[..<open])))
            pieces.append(piece)
            rest = rest[rest.index(after: close)...]
        }
        pieces.append(.text(String(rest)))
        return Template(source: source, pieces: pieces)
    }

    /// Parses a replacement template: `$N`, `${N}`, `${NAME}`, `$$`. A `$`
    /// followed by anything else is literal.
    public static func replacement(_ source: String) -> Template {
        var pieces: [Piece] = []
        var text = ""
        var rest = Substring(source)
        while let dollar = rest.firstIndex(of: "$") {
            text += rest[..<dollar]
            let after = rest[rest.index(after: dollar)...]
            if after.first == "$" {
                text += "$"
                rest = after.dropFirst()
            } else if let digits = after.prefix(while: \.isASCIIDigit).nilIfEmpty, let number = Int(digits) {
                pieces += [.text(text), .group(number)]
                text = ""
                rest = after.dropFirst(digits.count)
            } else if after.first == "{", let close = after.firstIndex(of: "}"),
                      let piece = group(after[after.index(after: after.startIndex)..<close]) {
                pieces += [.text(text), piece]
                text = ""
                rest = after[after.index(after: close)...]
            } else {
                text += "$"
                rest = after
            }
        }
        pieces.append(.text(text + rest))
        return Template(source: source, pieces: pieces)
    }

    /// The template filled in.
    /// - Parameters:
    ///   - match: the pattern match, or `nil` for a rule without `match`.
    ///   - matched: the matched text (the unit's text for a rule without `match`).
    ///   - text: the document text of a byte range, for capture groups.
    public func expand(ruleID: String, line: Int, matched: String, match: PatternMatch?,
                       text: (Range<Int>) -> String) -> String {
        // A corpus run expands a message for each finding: pieces are
        // appended in place, and a template without placeholders is its text.
        if pieces.count == 1, case .text(let literal) = pieces[0] { return literal }
        var result = ""
        for piece in pieces {
            switch piece {
            case .text(let literal): result += literal
            case .match: result += matched
            case .rule: result += ruleID
            case .line: result += String(line)
            case .group(let number):
                guard let match else {
                    if number == 0 { result += matched }
                    continue
                }
                if number < match.groups.count, let range = match.groups[number] { result += text(range) }
            case .named(let name):
                if let match, let number = match.pattern.groupNumber(named: name), number < match.groups.count,
                   let range = match.groups[number] {
                    result += text(range)
                }
            }
        }
        return result
    }

    private static func placeholder(_ name: Substring) -> Piece? {
        switch name {
        case "match": return .match
        case "rule": return .rule
        case "line": return .line
        default: return group(name)
        }
    }

    private static func group(_ name: Substring) -> Piece? {
        if let number = Int(name), name.allSatisfy(\.isASCIIDigit) { return .group(number) }
        let isName = name.first.map { $0.isLetter || $0 == "_" } == true
            && name.allSatisfy { ($0.isLetter || $0.isNumber || $0 == "_") && $0.isASCII }
        return isName ? .named(String(name)) : nil
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

private extension Substring {
    var nilIfEmpty: Substring? { isEmpty ? nil : self }
}
