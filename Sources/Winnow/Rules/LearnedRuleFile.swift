import Foundation

/// The lines that repeat across the documents of a corpus, written as a
/// Winnow rule file to review, commit and run on later crawls
/// (`winnow learn`).
///
/// A line is learned when its normalised text (``LineKey``) occurs in at
/// least ``minimumDocuments`` documents of its group (``CorpusReader``).
/// The file has one `strip-line` rule per group, with one anchored regex per
/// learned line that matches the line whole, with any white space at its
/// ends and any run of white space where the normalised text has a space,
/// case-sensitively; a comment above each regex gives its document count.
/// Groups come in ascending order of their names' UTF-8 bytes, lines in
/// ascending order of theirs, so that the same corpus gives the same file.
public struct LearnedRuleFile: Sendable, Equatable {
    /// One learned line: its normalised text and in how many documents of its group it occurs.
    public struct Line: Sendable, Equatable {
        public let text: String
        public let documents: Int

        public init(text: String, documents: Int) {
            self.text = text
            self.documents = documents
        }
    }

    /// The learned lines of one group, sorted.
    public struct Group: Sendable, Equatable {
        public let name: String
        public let lines: [Line]

        public init(name: String, lines: [Line]) {
            self.name = name
            self.lines = lines
        }
    }

    public let minimumDocuments: Int
    /// The groups with at least one learned line, sorted.
    public let groups: [Group]
    /// How many repeated lines were left out because they are not valid
    /// UTF-8 (a rule file holds text only).
    public let invalidLines: Int

    public init(minimumDocuments: Int, groups: [Group], invalidLines: Int = 0) {
        self.minimumDocuments = minimumDocuments
        self.groups = groups
        self.invalidLines = invalidLines
    }

    /// Learns the lines of `inputs` that occur in at least `minimumDocuments`
    /// (2 or more) documents of their group, in two passes: one counts line
    /// keys (``CorpusReader/index(of:)``), the other takes the text of the
    /// lines whose count is high enough. What the first pass leaves out goes
    /// to `notice` (the second meets the same and stays silent).
    public static func learn(from inputs: [InputFile], reader: CorpusReader, minimumDocuments: Int,
                             notice: (Notice) -> Void = { _ in }) -> LearnedRuleFile {
        let index = reader.index(of: inputs, notice: notice).keeping(minimum: minimumDocuments)
        var learned: [String: [UInt64: Line]] = [:]
        var invalid: Set<UInt64> = []
        reader.forEachDocument(in: inputs) { visit in
            guard case .part(let group, let document, _) = visit else { return }
            let counts = index.counts(of: group)
            for (number, line) in document.lines.enumerated() where !document.blankLines[number] {
                let key = LineKey.hash(document.bytes, line.content)
                let documents = counts.documents(containing: key)
                guard documents >= minimumDocuments, learned[group]?[key] == nil else { continue }
                guard let text = String(validating: LineKey.normalised(document.bytes, line.content), as: UTF8.self) else {
                    invalid.insert(key)
                    continue
                }
                learned[group, default: [:]][key] = Line(text: text, documents: documents)
            }
        }
        let groups = learned.map { name, lines in
            Group(name: name, lines: lines.values.sorted { Array($0.text.utf8).lexicographicallyPrecedes(Array($1.text.utf8)) })
        }
        return LearnedRuleFile(minimumDocuments: minimumDocuments,
                               groups: groups.sorted { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) },
                               invalidLines: invalid.count)
    }

    /// The number of learned lines in all groups.
    public var lineCount: Int { groups.reduce(0) { $0 + $1.lines.count } }

    /// The rule file, as YAML that ``RuleSet/load(paths:includeBuiltin:)`` accepts.
    public var yaml: String {
        var text = """
            # Lines that occur in at least \(minimumDocuments) documents of their group, learned by `winnow learn`.
            # Each regex matches one line whole (white space at its ends, and runs of it
            # where a space stands, are free); the comment above it gives in how many
            # documents of the group the line occurred. Delete a line's entry to keep it.

            """
        guard !groups.isEmpty else { return text + "rules: []\n" }
        text += "rules:\n"
        for (group, id) in zip(groups, Self.ruleIDs(for: groups.map(\.name))) {
            let description = group.name.isEmpty ? "Line repeated across documents."
                : "Line repeated across documents of group \(group.name)."
            text += """
                  - id: \(id)
                    description: \(Self.quoted(description))
                    category: boilerplate
                    severity: info
                    action: strip-line
                    match:
                      case_sensitive: true
                      regex:

                """
            for line in group.lines {
                text += "        # \(line.documents) documents\n"
                text += "        - \(Self.quoted(Self.regex(matchingLine: line.text)))\n"
            }
        }
        return text
    }

    /// A regex that matches a line whose normalised text is `text`: `^\s*`,
    /// the text with each space as `\s+`, ASCII punctuation escaped with a
    /// backslash and characters YAML cannot hold as they are written
    /// `\x{…}`, then `\s*$`. PCRE2 with UCP counts as `\s` what
    /// ``LineKey`` counts as white space.
    public static func regex(matchingLine text: String) -> String {
        var regex = #"^\s*"#
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x20: regex += #"\s+"#
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: regex.unicodeScalars.append(scalar)
            case 0x21...0x7E: regex += "\\" + String(scalar)
            case 0xA0...0xD7FF, 0xE000...0xFEFE, 0xFF00...0xFFFD, 0x10000...: regex.unicodeScalars.append(scalar)
            default: regex += "\\x{\(String(scalar.value, radix: 16, uppercase: true))}"
            }
        }
        return regex + #"\s*$"#
    }

    /// Rule ids `repeated-NAME`: the group name in lowercase ASCII letters and
    /// digits, after its letters lose their diacritics (`báo-mới.vn` →
    /// `bao-moi-vn`; `đ` → `d`, `ß` → `ss`), other runs as `-`. A name with
    /// none of them (`日本語`) is named by 8 hex digits of its FNV-1a hash
    /// (``FNV1a64``), so that its id does not depend on the other groups;
    /// records without a group give `repeated-lines`. A number is added to an
    /// id taken before (two names that differ only in case or accents).
    static func ruleIDs(for names: [String]) -> [String] {
        var taken: Set<String> = []
        return names.map { name in
            var slug = ""
            let folded = name.lowercased().replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "ß", with: "ss")
                .folding(options: .diacriticInsensitive, locale: nil)
            for scalar in folded.unicodeScalars {
                if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                    slug.unicodeScalars.append(scalar)
                } else if !slug.isEmpty, !slug.hasSuffix("-") {
                    slug += "-"
                }
            }
            while slug.hasSuffix("-") { slug.removeLast() }
            if slug.isEmpty && !name.isEmpty {
                var hasher = FNV1a64()
                hasher.combine(name.utf8)
                slug = String(hasher.value & 0xFFFF_FFFF, radix: 16).leftPadded(to: 8)
            }
            let base = "repeated-" + (slug.isEmpty ? "lines" : slug)
            var id = base, number = 2
            while !taken.insert(id).inserted {
                id = "\(base)-\(number)"
                number += 1
            }
            return id
        }
    }

    /// `text` as a YAML scalar: single-quoted when every character is
    /// printable in YAML 1.1, else double-quoted with escapes.
    static func quoted(_ text: String) -> String {
        let printable = text.unicodeScalars.allSatisfy {
            switch $0.value {
            case 0x20...0x7E, 0xA0...0xD7FF, 0xE000...0xFEFE, 0xFF00...0xFFFD, 0x10000...: true
            default: false
            }
        }
        if printable { return "'" + text.map { $0 == "'" ? "''" : String($0) }.joined() + "'" }
        var escaped = "\""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x22: escaped += "\\\""
            case 0x5C: escaped += "\\\\"
            case 0x20...0x7E, 0xA0...0xD7FF, 0xE000...0xFEFE, 0xFF00...0xFFFD, 0x10000...: escaped.unicodeScalars.append(scalar)
            default: escaped += "\\U" + String(repeating: "0", count: 8 - String(scalar.value, radix: 16).count)
                + String(scalar.value, radix: 16)
            }
        }
        return escaped + "\""
    }
}
