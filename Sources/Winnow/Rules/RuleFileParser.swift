import Yams

/// Reads one rule file (YAML, SPEC section 1) into compiled ``Rule``s.
///
/// Parsing is strict: an unknown key, a value of the wrong type or outside
/// its allowed set, a missing `id`, a regex that PCRE2 refuses or a keywords
/// file that cannot be read is a ``RuleLoadError`` naming the file, the YAML
/// line and column of the node at fault, and the rule id.
struct RuleFileParser {
    /// The file's path as given, or `builtin:NAME`; used in errors and origins.
    let file: String
    /// Reads a file named relative to this rule file (for `keywords_file`);
    /// returns `nil` when there is no such file.
    let readRelative: (String) -> [UInt8]?

    static let ruleKeys: Set = [
        "id", "description", "category", "severity", "action", "scope", "match", "when", "unless",
        "replacement", "scan_code", "message", "languages", "examples",
    ]
    static let matchKeys: Set = ["regex", "keywords", "keywords_file", "case_sensitive", "whole_word"]
    static let whenKeys: Set = ["max_chars", "min_chars", "ends_with", "position", "min_run"]
    static let exampleKeys: Set = ["match", "no_match"]

    func parse(_ bytes: [UInt8]) throws(RuleLoadError) -> [Rule] {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let offset = UTF8Validation.firstInvalidOffset(in: bytes) ?? 0
            throw RuleLoadError(file: file, message: "not valid UTF-8 (first bad byte at offset \(offset))")
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw yamlError(error)
        } catch {
            throw RuleLoadError(file: file, message: "\(error)")
        }
        guard let root else { return [] }
        let top = try mapping(root, keys: ["rules"], what: "the file", rule: nil)
        guard let list = top["rules"] else { return [] }
        guard case .sequence(let sequence) = list else {
            throw error(at: list, rule: nil, "'rules' must be a list of rules")
        }
        var rules: [Rule] = []
        for node in sequence {
            rules.append(try parseRule(node))
        }
        return rules
    }

    private func parseRule(_ node: Node) throws(RuleLoadError) -> Rule {
        guard case .mapping(let map) = node else { throw error(at: node, rule: nil, "a rule must be a mapping") }
        guard let idNode = map["id"] else { throw error(at: node, rule: nil, "rule has no 'id'") }
        let id = try string(idNode, rule: nil, key: "id")
        guard !id.isEmpty, id.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) else {
            throw error(at: idNode, rule: nil, "rule id '\(id)' must use only a-z, 0-9 and '-'")
        }
        _ = try mapping(node, keys: Self.ruleKeys, what: "a rule", rule: id)

        let caseSensitive = try bool(map["match"]?.mapping?["case_sensitive"], rule: id, key: "case_sensitive") ?? false
        let match = try map["match"].map { (clause) throws(RuleLoadError) in
            try matcher(clause, rule: id, key: "match", caseSensitive: caseSensitive)
        }
        let unless = try map["unless"].map { (clause) throws(RuleLoadError) in
            try matcher(clause, rule: id, key: "unless", caseSensitive: caseSensitive)
        }
        let conditions = try map["when"].map { (clause) throws(RuleLoadError) in try self.conditions(clause, rule: id) }
            ?? Rule.Conditions()
        if match == nil && conditions.isEmpty {
            throw error(at: node, rule: id, "a rule needs 'match' or 'when'")
        }
        let description = try optionalString(map["description"], rule: id, key: "description") ?? ""
        let action: RuleAction = try choice(map["action"], rule: id, key: "action") ?? .flag
        let message = try optionalString(map["message"], rule: id, key: "message").map(Template.message)
            ?? .literal(description.isEmpty ? id : description)
        try checkReferences(message, of: match, at: map["message"], rule: id)
        let replacement = try optionalString(map["replacement"], rule: id, key: "replacement").map(Template.replacement)
        switch (action, replacement) {
        case (.replace, nil): throw error(at: node, rule: id, "action 'replace' needs 'replacement'")
        case (.replace, _) where match == nil: throw error(at: node, rule: id, "action 'replace' needs 'match'")
        case (.replace, let template?): try checkReferences(template, of: match, at: map["replacement"], rule: id)
        case (_, _?): throw error(at: map["replacement"]!, rule: id, "'replacement' needs action 'replace'")
        default: break
        }
        return Rule(
            id: id,
            description: description,
            category: try choice(map["category"], rule: id, key: "category") ?? .boilerplate,
            severity: try choice(map["severity"], rule: id, key: "severity") ?? .warning,
            action: action,
            scope: try choice(map["scope"], rule: id, key: "scope") ?? .line,
            match: match,
            conditions: conditions,
            unless: unless,
            replacement: replacement,
            scanCode: try bool(map["scan_code"], rule: id, key: "scan_code") ?? false,
            message: message,
            languages: try strings(map["languages"], rule: id, key: "languages"),
            examples: try examples(map["examples"], rule: id),
            origin: location(of: idNode))
    }

    /// Checks that every capture group a template names exists in some
    /// pattern of the rule's `match` clause.
    private func checkReferences(_ template: Template, of match: TextMatcher?, at node: Node?, rule: String) throws(RuleLoadError) {
        guard let node else { return }
        let patterns = match?.patterns ?? []
        for reference in template.groupReferences {
            switch reference {
            case .group(let number) where number > 0 && !patterns.contains(where: { $0.captureCount >= number }):
                throw error(at: node, rule: rule, "'\(template.source)' refers to capture group \(number), which no regex of the rule has")
            case .named(let name) where !patterns.contains(where: { $0.groupNumber(named: name) != nil }):
                throw error(at: node, rule: rule, "'\(template.source)' refers to capture group '\(name)', which no regex of the rule has")
            default: break
            }
        }
    }

    private func matcher(_ node: Node, rule: String, key: String, caseSensitive: Bool) throws(RuleLoadError) -> TextMatcher {
        let map = try mapping(node, keys: Self.matchKeys, what: "'\(key)'", rule: rule)
        var patterns: [PCRE2Regex] = []
        if let regexNode = map["regex"] {
            for item in try stringNodes(regexNode, rule: rule, key: "regex") {
                do {
                    patterns.append(try PCRE2Regex(item.text, caseSensitive: caseSensitive))
                } catch {
                    throw self.error(at: item.node, rule: rule, "regex '\(item.text)': \(error)")
                }
            }
        }
        var keywords = try strings(map["keywords"], rule: rule, key: "keywords")
        if let fileNode = map["keywords_file"] {
            keywords += try keywordsFile(fileNode, rule: rule)
        }
        if !keywords.isEmpty {
            let wholeWord = try bool(map["whole_word"], rule: rule, key: "whole_word") ?? true
            let source = KeywordPattern.source(for: keywords, wholeWord: wholeWord)
            do {
                patterns.append(try PCRE2Regex(source, caseSensitive: caseSensitive))
            } catch {
                throw self.error(at: node, rule: rule, "keywords could not be compiled: \(error)")
            }
        }
        if patterns.isEmpty {
            throw error(at: node, rule: rule, "'\(key)' needs 'regex', 'keywords' or 'keywords_file'")
        }
        return TextMatcher(patterns: patterns)
    }

    /// One phrase a line; blank lines and lines starting with `#` are skipped;
    /// surrounding white space is trimmed.
    private func keywordsFile(_ node: Node, rule: String) throws(RuleLoadError) -> [String] {
        let name = try string(node, rule: rule, key: "keywords_file")
        guard let bytes = readRelative(name) else {
            throw error(at: node, rule: rule, "keywords_file '\(name)' cannot be read")
        }
        var phrases: [String] = []
        for (index, line) in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            guard let text = String(validating: line, as: UTF8.self) else {
                throw error(at: node, rule: rule, "keywords_file '\(name)' line \(index + 1) is not valid UTF-8")
            }
            let phrase = text.trimmingWhitespace()
            if !phrase.isEmpty && !phrase.hasPrefix("#") { phrases.append(phrase) }
        }
        return phrases
    }

    private func conditions(_ node: Node, rule: String) throws(RuleLoadError) -> Rule.Conditions {
        let map = try mapping(node, keys: Self.whenKeys, what: "'when'", rule: rule)
        var conditions = Rule.Conditions()
        conditions.maxChars = try count(map["max_chars"], rule: rule, key: "max_chars", minimum: 0)
        conditions.minChars = try count(map["min_chars"], rule: rule, key: "min_chars", minimum: 0)
        conditions.endsWith = try strings(map["ends_with"], rule: rule, key: "ends_with")
        conditions.position = try choice(map["position"], rule: rule, key: "position") ?? .any
        conditions.minRun = try count(map["min_run"], rule: rule, key: "min_run", minimum: 1) ?? 1
        return conditions
    }

    private func examples(_ node: Node?, rule: String) throws(RuleLoadError) -> Rule.Examples {
        guard let node else { return Rule.Examples() }
        let map = try mapping(node, keys: Self.exampleKeys, what: "'examples'", rule: rule)
        func list(_ key: String) throws(RuleLoadError) -> [Rule.Example] {
            guard let value = map[key] else { return [] }
            return try stringNodes(value, rule: rule, key: key).map { Rule.Example(text: $0.text, origin: location(of: $0.node)) }
        }
        return Rule.Examples(match: try list("match"), noMatch: try list("no_match"))
    }

    // MARK: Typed access to YAML nodes

    /// The node as a mapping whose keys are all in `keys`.
    private func mapping(_ node: Node, keys: Set<String>, what: String, rule: String?) throws(RuleLoadError) -> Node.Mapping {
        guard case .mapping(let map) = node else { throw error(at: node, rule: rule, "\(what) must be a mapping") }
        for key in map.keys {
            guard let name = key.string, keys.contains(name) else {
                let name = key.string ?? "?"
                let hint = Suggestion.closest(to: name, among: keys).map { "did you mean '\($0)'?" }
                    ?? "allowed: " + keys.sorted().joined(separator: ", ")
                throw error(at: key, rule: rule, "unknown key '\(name)' in \(what) (\(hint))")
            }
        }
        return map
    }

    private func optionalString(_ node: Node?, rule: String, key: String) throws(RuleLoadError) -> String? {
        guard let node else { return nil }
        return try string(node, rule: rule, key: key)
    }

    private func string(_ node: Node, rule: String?, key: String) throws(RuleLoadError) -> String {
        guard case .scalar(let scalar) = node else { throw error(at: node, rule: rule, "'\(key)' must be a string") }
        return scalar.string
    }

    /// A string or a list of strings, with each item's node for error locations.
    private func stringNodes(_ node: Node, rule: String, key: String) throws(RuleLoadError) -> [(text: String, node: Node)] {
        switch node {
        case .scalar(let scalar):
            return [(scalar.string, node)]
        case .sequence(let sequence):
            var items: [(text: String, node: Node)] = []
            for item in sequence {
                items.append((try string(item, rule: rule, key: key), item))
            }
            return items
        default:
            throw error(at: node, rule: rule, "'\(key)' must be a string or a list of strings")
        }
    }

    private func strings(_ node: Node?, rule: String, key: String) throws(RuleLoadError) -> [String] {
        guard let node else { return [] }
        return try stringNodes(node, rule: rule, key: key).map(\.text)
    }

    private func bool(_ node: Node?, rule: String, key: String) throws(RuleLoadError) -> Bool? {
        guard let node else { return nil }
        guard let value = node.bool else { throw error(at: node, rule: rule, "'\(key)' must be true or false") }
        return value
    }

    private func count(_ node: Node?, rule: String, key: String, minimum: Int) throws(RuleLoadError) -> Int? {
        guard let node else { return nil }
        guard let value = node.int, value >= minimum else {
            throw error(at: node, rule: rule, "'\(key)' must be a whole number of at least \(minimum)")
        }
        return value
    }

    private func choice<T: RawRepresentable & CaseIterable>(
        _ node: Node?, rule: String, key: String
    ) throws(RuleLoadError) -> T? where T.RawValue == String {
        guard let node else { return nil }
        let text = try string(node, rule: rule, key: key)
        guard let value = T(rawValue: text) else {
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw error(at: node, rule: rule, "bad \(key) '\(text)' (allowed: \(allowed))")
        }
        return value
    }

    // MARK: Errors

    private func location(of node: Node) -> SourceLocation {
        SourceLocation(file: file, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0)
    }

    private func error(at node: Node, rule: String?, _ message: String) -> RuleLoadError {
        RuleLoadError(file: file, line: node.mark?.line, column: node.mark?.column, ruleID: rule, message: message)
    }

    private func yamlError(_ error: YamlError) -> RuleLoadError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
             .composer(_, let problem, let mark, _):
            return RuleLoadError(file: file, line: mark.line, column: mark.column, message: "YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return RuleLoadError(file: file, line: context.mark.line, column: context.mark.column,
                                 message: "YAML: duplicate key '\(duplicates.joined(separator: "', '"))'")
        default:
            return RuleLoadError(file: file, message: "YAML: \(error)")
        }
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
