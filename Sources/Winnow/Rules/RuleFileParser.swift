import Yams

/// Reads one rule file (YAML, SPEC section 1) into compiled ``Rule``s.
///
/// Parsing is strict: an unknown key, a value of the wrong type or outside
/// its allowed set, a missing `id`, a regex that PCRE2 refuses or a keywords
/// file that cannot be read is a ``RuleLoadError`` naming the file, the YAML
/// line and column of the node at fault, and the rule id.
struct RuleFileParser {
    /// Typed access to the file's YAML nodes, with errors located in the file.
    let yaml: YAMLReader
    /// Reads a file named relative to this rule file (for `keywords_file`);
    /// returns `nil` when there is no such file.
    let readRelative: (String) -> [UInt8]?

    /// - Parameters:
    ///   - file: the file's path as given, or `builtin:NAME`; used in errors and origins.
    ///   - readRelative: reads a file named relative to this one (for
    ///     `keywords_file`); returns `nil` when there is no such file.
    init(file: String, readRelative: @escaping (String) -> [UInt8]?) {
        self.yaml = YAMLReader(file: file)
        self.readRelative = readRelative
    }

    static let ruleKeys: Set = [
        "id", "description", "category", "severity", "action", "scope", "match", "when", "unless",
        "replacement", "scan_code", "message", "languages", "examples", "prose",
    ]
    static let matchKeys: Set = ["regex", "keywords", "keywords_file", "case_sensitive", "whole_word"]
    static let whenKeys: Set = [
        "max_chars", "min_chars", "ends_with", "position", "min_run", "min_words", "max_words", "terminal_punctuation",
        "ends_with_ellipsis", "stopwords", "min_stopword_ratio", "max_stopword_ratio", "min_uppercase_ratio",
        "max_uppercase_ratio", "min_digit_ratio", "max_digit_ratio", "unless_between_prose", "min_repeats",
    ]
    static let exampleKeys: Set = ["match", "no_match"]

    func parse(_ bytes: [UInt8]) throws(RuleLoadError) -> [Rule] {
        // An empty file, or one without `rules`, is a mistake rather than a
        // rule set to load silently; `rules: []` says "no rules" on purpose.
        guard let root = try yaml.root(of: bytes) else {
            throw RuleLoadError(file: yaml.file, message: "the file is empty: a rule file needs a 'rules' list")
        }
        let top = try yaml.mapping(root, keys: ["rules"], what: "the file", rule: nil)
        guard let list = top["rules"] else { throw yaml.error(at: root, rule: nil, "a rule file needs a 'rules' list") }
        guard case .sequence(let sequence) = list else {
            throw yaml.error(at: list, rule: nil, "'rules' must be a list of rules")
        }
        var rules: [Rule] = []
        for node in sequence {
            rules.append(try parseRule(node))
        }
        return rules
    }

    private func parseRule(_ node: Node) throws(RuleLoadError) -> Rule {
        guard case .mapping(let pairs) = node else { throw yaml.error(at: node, rule: nil, "a rule must be a mapping") }
        let map = YAMLMapping(pairs)
        guard let idNode = map["id"] else { throw yaml.error(at: node, rule: nil, "rule has no 'id'") }
        let id = try yaml.string(idNode, rule: nil, key: "id")
        guard !id.isEmpty, id.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) else {
            throw yaml.error(at: idNode, rule: nil, "rule id '\(id)' must use only a-z, 0-9 and '-'")
        }
        // A key of `match` or `when` written on the rule itself is the likely slip, not a misspelling.
        for (key, _) in pairs {
            guard let name = key.string, !Self.ruleKeys.contains(name) else { continue }
            let clause = Self.matchKeys.contains(name) ? "match" : Self.whenKeys.contains(name) ? "when" : nil
            if let clause { throw yaml.error(at: key, rule: id, "'\(name)' goes under '\(clause)' (\(clause): {\(name): …})") }
        }
        _ = try yaml.mapping(node, keys: Self.ruleKeys, what: "a rule", rule: id)

        let caseSensitive = try yaml.bool(map["match"]?.mapping.map(YAMLMapping.init)?["case_sensitive"], rule: id, key: "case_sensitive") ?? false
        let languages = try yaml.strings(map["languages"], rule: id, key: "languages")
        let turkishCasing = !caseSensitive && KeywordPattern.usesTurkishCasing(languages: languages)
        let match = try map["match"].map { (clause) throws(RuleLoadError) in
            try matcher(clause, rule: id, key: "match", caseSensitive: caseSensitive, turkishCasing: turkishCasing)
        }
        let unless = try map["unless"].map { (clause) throws(RuleLoadError) in
            try matcher(clause, rule: id, key: "unless", caseSensitive: caseSensitive, turkishCasing: turkishCasing)
        }
        let conditions = try map["when"].map { (clause) throws(RuleLoadError) in
            try self.conditions(clause, rule: id, languages: languages)
        } ?? Rule.Conditions()
        let prose = try map["prose"].map { (clause) throws(RuleLoadError) in try proseCheck(clause, rule: id) }
        if match == nil && conditions.isEmpty && prose == nil {
            throw yaml.error(at: node, rule: id, "a rule needs 'match', 'when' or 'prose'")
        }
        let examples = try examples(map["examples"], rule: id)
        if conditions.minRepeats != nil, let first = examples.match.first {
            throw RuleLoadError(file: first.origin.file, line: first.origin.line, column: first.origin.column, ruleID: id,
                                message: "a 'min_repeats' rule cannot have 'match' examples: each example is scanned alone, where no line repeats")
        }
        let description = try yaml.optionalString(map["description"], rule: id, key: "description") ?? ""
        let action: RuleAction = try yaml.choice(map["action"], rule: id, key: "action") ?? .flag
        let message = try yaml.optionalString(map["message"], rule: id, key: "message").map(Template.message)
            ?? .literal(description.isEmpty ? id : description)
        try checkReferences(message, of: match, at: map["message"], rule: id)
        let replacement = try yaml.optionalString(map["replacement"], rule: id, key: "replacement").map(Template.replacement)
        switch (action, replacement) {
        case (.replace, nil): throw yaml.error(at: node, rule: id, "action 'replace' needs 'replacement'")
        case (.replace, _) where match == nil: throw yaml.error(at: node, rule: id, "action 'replace' needs 'match'")
        case (.replace, let template?): try checkReferences(template, of: match, at: map["replacement"], rule: id)
        case (_, _?): throw yaml.error(at: map["replacement"]!, rule: id, "'replacement' needs action 'replace'")
        default: break
        }
        return Rule(
            id: id,
            description: description,
            category: try yaml.choice(map["category"], rule: id, key: "category") ?? .boilerplate,
            severity: try yaml.choice(map["severity"], rule: id, key: "severity") ?? .warning,
            action: action,
            scope: try yaml.choice(map["scope"], rule: id, key: "scope") ?? (prose == nil ? .line : .document),
            match: match,
            conditions: conditions,
            unless: unless,
            replacement: replacement,
            scanCode: try yaml.bool(map["scan_code"], rule: id, key: "scan_code") ?? false,
            message: message,
            languages: languages,
            examples: examples,
            origin: yaml.location(of: idNode),
            prose: prose)
    }

    /// The `prose` clause, decoded and its patterns compiled once to check them.
    private func proseCheck(_ node: Node, rule: String) throws(RuleLoadError) -> ProseCheck {
        let check: ProseCheck
        do {
            check = try YAMLDecoder().decode(ProseCheck.self, from: node)
        } catch {
            throw yaml.error(at: node, rule: rule, "'prose': \(ProseCheck.describe(error))")
        }
        do {
            _ = try CompiledCheck(check)
        } catch {
            throw yaml.error(at: node, rule: rule, "'prose': regex: \(error)")
        }
        return check
    }

    /// Checks that every capture group a template names exists in some
    /// pattern of the rule's `match` clause.
    private func checkReferences(_ template: Template, of match: TextMatcher?, at node: Node?, rule: String) throws(RuleLoadError) {
        guard let node else { return }
        let patterns = match?.patterns ?? []
        for reference in template.groupReferences {
            switch reference {
            case .group(let number) where number > 0 && !patterns.contains(where: { $0.captureCount >= number }):
                throw yaml.error(at: node, rule: rule, "'\(template.source)' refers to capture group \(number), which no regex of the rule has")
            case .named(let name) where !patterns.contains(where: { $0.groupNumber(named: name) != nil }):
                throw yaml.error(at: node, rule: rule, "'\(template.source)' refers to capture group '\(name)', which no regex of the rule has")
            default: break
            }
        }
    }

    private func matcher(_ node: Node, rule: String, key: String, caseSensitive: Bool,
                         turkishCasing: Bool) throws(RuleLoadError) -> TextMatcher {
        let map = try yaml.mapping(node, keys: Self.matchKeys, what: "'\(key)'", rule: rule)
        var patterns: [PCRE2Regex] = []
        if let regexNode = map["regex"] {
            for item in try yaml.stringNodes(regexNode, rule: rule, key: "regex") {
                if item.text.isEmpty { throw yaml.error(at: item.node, rule: rule, "empty regex") }
                do {
                    patterns.append(try PCRE2Regex(item.text, caseSensitive: caseSensitive))
                } catch {
                    throw yaml.error(at: item.node, rule: rule, "regex '\(item.text)': \(error)")
                }
            }
        }
        var keywords: [String] = []
        if let keywordsNode = map["keywords"] {
            for item in try yaml.stringNodes(keywordsNode, rule: rule, key: "keywords") {
                if item.text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace || NormalizedText.isInvisibleFormatCharacter($0.value) }) {
                    throw yaml.error(at: item.node, rule: rule, "empty keyword")
                }
                keywords.append(item.text)
            }
        }
        if let fileNode = map["keywords_file"] {
            let phrases = try keywordsFile(fileNode, rule: rule)
            if phrases.isEmpty { throw yaml.error(at: fileNode, rule: rule, "keywords_file holds no keywords") }
            keywords += phrases
        }
        if !keywords.isEmpty {
            let wholeWord = try yaml.bool(map["whole_word"], rule: rule, key: "whole_word") ?? true
            let source = KeywordPattern.source(for: keywords, wholeWord: wholeWord, caseless: !caseSensitive,
                                               turkishCasing: turkishCasing)
            do {
                patterns.append(try PCRE2Regex(source, caseSensitive: caseSensitive))
            } catch {
                throw yaml.error(at: node, rule: rule, "keywords could not be compiled: \(error)")
            }
        }
        if patterns.isEmpty {
            throw yaml.error(at: node, rule: rule, "'\(key)' needs 'regex', 'keywords' or 'keywords_file'")
        }
        return TextMatcher(patterns: patterns, hasKeywords: !keywords.isEmpty)
    }

    /// One phrase a line; blank lines and lines starting with `#` are skipped;
    /// surrounding white space is trimmed.
    private func keywordsFile(_ node: Node, rule: String) throws(RuleLoadError) -> [String] {
        let name = try yaml.string(node, rule: rule, key: "keywords_file")
        guard let bytes = readRelative(name) else {
            throw yaml.error(at: node, rule: rule, "keywords_file '\(name)' cannot be read")
        }
        var phrases: [String] = []
        let text = Array(bytes.dropFirst(Document.byteOrderMarkLength(at: bytes)))  // a byte order mark is not a phrase
        for (index, line) in text.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            guard let text = String(validating: line, as: UTF8.self) else {
                throw yaml.error(at: node, rule: rule, "keywords_file '\(name)' line \(index + 1) is not valid UTF-8")
            }
            let phrase = text.trimmingWhitespace()
            if !phrase.isEmpty && !phrase.hasPrefix("#") { phrases.append(phrase) }
        }
        return phrases
    }

    /// The `when` clause. `languages` (the rule's) name the stop-word lists
    /// when the clause has a stop-word ratio and no `stopwords` key.
    private func conditions(_ node: Node, rule: String, languages: [String]) throws(RuleLoadError) -> Rule.Conditions {
        let map = try yaml.mapping(node, keys: Self.whenKeys, what: "'when'", rule: rule)
        var conditions = Rule.Conditions()
        conditions.maxChars = try yaml.count(map["max_chars"], rule: rule, key: "max_chars", minimum: 0)
        conditions.minChars = try yaml.count(map["min_chars"], rule: rule, key: "min_chars", minimum: 0)
        conditions.endsWith = try yaml.strings(map["ends_with"], rule: rule, key: "ends_with")
        if let endsWith = map["ends_with"] {
            // An empty string would end every unit, and an empty list ends none.
            if conditions.endsWith.isEmpty { throw yaml.error(at: endsWith, rule: rule, "'ends_with' needs at least one string") }
            if conditions.endsWith.contains("") { throw yaml.error(at: endsWith, rule: rule, "'ends_with' strings must not be empty") }
        }
        conditions.position = try yaml.choice(map["position"], rule: rule, key: "position") ?? .any
        conditions.minRun = try yaml.count(map["min_run"], rule: rule, key: "min_run", minimum: 1) ?? 1
        conditions.minWords = try yaml.count(map["min_words"], rule: rule, key: "min_words", minimum: 0)
        conditions.maxWords = try yaml.count(map["max_words"], rule: rule, key: "max_words", minimum: 0)
        conditions.terminalPunctuation = try yaml.bool(map["terminal_punctuation"], rule: rule, key: "terminal_punctuation")
        conditions.endsWithEllipsis = try yaml.bool(map["ends_with_ellipsis"], rule: rule, key: "ends_with_ellipsis")
        conditions.minStopWordRatio = try yaml.ratio(map["min_stopword_ratio"], rule: rule, key: "min_stopword_ratio")
        conditions.maxStopWordRatio = try yaml.ratio(map["max_stopword_ratio"], rule: rule, key: "max_stopword_ratio")
        conditions.minUppercaseRatio = try yaml.ratio(map["min_uppercase_ratio"], rule: rule, key: "min_uppercase_ratio")
        conditions.maxUppercaseRatio = try yaml.ratio(map["max_uppercase_ratio"], rule: rule, key: "max_uppercase_ratio")
        conditions.minDigitRatio = try yaml.ratio(map["min_digit_ratio"], rule: rule, key: "min_digit_ratio")
        conditions.maxDigitRatio = try yaml.ratio(map["max_digit_ratio"], rule: rule, key: "max_digit_ratio")
        conditions.unlessBetweenProse = try yaml.bool(map["unless_between_prose"], rule: rule, key: "unless_between_prose") ?? false
        conditions.minRepeats = try yaml.count(map["min_repeats"], rule: rule, key: "min_repeats", minimum: 2)
        if let minimum = conditions.minChars, let maximum = conditions.maxChars, minimum > maximum {
            throw yaml.error(at: node, rule: rule, "min_chars \(minimum) is above max_chars \(maximum): the rule can never fire")
        }
        if conditions.endsWithEllipsis == true && conditions.terminalPunctuation == true {
            throw yaml.error(at: node, rule: rule,
                             "ends_with_ellipsis and terminal_punctuation are both true, but an ellipsis is not terminal: the rule can never fire")
        }
        if let minimum = conditions.minWords, let maximum = conditions.maxWords, minimum > maximum {
            throw yaml.error(at: node, rule: rule, "min_words \(minimum) is above max_words \(maximum): the rule can never fire")
        }
        for (name, minimum, maximum) in [
            ("stopword", conditions.minStopWordRatio, conditions.maxStopWordRatio),
            ("uppercase", conditions.minUppercaseRatio, conditions.maxUppercaseRatio),
            ("digit", conditions.minDigitRatio, conditions.maxDigitRatio),
        ] {
            if let minimum, let maximum, minimum > maximum {
                throw yaml.error(at: node, rule: rule, "min_\(name)_ratio \(minimum) is above max_\(name)_ratio \(maximum): the rule can never fire")
            }
        }
        conditions.stopWords = try stopWords(map, rule: rule, languages: languages,
                                             needed: conditions.minStopWordRatio != nil || conditions.maxStopWordRatio != nil)
        return conditions
    }

    /// The stop words of `when`'s `stopwords` key, else of the rule's
    /// `languages`; `nil` when no stop-word ratio is set (`needed` false).
    private func stopWords(_ map: YAMLMapping, rule: String, languages: [String], needed: Bool) throws(RuleLoadError) -> StopWordSet? {
        let listed = try map["stopwords"].map { (node) throws(RuleLoadError) in try yaml.stringNodes(node, rule: rule, key: "stopwords") }
        let available = "available: " + StopWordSet.availableLanguages.joined(separator: ", ")
        for item in listed ?? [] where StopWordSet(languages: [item.text]) == nil {
            throw yaml.error(at: item.node, rule: rule, "no stop-word list for '\(item.text)' (\(available))")
        }
        guard needed else {
            if let node = map["stopwords"] {
                throw yaml.error(at: node, rule: rule, "'stopwords' needs min_stopword_ratio or max_stopword_ratio")
            }
            return nil
        }
        let ratioNode = map["min_stopword_ratio"] ?? map["max_stopword_ratio"]!
        let codes = listed?.map(\.text) ?? languages
        if codes.isEmpty {
            throw yaml.error(at: ratioNode, rule: rule, "a stop-word ratio needs 'stopwords' or the rule's 'languages' (\(available))")
        }
        guard let set = StopWordSet(languages: codes) else {
            let missing = codes.first { StopWordSet(languages: [$0]) == nil } ?? ""
            throw yaml.error(at: ratioNode, rule: rule,
                             "no stop-word list for language '\(missing)' of 'languages'; name the lists with 'stopwords' (\(available))")
        }
        return set
    }

    private func examples(_ node: Node?, rule: String) throws(RuleLoadError) -> Rule.Examples {
        guard let node else { return Rule.Examples() }
        let map = try yaml.mapping(node, keys: Self.exampleKeys, what: "'examples'", rule: rule)
        func list(_ key: String) throws(RuleLoadError) -> [Rule.Example] {
            guard let value = map[key] else { return [] }
            return try yaml.stringNodes(value, rule: rule, key: key).map { Rule.Example(text: $0.text, origin: yaml.location(of: $0.node)) }
        }
        return Rule.Examples(match: try list("match"), noMatch: try list("no_match"))
    }
}

extension String {
    /// The string without leading and trailing Unicode white space.
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
