import Foundation

/// Runs the ``ProseCheck`` rules of a rule set over one document the way
/// Vale does (vale.sh/docs): Markdown is read as the HTML it renders to and
/// split into scoped blocks (`heading.h1`, `list`, `blockquote`,
/// `table.cell`, `alt`, paragraphs as `text`, …); `.txt` and other text is
/// one `text` block; every document is also one `raw` block. Code, skipped
/// tags and ignored classes are hidden; `<!-- vale off -->`,
/// `<!-- vale on -->` and `<!-- vale Style.Rule = NO|YES -->` toggle checks.
///
/// A match is located in the source as Vale locates it: by searching for
/// the matched text from the block's position onwards, word-bounded first
/// (columns in Unicode scalars). This reproduces Vale's alert positions,
/// including those of occurrence and capitalization alerts.
struct ProseLinter {
    /// The rules to run with their severity for this document.
    let rules: [(rule: Rule, check: ProseCheck, severity: Severity)]
    let document: Document

    init(rules: [Rule], document: Document) {
        let path = document.name.hasPrefix("./") ? String(document.name.dropFirst(2)) : document.name
        self.rules = rules.compactMap { rule in
            guard let check = rule.prose, let severity = check.severity(forPath: path) else { return nil }
            return (rule, check, severity)
        }
        self.document = document
    }

    /// The findings, in no particular order.
    func findings() -> [Finding] {
        guard !rules.isEmpty else { return [] }
        let content = Self.sanitize(document.text(0..<document.bytes.count))
        var state = LintState(content: content, rules: rules.map { ($0.check, try? CompiledCheck($0.check)) })
        let settings = rules.first?.check.markup ?? ProseCheck.MarkupSettings()
        switch document.format {
        case .markdown: state.lintMarkdown(settings: settings)
        default: state.lintText()
        }
        state.comments.reset()
        state.lintBlock(ProseBlock(context: Array(content.utf8), text: Array(content.utf8), sections: ["raw"], line: -1), lookup: true)
        return state.alerts.compactMap { alert in finding(for: alert) }
    }

    private static func sanitize(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    private func finding(for alert: Alert) -> Finding? {
        let (rule, _, severity) = rules[alert.rule]
        guard alert.line >= 1, alert.line <= document.lines.count else { return nil }
        let line = document.lines[alert.line - 1]
        var offset = line.start
        var column = 1
        for scalar in document.text(line.content).unicodeScalars where column < alert.column {
            offset += String(scalar).utf8.count
            column += 1
        }
        let end = min(offset + alert.match.utf8.count, line.contentEnd)
        let endPosition = document.position(ofByte: max(offset, end))
        return Finding(
            path: document.name, line: alert.line, column: alert.column, endLine: endPosition.line,
            endColumn: endPosition.column, byteOffset: offset, byteLength: max(0, end - offset), ruleID: rule.id,
            category: rule.category, severity: severity, action: .flag, message: alert.message, matchedText: alert.match,
            block: alert.line...alert.line)
    }
}

/// A prose block: its text, the document text it is searched in, its
/// scope sections and its 0-based line (-1 when unknown).
struct ProseBlock {
    var context: [UInt8]
    var text: [UInt8]
    var sections: Set<String>
    var line: Int
    /// For inline text (`link`, `strong`, …): the scope of the block it lies in, which only negated selectors see.
    var parentSections: Set<String> = []
}

/// One alert: where Vale places it and what it says.
struct Alert {
    let rule: Int
    let line: Int
    let column: Int
    let match: String
    let message: String
}

/// A check's raw result on a block: the match (byte range in the block's
/// text) and its message.
struct BlockAlert {
    var span: Range<Int>
    var match: [UInt8]
    var message: String
}

/// The in-text comment switches (`<!-- vale off -->` and friends).
struct CommentSwitches {
    private var off = false
    private var rules: [String: Bool] = [:]

    mutating func update(_ comment: String) {
        if comment == "vale off" {
            off = true
        } else if comment == "vale on" {
            off = false
        } else if let match = comment.wholeMatch(of: /vale (.+\..+) = (YES|NO)/) {
            rules[String(match.1)] = match.2 == "NO"
        }
    }

    /// Whether `name` is switched off.
    func isOff(_ name: String) -> Bool {
        if !off, let status = rules[name] { return status }
        return off
    }

    mutating func reset() {
        for key in rules.keys { rules[key] = false }
    }
}

private let inlineTags: Set = ["b", "big", "i", "small", "abbr", "acronym", "cite", "dfn", "em", "kbd", "strong", "a", "br", "img",
                               "span", "sub", "sup", "code", "tt", "del"]
private let tagToScope: [String: String] = [
    "th": "text.table.header", "td": "text.table.cell", "caption": "text.table.caption", "li": "text.list",
    "blockquote": "text.blockquote", "figcaption": "text.figure.caption", "strong": "strong", "b": "strong", "a": "link",
    "em": "emphasis", "i": "emphasis", "code": "code",
]

private struct LintState {
    var context: [UInt8]
    let lines: [[UInt8]]
    let rules: [(check: ProseCheck, compiled: CompiledCheck?)]
    var comments = CommentSwitches()
    var alerts: [Alert] = []
    var history: Set<String> = []
    var checkContext: [Int: [UInt8]] = [:]
    /// Conditional checks: the definitions seen so far in the file.
    var sequences: [Int: Set<String>] = [:]
    var isMarkup = false

    init(content: String, rules: [(ProseCheck, CompiledCheck?)]) {
        context = Array(content.utf8)
        lines = ByteText.splitAfterNewline(context)
        self.rules = rules
    }

    mutating func lintText() {
        let text = context
        lintProse(ProseBlock(context: text, text: text, sections: ["text"], line: -1))
    }

    // MARK: Markdown

    mutating func lintMarkdown(settings: ProseCheck.MarkupSettings) {
        isMarkup = true
        var source = String(decoding: context, as: UTF8.self)
        for pattern in settings.tokenIgnores ?? [] { source = ByteText.replace(pattern, in: source) { "`\($0)`" } }
        for pattern in settings.blockIgnores ?? [] { source = ByteText.replace(pattern, in: source) { "\n```\n\($0)\n```\n" } }
        context = Array(ByteText.maskInfoStrings(String(decoding: context, as: UTF8.self)).utf8)
        let skipTags = Set(settings.skippedScopes ?? ["script", "style", "pre", "figure", "noscript", "iframe"])
        let skipClasses = Set(["problematic", "pre", "code"] + (settings.ignoredClasses ?? []))
        let skipped = Set(settings.ignoredScopes ?? ["tt", "code", "kbd"])
        var walker = Walker(context: context)
        var inBlock = false, inline = false, skip = false
        var buffer = ""
        var attr = "", parentClass = ""
        for token in MarkdownTokenizer.tokens(of: source) {
            var txt = HTMLTokenizer.unescape(token.data.trimmingCharacters(in: " \t\n\r"))
            var isStart = false, isEnd = false
            if case .start = token { isStart = true }
            if case .end = token { isEnd = true }
            walker.addClass(txt, start: isStart)
            let closed = walker.canClose
            let skipClass = Self.hasClass(token.attribute("class"), in: skipClasses)
            let blockSkip = skipClass && !inlineTags.contains(txt)
            if isStart && (skipTags.contains(txt) || blockSkip) {
                walker.setClass(txt, blockSkip)
                inBlock = true
            } else if inBlock && (skipTags.contains(txt) || closed) {
                inBlock = false
                if closed { walker.closeClass() }
            } else if isStart {
                if (txt == "em" || txt == "b") && walker.lastTag == "code" { txt = "code" }
                inline = inlineTags.contains(txt)
                skip = skipped.contains(txt)
                // A block that starts inside another one (a nested list) is a new word.
                if !inline && !buffer.isEmpty && !buffer.hasSuffix(" ") { buffer += " " }
                walker.addTag(txt)
            } else if isEnd && inlineTags.contains(txt) {
                walker.activeTag = ""
            } else if case .comment = token {
                comments.update(txt)
            } else if case .text = token {
                if let scope = tagToScope[walker.activeTag], inlineTags.contains(walker.activeTag) {
                    let temporary = walker.updated(walker.context, with: walker.queue)
                    let root = walker.tagHistory.first.map { $0 == "ul" ? "li" : $0 } ?? ""
                    let parent = tagToScope[root] ?? (Self.isHeading(root) ? "text.heading." + root : "")
                    lintBlock(ProseBlock(context: temporary, text: Array(txt.utf8), sections: Self.sections(scope), line: -1,
                                         parentSections: Self.sections(parent)), lookup: true)
                    walker.activeTag = ""
                }
                walker.append(txt)
                if !inBlock && !txt.isEmpty {
                    var cleaned = txt
                    let first = txt.first.map(String.init) ?? ""
                    let skipNow = skip || Self.hasClass(parentClass, in: skipClasses)
                    let starter = [".", "?", "!", ",", ":", ";"].contains(first) && !skipNow
                    if skipNow || attr == txt {
                        cleaned = String(decoding: ByteText.substitute(Array(txt.utf8), Array(txt.utf8), UInt8(ascii: "*")).0, as: UTF8.self)
                        skip = false
                    }
                    if inline && !starter { cleaned = " " + cleaned }
                    buffer += cleaned
                }
            }
            if isEnd && !inlineTags.contains(txt) {
                if !buffer.trimmingCharacters(in: " \t\n\r").isEmpty { lintScope(&walker, buffer) }
                walker.reset()
                buffer = ""
            }
            attr = token.attribute("href")
            parentClass = token.attribute("class")
            if case .start(let tag, let attributes) = token {
                if ["img", "a", "p", "script"].contains(tag) {
                    for key in ["href", "id", "src"] {
                        guard var value = attributes[key] else { continue }
                        if key == "href" { value = value.removingPercentEncoding ?? value }
                        walker.update(value)
                    }
                }
                if tag == "img", let alt = attributes["alt"], !skipTags.contains("alt") {
                    lintBlock(walker.block(alt, sections: Self.sections("text.attr.alt")), lookup: false)
                }
            }
        }
    }

    private mutating func lintScope(_ walker: inout Walker, _ text: String) {
        for tag in walker.tagHistory {
            let scope = tagToScope[tag]
            if (scope != nil && !inlineTags.contains(tag)) || Self.isHeading(tag) {
                let name = scope ?? "text.heading." + tag
                let trimmed = String(text.drop { $0 == " " })
                lintBlock(walker.block(trimmed, sections: Self.sections(name)), lookup: false)
                return
            }
        }
        lintProse(walker.block(text, sections: []))
    }

    private static func sections(_ scope: String) -> Set<String> { Set(scope.split(separator: ".").map(String.init)) }

    private static func isHeading(_ tag: String) -> Bool { tag.count == 2 && tag.hasPrefix("h") && tag.last!.isNumber }

    private static func hasClass(_ attribute: String, in classes: Set<String>) -> Bool {
        attribute.split(separator: " ").contains { classes.contains(String($0)) }
    }

    // MARK: Checks

    /// A paragraph (or a whole text file): checked as `text` and
    /// `paragraph`, and each of its sentences as `sentence`.
    mutating func lintProse(_ block: ProseBlock) {
        let lookup = block.text.contains(UInt8(ascii: "\n")) || !isMarkup
        var whole = block
        whole.sections = ["text", "paragraph"]
        lintBlock(whole, lookup: lookup)
        for sentence in ByteText.sentences(block.text) {
            var part = block
            part.text = sentence
            part.sections = ["sentence"]
            lintBlock(part, lookup: lookup)
        }
    }

    mutating func lintBlock(_ block: ProseBlock, lookup: Bool) {
        checkContext = [:]
        for (index, entry) in rules.enumerated() {
            guard let compiled = entry.compiled, !comments.isOff(entry.check.name),
                  ScopeSelector.matches(entry.check.scope, block.sections, parent: block.parentSections) else { continue }
            var found = compiled.run(on: block.text, sequences: &sequences[index, default: []])
            found.removeAll { comments.isOff(entry.check.name + "[" + String(decoding: $0.match, as: UTF8.self) + "]") }
            for alert in found { add(alert, rule: index, block: block, lookup: lookup) }
        }
    }

    private mutating func add(_ alert: BlockAlert, rule: Int, block: ProseBlock, lookup: Bool) {
        let context = checkContext[rule] ?? block.context
        var offsets: [[UInt8]] = []
        if ByteText.count(alert.match, in: context) > 1 && context.count < 1000 {
            offsets = ByteText.fields(Array(context[0..<min(alert.span.lowerBound, context.count)]))
        }
        var position: (line: Int, column: Int)?
        if !lookup { position = assignLocation(context, block, alert) }
        if position == nil { position = findLocation(context, block, alert, offsets: offsets) }
        guard let (line, column) = position, column > 0 else { return }
        checkContext[rule] = ByteText.substitute(context, alert.match, UInt8(ascii: "#")).0
        let key = "\(line)-\(column)-\(rule)"
        guard history.insert(key).inserted else { return }
        alerts.append(Alert(rule: rule, line: line, column: column, match: String(decoding: alert.match, as: UTF8.self),
                            message: alert.message))
    }

    private func assignLocation(_ context: [UInt8], _ block: ProseBlock, _ alert: BlockAlert) -> (Int, Int)? {
        for (index, line) in ByteText.splitAfterNewline(context).enumerated() {
            let exact = line.count > alert.span.upperBound && Array(line[alert.span]) == alert.match
            guard exact || index == block.line else { continue }
            guard let position = initialPosition(line, block.text, alert.match) else { return nil }
            return (index + 1, position.column)
        }
        return nil
    }

    private func findLocation(_ original: [UInt8], _ block: ProseBlock, _ alert: BlockAlert, offsets: [[UInt8]]) -> (Int, Int)? {
        var context = original
        for word in offsets { context = ByteText.substitute(context, word, UInt8(ascii: "@")).0 }
        guard let position = initialPosition(context, block.text, alert.match) else { return nil }
        let lines = isMarkup ? self.lines : ByteText.splitAfterNewline(context)
        var counter = 0
        for (index, line) in lines.enumerated() {
            let length = ByteText.runeCount(line)
            if counter + length >= position.column { return (index + 1, position.column - counter) }
            counter += length
        }
        return nil
    }

    /// Vale's `initialPosition`: the 1-based rune position of `match` in
    /// `context`, searching after the block's text when it is found verbatim.
    private func initialPosition(_ original: [UInt8], _ text: [UInt8], _ match: [UInt8]) -> (column: Int, Void)? {
        guard !match.isEmpty else { return (1, ()) }
        var context = original
        if let offset = ByteText.index(of: text, in: context) {
            context = ByteText.substitute(context, Array(context[0..<offset]), UInt8(ascii: "@")).0
        }
        let quoted = String(decoding: match, as: UTF8.self).map { "\\^$.|?*+()[]{}\\/-#".contains($0) ? "\\\($0)" : String($0) }.joined()
        var index: Int?
        if let regex = try? PCRE2Regex("(?:^|\\b|_)" + quoted + "(?:_|\\b|$)", caseSensitive: true) {
            index = context.withUnsafeBufferPointer { (try? regex.firstMatch(in: $0, from: 0, scratch: MatchScratch()))?.lowerBound }
        }
        if index == nil { index = ByteText.index(of: match, in: context) }
        guard var found = index else { return guessLocation(context, text, match) }
        if found < context.count && context[found] == UInt8(ascii: "_") { found += 1 }
        return (ByteText.runeCount(context[0..<found]) + 1, ())
    }

    private func guessLocation(_ context: [UInt8], _ text: [UInt8], _ match: [UInt8]) -> (column: Int, Void)? {
        var target: [UInt8]?
        for sentence in ByteText.sentences(text) {
            if sentence == match || (ByteText.index(of: match, in: sentence) ?? 0) > 0 { target = sentence }
        }
        guard let target else { return nil }
        let tokens = ByteText.words(target)
        for line in context.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        where tokens.allSatisfy({ ByteText.index(of: $0, in: Array(line)) != nil }) {
            guard let index = ByteText.index(of: Array(line), in: context) else { return nil }
            return (index + 1, ())
        }
        return nil
    }
}

/// Vale's walker state: the context with the text already linted masked,
/// the line reached, the tags of the current block and skipped classes.
private struct Walker {
    var context: [UInt8]
    var line = 0
    var queue: [String] = []
    var tagHistory: [String] = []
    var activeTag = ""
    private var activeClass = ""
    private var begin = 0, end = 0

    init(context: [UInt8]) { self.context = context }

    var lastTag: String { tagHistory.last ?? activeTag }
    var canClose: Bool { !activeClass.isEmpty && begin == end && begin > 0 }

    mutating func addTag(_ tag: String) {
        tagHistory.append(tag)
        activeTag = tag
    }

    mutating func setClass(_ tag: String, _ isClass: Bool) {
        guard isClass else { return }
        activeClass = tag
        begin = 1
        end = 0
    }

    mutating func addClass(_ tag: String, start: Bool) {
        guard tag == activeClass else { return }
        if start { begin += 1 } else { end += 1 }
    }

    mutating func closeClass() {
        activeClass = ""
        begin = 0
        end = 0
    }

    /// `context` with each text masked by `@`; `inPlace` keeps multi-byte
    /// characters, as Vale's walker does for its own context.
    func updated(_ context: [UInt8], with texts: [String], inPlace: Bool = false) -> [UInt8] {
        var context = context
        for text in texts where !text.isEmpty {
            for part in text.split(separator: "\n", omittingEmptySubsequences: false) {
                let (masked, found) = ByteText.substitute(context, Array(part.utf8), UInt8(ascii: "@"), keepMultibyte: inPlace)
                context = masked
                if !found {
                    for word in ByteText.fields(Array(part.utf8)) {
                        context = ByteText.substitute(context, word, UInt8(ascii: "@"), keepMultibyte: inPlace).0
                    }
                }
            }
        }
        return context
    }

    mutating func update(_ text: String) { context = updated(context, with: [text], inPlace: true) }

    mutating func reset() {
        context = updated(context, with: queue, inPlace: true)
        queue = []
        tagHistory = []
    }

    mutating func append(_ text: String) {
        guard !text.isEmpty else { return }
        if let position = advance(text) { line = position }
        queue.append(text)
    }

    func advance(_ text: String) -> Int? {
        var position: Int?
        for part in text.split(separator: "\n", omittingEmptySubsequences: false) {
            position = ByteText.index(of: Array(part.utf8), in: context)
            if position == nil {
                for word in ByteText.fields(Array(part.utf8)) { position = ByteText.index(of: word, in: context) }
            }
        }
        guard let position else { return nil }
        let line = context[0..<position].count { $0 == UInt8(ascii: "\n") }
        return line > self.line ? line : nil
    }

    mutating func block(_ text: String, sections: Set<String>) -> ProseBlock {
        var line = self.line
        if let position = advance(text), position != line { line = position }
        return ProseBlock(context: context, text: Array(text.utf8), sections: sections, line: line)
    }
}

/// Vale scope selectors: a list of alternatives, each a `&`-joined list of
/// dotted selectors, `~` negating one.
enum ScopeSelector {
    static func matches(_ scopes: [String], _ sections: Set<String>, parent: Set<String> = []) -> Bool {
        if sections.contains("raw") || sections.contains("sentence") {
            let name = sections.contains("raw") ? "raw" : "sentence"
            return scopes.contains(name)
        }
        return scopes.contains { alternative in
            let parts = alternative.split(separator: "&").map { $0.trimmingCharacters(in: " ") }
            guard !parts.contains("raw"), !parts.contains("sentence") else { return false }
            return parts.allSatisfy { part in
                let negated = part.hasPrefix("~")
                let wanted = (negated ? String(part.dropFirst()) : part).split(separator: ".").map(String.init)
                guard negated else { return wanted.allSatisfy { sections.contains($0) } }
                return !wanted.allSatisfy { sections.contains($0) || parent.contains($0) }
            }
        }
    }
}
