import Testing
@testable import Winnow

/// Properties of scan and clean over random documents and random rule sets
/// (SPEC section 4), each over a few hundred seeded cases. A failure names
/// its seed; `Sample(seed:)` and `RuleSetSample(seed:…)` rebuild the case.
@Suite struct PropertyTests {
    static let seeds: ClosedRange<UInt64> = 1...300

    /// Clean is idempotent for line-local rule sets (``Invariants/isLineLocal(_:)``:
    /// `line` scope, actions `flag`, `strip-line` and `strip-block`, no
    /// `position`, no `min_run`) on plain text, and on Markdown where no
    /// removed line opens or closes front matter, a fence or an HTML comment.
    /// Each rule then decides every line from that line's bytes alone, the
    /// lines a first clean keeps are whole input lines (suppression comments
    /// included), and none of them was hit, so a second clean finds nothing
    /// to remove. Outside that class a first clean can create new hits: see
    /// `cleanIsNotIdempotentBeyondThatClass`.
    @Test func cleanIsIdempotentForLineLocalRules() throws {
        for seed in Self.seeds {
            let sample = Sample(seed: seed, format: seed.isMultiple(of: 2) ? .markdown : .plain, multiLineMarkup: false)
            let rules = RuleSetSample(seed: seed, words: sample.words, kinds: .lineLocal)
            #expect(Invariants.isLineLocal(try RuleSet(rules: try Support.rules(rules.yaml))))
            let once = try clean(sample.document, rules.yaml)
            let twice = try clean(Document(name: sample.document.name, bytes: once.bytes), rules.yaml)
            #expect(twice.bytes == once.bytes, "seed \(seed)\n\(rules.yaml)")
        }
    }

    /// With only `strip-line`, `strip-block` and `flag`, any scope, position
    /// and run length, the output is the byte order mark, if any, and a
    /// subsequence of the input's lines, each with its own terminator.
    @Test func keptLinesAreInputLines() throws {
        for seed in Self.seeds {
            let sample = Sample(seed: seed)
            let rules = RuleSetSample(seed: seed, words: sample.words, kinds: .wholeLines)
            let result = try clean(sample.document, rules.yaml)
            #expect(Invariants.isSubsequenceOfLines(result.bytes, of: sample.document), "seed \(seed)\n\(rules.yaml)")
        }
    }

    /// With every action, scope and condition: the output and the removed
    /// spans rebuild the input exactly.
    @Test func outputAndRemovedSpansRebuildTheInput() throws {
        for seed in Self.seeds {
            let sample = Sample(seed: seed)
            let rules = RuleSetSample(seed: seed, words: sample.words, kinds: .any)
            let result = try clean(sample.document, rules.yaml)
            #expect(Invariants.cleanProblems(result, of: sample.document) == [], "seed \(seed)\n\(rules.yaml)")
        }
    }

    /// With every action, scope and condition: findings lie inside the
    /// document, on UTF-8 boundaries when it is valid UTF-8, on the lines
    /// their bytes are on.
    @Test func findingsLieInsideTheDocument() throws {
        for seed in Self.seeds {
            let sample = Sample(seed: seed)
            let rules = RuleSetSample(seed: seed, words: sample.words, kinds: .any)
            let findings = try scan(sample.document, rules.yaml).findings
            #expect(Invariants.findingProblems(findings, in: sample.document) == [], "seed \(seed)\n\(rules.yaml)")
        }
    }

    /// The generator itself: it makes what the properties claim to cover.
    @Test func samplesCoverTheIntendedInputs() throws {
        let samples = Self.seeds.map { Sample(seed: $0) }
        let bytes = samples.map(\.document.bytes)
        #expect(samples.contains { $0.document.byteOrderMarkLength == 3 })
        #expect(samples.contains { $0.document.firstInvalidUTF8Offset != nil })
        #expect(samples.contains { $0.document.format == .markdown })
        #expect(bytes.contains { $0.last.map { $0 != 0x0A && $0 != 0x0D } == true })
        #expect(bytes.contains { text in text.indices.contains { text[$0] == 0x0D && text.dropFirst($0 + 1).first != 0x0A } })
        for needle in ["\r\n", "\n\n\n", "\u{00A0}", "\u{202F}", "\u{200B}", "e\u{301}", "广告", "👍", "Đọc"] {
            #expect(bytes.contains { $0.contains(Array(needle.utf8)) }, "\(needle.unicodeScalars.map(\.value))")
        }
        let yaml = Self.seeds.map { RuleSetSample(seed: $0, words: samples[0].words, kinds: .any).yaml }.joined()
        for needle in RuleAction.allCases.map(\.rawValue) + Rule.Scope.allCases.map(\.rawValue)
            + ["position: head", "position: tail", "min_run", "unless", "ends_with", "keywords", "regex"] {
            #expect(yaml.contains(needle), "\(needle)")
        }
    }

    /// Counterexamples to idempotency outside the class above: removing text
    /// makes new text adjacent, and rules that judge more than one line, or
    /// part of a line, see it.
    @Test func cleanIsNotIdempotentBeyondThatClass() throws {
        let cases: [(text: String, yaml: String, once: String, twice: String)] = [
            // strip-match joins what was around the match into a new match.
            ("coocookiekie\n", "rules:\n  - id: c\n    action: strip-match\n    match: {keywords: [cookie], whole_word: false}\n",
             "cookie\n", "\n"),
            // min_run: removing the line between two hits makes them a run.
            ("a…\nJUNK\nb…\nend\n",
             "rules:\n  - id: j\n    action: strip-line\n    match: {regex: ['^JUNK$']}\n  - id: t\n    action: strip-line\n    when: {ends_with: ['…'], min_run: 2}\n",
             "a…\nb…\nend\n", "end\n"),
            // block scope: removing a line changes the paragraph that a block rule judges.
            ("Short\nJUNK\n",
             "rules:\n  - id: j\n    action: strip-line\n    match: {regex: ['^JUNK$']}\n  - id: b\n    action: strip-block\n    scope: block\n    when: {max_chars: 5}\n",
             "Short\n", ""),
        ]
        for (text, yaml, once, twice) in cases {
            #expect(try Support.clean(text, yaml) == once)
            #expect(try Support.clean(once, yaml) == twice)
        }
        // Markdown: removing the line that opens a comment uncovers the text it hid.
        let yaml = "rules:\n  - id: j\n    action: strip-line\n    match: {keywords: [JUNK]}\n"
        let once = try clean(Document(name: "a.md", bytes: Array("JUNK <!--\nJUNK -->\ntext\n".utf8)), yaml).bytes
        #expect(once == Array("JUNK -->\ntext\n".utf8))
        #expect(try clean(Document(name: "a.md", bytes: once), yaml).bytes == Array("text\n".utf8))
    }

    private func clean(_ document: Document, _ yaml: String) throws -> CleanResult {
        Cleaner.clean(document, findings: try scan(document, yaml).findings)
    }

    /// The findings of the rules in `yaml`; a file that does not load is reported with its text.
    private func scan(_ document: Document, _ yaml: String) throws -> ScanResult {
        do {
            return Scanner(ruleSet: try RuleSet(rules: try Support.rules(yaml))).scan(document)
        } catch {
            Issue.record("\(error)\n\(yaml)")
            throw error
        }
    }
}

/// SplitMix64 (Steele, Lea and Flood, 2014): a small generator whose
/// sequence depends only on its seed, so that every case can be rebuilt.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// True with probability `1 / n`.
    mutating func oneIn(_ n: Int) -> Bool {
        Int.random(in: 0..<n, using: &self) == 0
    }

    mutating func pick<T>(_ choices: [T]) -> T {
        choices.randomElement(using: &self)!
    }
}

/// A random document: lines of words in Vietnamese, English, CJK, emoji and
/// combining marks, separated by spaces, NBSP, NNBSP or ZWSP; runs of blank
/// lines; LF, CRLF or lone CR endings, mixed in some documents; sometimes a
/// byte order mark, a missing final newline, invalid UTF-8 bytes, Markdown
/// code or comments, or suppression comments.
struct Sample {
    let document: Document
    /// The words used, for keywords drawn from the document.
    let words: [String]

    static let vocabulary = [
        "Đọc thêm", "Tin liên quan", "Xem thêm…", "người dân", "Thủ tướng", "phê duyệt", "quảng cáo", "Chia sẻ",
        "cookie", "cookies", "Read more", "Share this", "hello hello", "don't", "don’t", "keep", "27/11", "2024", "1.",
        "广告", "本页含广告链接", "東京都", "👍", "🇻🇳", "👨‍👩‍👧", "e\u{301}", "a\u{323}\u{302}", "…", "...", "»", "#",
    ]
    static let markup = ["`code`", "<!-- note -->", "    "]
    /// Markup that can open or close front matter, a fence or a comment.
    static let multiLineMarkup = ["```", "<!--", "-->", "---"]
    static let directives = ["# winnow-disable-next-line r0", "# winnow-disable", "# winnow-enable r1 r9",
                             "<!-- winnow-disable-next-line -->", "<!-- winnow-disable r2 -->"]
    static let separators = [" ", " ", " ", "\u{00A0}", "\u{202F}", "\u{200B}", "\t"]
    static let blanks = ["", "", " ", "\t", "\u{00A0}", "\u{3000}"]
    static let invalid: [[UInt8]] = [[0xFF], [0xC3], [0x80], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]]
    static let terminators: [[UInt8]] = [[0x0A], [0x0D, 0x0A], [0x0D]]

    /// - Parameter multiLineMarkup: whether words may open or close front
    ///   matter, a fence or an HTML comment.
    init(seed: UInt64, format: DocumentFormat? = nil, multiLineMarkup: Bool = true) {
        var random = SeededGenerator(seed: seed)
        let format = format ?? random.pick([.plain, .plain, .markdown])
        let invalid = random.oneIn(4), mixed = random.oneIn(3)
        let terminator = random.pick(Self.terminators)
        var bytes: [UInt8] = random.oneIn(5) ? [0xEF, 0xBB, 0xBF] : []
        var words: [String] = []
        for _ in 0..<Int.random(in: 0...14, using: &random) {
            var lines: [[UInt8]]
            if random.oneIn(4) {
                lines = (0..<Int.random(in: 1...3, using: &random)).map { _ in Array(random.pick(Self.blanks).utf8) }
            } else if random.oneIn(12) {
                lines = [Array(random.pick(Self.directives).utf8)]
            } else {
                var line: [UInt8] = []
                for index in 0..<Int.random(in: 1...5, using: &random) {
                    if index > 0 { line += random.pick(Self.separators).utf8 }
                    let word = random.oneIn(10) ? random.pick(Self.markup + (multiLineMarkup ? Self.multiLineMarkup : []))
                        : random.pick(Self.vocabulary)
                    words.append(word)
                    line += word.utf8
                    if invalid && random.oneIn(6) { line += random.pick(Self.invalid) }
                }
                lines = [line]
            }
            for line in lines {
                bytes += line + (mixed ? random.pick(Self.terminators) : terminator)
            }
        }
        if random.oneIn(4), let last = bytes.last, last == 0x0A || last == 0x0D {
            bytes.removeLast(bytes.suffix(2) == [0x0D, 0x0A] ? 2 : 1)
        }
        self.document = Document(name: format == .markdown ? "doc.md" : "doc.txt", bytes: bytes)
        self.words = words.isEmpty ? ["cookie"] : words
    }
}

/// A random rule file of one to four rules, as YAML text.
struct RuleSetSample {
    /// What the rules may use.
    enum Kinds {
        /// `line` scope; `flag`, `strip-line`, `strip-block`; no `position`
        /// or `min_run`: each line is judged on its own bytes.
        case lineLocal
        /// Any scope and condition; `flag`, `strip-line`, `strip-block`:
        /// only whole lines are removed.
        case wholeLines
        /// Everything, `replace`, `strip-match` and `reject` included.
        case any
    }

    let yaml: String

    /// Patterns that PCRE2 accepts and that cannot backtrack badly.
    static let regexes = [
        #"^\W*(?:read\s+more|đọc\s+thêm|xem\s+thêm)"#, #"\d+"#, #"(\d+)/(\d+)"#, #"[\x{4E00}-\x{9FFF}]+"#, #"\s{2,}"#,
        #"…$"#, #"\.{3}$"#, #"^.{1,12}$"#, #"\bcookies?\b"#, #"\p{So}+"#, #"(?<w>\w+)\s+\k<w>"#, #"\x{200B}"#,
        #"e\x{301}"#, #"[^\x00-\x7F]+"#, #"\w+"#, #"\R"#, #"quảng\s+cáo"#, #"^(?:chia sẻ|share this)\b"#, #"`[^`]*`"#,
    ]
    static let replacements = ["", "*", "[$0]", "$$", "đã thay", "${1}"]

    init(seed: UInt64, words: [String], kinds: Kinds) {
        var random = SeededGenerator(seed: seed ^ 0x5EED)
        let actions: [RuleAction] = switch kinds {
        case .lineLocal, .wholeLines: [.flag, .stripLine, .stripBlock]
        case .any: [.flag, .replace, .stripMatch, .stripLine, .stripBlock, .replace, .stripMatch, .stripLine, .reject]
        }
        var yaml = "rules:\n"
        for index in 0..<Int.random(in: 1...4, using: &random) {
            let action = random.pick(actions)
            let scope: Rule.Scope = kinds == .lineLocal ? .line : random.pick([.line, .line, .block, .document])
            var match: [String] = []
            var capture = false
            if action == .replace || !random.oneIn(5) {
                if random.oneIn(2) {
                    let regex = random.pick(Self.regexes)
                    capture = regex.contains("(\\d")
                    match.append("regex: [\(Self.quoted(regex))]")
                } else {
                    let keywords = (0..<Int.random(in: 1...2, using: &random)).map { _ in random.pick(words) }
                        .filter { !$0.trimmingWhitespace().isEmpty }
                    match.append("keywords: [\((keywords.isEmpty ? ["cookie"] : keywords).map(Self.quoted).joined(separator: ", "))]")
                    if random.oneIn(3) { match.append("whole_word: false") }
                }
                if random.oneIn(4) { match.append("case_sensitive: true") }
            }
            var when: [String] = []
            if random.oneIn(3) || match.isEmpty {
                let maximum = random.pick([5, 12, 40, 200])
                if random.oneIn(2) || match.isEmpty { when.append("max_chars: \(maximum)") }
                if random.oneIn(3) { when.append("min_chars: \(Int.random(in: 0...maximum, using: &random))") }
                if random.oneIn(3) { when.append(#"ends_with: ["…", "..."]"#) }
                if kinds != .lineLocal, random.oneIn(3) { when.append("position: \(random.pick(["head", "tail"]))") }
                if kinds != .lineLocal, random.oneIn(3) { when.append("min_run: \(Int.random(in: 2...3, using: &random))") }
            }
            yaml += "  - id: r\(index)\n    action: \(action.rawValue)\n    scope: \(scope.rawValue)\n"
            if !match.isEmpty { yaml += "    match: {\(match.joined(separator: ", "))}\n" }
            if !when.isEmpty { yaml += "    when: {\(when.joined(separator: ", "))}\n" }
            if random.oneIn(5) { yaml += "    unless: {keywords: [\(Self.quoted(random.pick(words.filter { !$0.trimmingWhitespace().isEmpty } + ["keep"])))]}\n" }
            if random.oneIn(6) { yaml += "    scan_code: true\n" }
            if action == .replace {
                let replacement = random.pick(Self.replacements.filter { capture || $0 != "${1}" })
                yaml += "    replacement: \(Self.quoted(replacement))\n"
            }
        }
        self.yaml = yaml
    }

    /// `text` as a YAML double-quoted scalar, every non-ASCII scalar escaped.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case " "..."~": out.unicodeScalars.append(scalar)
            default:
                let hex = String(scalar.value, radix: 16)
                out += "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
            }
        }
        return out + "\""
    }
}
