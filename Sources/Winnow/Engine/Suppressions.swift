/// Inline suppression comments, as ESLint and markdownlint spell them:
///
/// - `winnow-disable-next-line [RULE-ID …]`: the next line;
/// - `winnow-disable [RULE-ID …]` … `winnow-enable [RULE-ID …]`: the lines
///   after the first up to the second (or the end of the document).
///
/// In Markdown and HTML the directive is an HTML comment
/// (`<!-- winnow-disable-next-line cookie-notice -->`); in other text it
/// follows `#` at the start of a line (`# winnow-disable teaser-line`).
/// Several ids are separated by spaces or commas; no id means every rule.
/// No rule fires inside a directive itself.
public struct Suppressions: Sendable {
    /// `all[i]`: every rule is suppressed on line i + 1; empty when the
    /// document holds no directive.
    private var all: [Bool]
    /// `some[i]`: the rules suppressed on line i + 1; empty when `all` is.
    private var some: [Set<String>]
    /// Byte ranges of the directives themselves, in document order: no rule
    /// fires inside them and `clean` keeps them.
    public private(set) var directives: [Range<Int>] = []
    /// Ids named in directives that are not in the rule set: `(line, column,
    /// offset, id)`, the 1-based line and column (Unicode scalars) and the
    /// 0-based byte offset of the id.
    public private(set) var unknown: [(line: Int, column: Int, offset: Int, id: String)] = []

    private static let htmlDirective = try! PCRE2Regex(
        #"<!--\s*winnow-(disable-next-line|disable|enable)\b([^>]*?)\s*-->"#, caseSensitive: true)
    private static let hashDirective = try! PCRE2Regex(
        #"^\s*#\s*winnow-(disable-next-line|disable|enable)\b(.*)$"#, caseSensitive: true)

    /// Whether the document holds no directive (nothing is suppressed).
    public var isEmpty: Bool { all.isEmpty }

    /// What every directive starts with.
    private static let directiveMarker = Array("winnow-".utf8)

    /// Reads the directives of `document`; ids not in `ruleIDs` are kept in ``unknown``.
    public init(document: Document, ruleIDs: Set<String>) {
        // Most documents hold no directive: one search for its prefix spares
        // the per-line match and the per-line tables.
        all = []
        some = []
        let mentionsDirective = document.bytes.withUnsafeBufferPointer {
            ByteSearch.firstIndex(of: Self.directiveMarker, in: $0) != nil
        }
        guard mentionsDirective else { return }
        all = [Bool](repeating: false, count: document.lines.count)
        some = [Set<String>](repeating: [], count: document.lines.count)
        let pattern = document.format == .plain ? Self.hashDirective : Self.htmlDirective
        let scratch = MatchScratch(maxCaptureCount: 2)
        var openAll = false
        var open: Set<String> = []
        document.bytes.withUnsafeBufferPointer { buffer in
            for (index, line) in document.lines.enumerated() {
                if openAll { all[index] = true }
                some[index].formUnion(open)
                let subject = UnsafeBufferPointer(rebasing: buffer[line.content])
                guard let matches = try? pattern.allMatches(in: subject, scratch: scratch) else { continue }
                for match in matches {
                    directives.append((match.range.lowerBound + line.start)..<(match.range.upperBound + line.start))
                    guard let kindRange = match.groups[1], let idsRange = match.groups[2] else { continue }
                    let kind = String(decoding: subject[kindRange], as: UTF8.self)
                    let ids = Self.ids(subject, idsRange, lineStart: line.start)
                    for id in ids where !ruleIDs.contains(id.text) {
                        let position = document.position(ofByte: id.offset)
                        unknown.append((position.line, position.column, id.offset, id.text))
                    }
                    let names = Set(ids.map(\.text))
                    switch kind {
                    case "disable-next-line":
                        guard index + 1 < document.lines.count else { break }
                        if names.isEmpty { all[index + 1] = true } else { some[index + 1].formUnion(names) }
                    case "disable":
                        if names.isEmpty { openAll = true } else { open.formUnion(names) }
                    default:
                        if names.isEmpty { openAll = false; open = [] } else { open.subtract(names) }
                    }
                }
            }
        }
    }

    /// Whether `ruleID` is suppressed for a match starting at byte `offset`
    /// (0-based) on the 0-based line `lineIndex`: the line is turned off for
    /// the rule, or the match starts inside a directive.
    /// Always false for a document without directives.
    public func isSuppressed(_ ruleID: String, at offset: Int, onLine lineIndex: Int) -> Bool {
        !all.isEmpty && (all[lineIndex] || some[lineIndex].contains(ruleID) || directives.contains { $0.contains(offset) })
    }

    /// The ids in `range` of `subject`, with their byte offsets in the document.
    private static func ids(_ subject: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, lineStart: Int) -> [(text: String, offset: Int)] {
        var ids: [(text: String, offset: Int)] = []
        var start: Int?
        for index in range.lowerBound...range.upperBound {
            let isSeparator = index == range.upperBound || [0x20, 0x09, 0x2C].contains(subject[index])
            if isSeparator, let first = start {
                ids.append((String(decoding: subject[first..<index], as: UTF8.self), lineStart + first))
                start = nil
            } else if !isSeparator, start == nil {
                start = index
            }
        }
        return ids
    }
}
