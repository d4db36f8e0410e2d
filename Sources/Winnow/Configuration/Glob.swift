import Foundation

/// A path pattern in the syntax of `.gitignore` files (git's gitignore(5)),
/// used for `include`, `exclude` and `overrides` paths and for ignore files.
///
/// - `*` matches within one path segment, `?` one character, `[abc]` and
///   `[!abc]` a class, `{md,txt}` one of several alternatives;
/// - `**` matches any number of segments (`**/drafts`, `news/**`, `a/**/b`);
/// - a pattern with a `/` before its end is anchored at the base folder (a
///   leading `/` only anchors); one without matches a name at any depth;
/// - a trailing `/` matches folders only.
///
/// Paths are `/`-separated and relative to the base folder; matching is
/// case-sensitive, as git's is on Linux.
public struct Glob: Sendable {
    /// The pattern as written.
    public let pattern: String
    /// True when the pattern ends in `/`.
    public let foldersOnly: Bool
    private let regex: PCRE2Regex

    /// - Throws: ``RegexCompileError`` for a pattern that does not compile
    ///   (a class such as `[z-a]`); its offset is in the translated regex.
    public init(_ pattern: String) throws(RegexCompileError) {
        self.pattern = pattern
        var body = Substring(pattern)
        foldersOnly = body.hasSuffix("/")
        if foldersOnly { body = body.dropLast() }
        let anchored = body.dropLast().contains("/") || body.hasPrefix("/")
        if body.hasPrefix("/") { body = body.dropFirst() }
        regex = try PCRE2Regex("^" + (anchored ? "" : "(?:.*/)?") + Self.translate(body) + "$", caseSensitive: true)
    }

    /// Whether `path` (relative to the base folder, no leading `/`) matches.
    public func matches(_ path: String, isFolder: Bool = false) -> Bool {
        if foldersOnly && !isFolder { return false }
        var path = path
        return path.withUTF8 { buffer in
            (try? regex.firstMatch(in: buffer, from: 0, scratch: MatchScratch())) != nil
        }
    }

    /// Whether `path` or one of the folders it lies in matches.
    public func matchesPathOrParent(_ path: String) -> Bool {
        let segments = path.split(separator: "/")
        return segments.indices.contains { index in
            matches(segments[...index].joined(separator: "/"), isFolder: index < segments.count - 1)
        }
    }

    private static func translate(_ glob: Substring) -> String {
        var out = ""
        var index = glob.startIndex
        var inAlternatives = false
        while index < glob.endIndex {
            let character = glob[index]
            let rest = glob[index...]
            if rest.hasPrefix("**/") {
                out += "(?:.*/)?"
                index = glob.index(index, offsetBy: 3)
                continue
            }
            if rest.hasPrefix("**") {
                out += ".*"
                index = glob.index(index, offsetBy: 2)
                continue
            }
            switch character {
            case "*": out += "[^/]*"
            case "?": out += "[^/]"
            case "[":
                if let close = glob[glob.index(after: index)...].dropFirst().firstIndex(of: "]") {
                    var set = glob[glob.index(after: index)..<close]
                    var negated = false
                    if set.first == "!" || set.first == "^" { negated = true; set = set.dropFirst() }
                    out += "[" + (negated ? "^" : "") + set.replacingOccurrences(of: "\\", with: "\\\\") + "]"
                    index = glob.index(after: close)
                    continue
                }
                out += "\\["
            case "{": out += "(?:"; inAlternatives = true
            case "}" where inAlternatives: out += ")"; inAlternatives = false
            case "," where inAlternatives: out += "|"
            case "\\" where glob.index(after: index) < glob.endIndex:
                index = glob.index(after: index)
                out += escaped(glob[index])
            default: out += escaped(character)
            }
            index = glob.index(after: index)
        }
        return out
    }

    private static func escaped(_ character: Character) -> String {
        character.isLetter || character.isNumber || !character.isASCII ? String(character) : "\\" + String(character)
    }
}
