import Yams

/// Typed, located access to the nodes of one YAML file, shared by the rule
/// file and configuration parsers. Every error is a ``RuleLoadError`` naming
/// the file, the 1-based line and column of the node at fault and, where
/// given, the rule id.
struct YAMLReader {
    /// The file's path as given, or `builtin:NAME`.
    let file: String

    /// The file's root node, or `nil` for an empty file.
    /// - Throws: when the bytes are not UTF-8 or not YAML.
    func root(of bytes: [UInt8]) throws(RuleLoadError) -> Node? {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let offset = UTF8Validation.firstInvalidOffset(in: bytes) ?? 0
            throw RuleLoadError(file: file, message: "not valid UTF-8 (first bad byte at offset \(offset))")
        }
        do {
            // No tag resolution: resolving runs regular expressions on every
            // scalar, and Yams resolves keys again each time it hashes them.
            // Values are read by type below (`bool`, `count`, `ratio`).
            return try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            throw yamlError(error)
        } catch {
            throw RuleLoadError(file: file, message: "\(error)")
        }
    }

    /// The node as a mapping whose keys are all in `keys`.
    func mapping(_ node: Node, keys: Set<String>, what: String, rule: String?) throws(RuleLoadError) -> YAMLMapping {
        guard case .mapping(let map) = node else { throw error(at: node, rule: rule, "\(what) must be a mapping") }
        for key in map.keys {
            guard let name = key.string, keys.contains(name) else {
                let name = key.string ?? "?"
                let hint = Suggestion.closest(to: name, among: keys).map { "did you mean '\($0)'?" }
                    ?? "allowed: " + keys.sorted().joined(separator: ", ")
                throw error(at: key, rule: rule, "unknown key '\(name)' in \(what) (\(hint))")
            }
        }
        return YAMLMapping(map)
    }

    func optionalString(_ node: Node?, rule: String?, key: String) throws(RuleLoadError) -> String? {
        guard let node else { return nil }
        return try string(node, rule: rule, key: key)
    }

    func string(_ node: Node, rule: String?, key: String) throws(RuleLoadError) -> String {
        guard case .scalar(let scalar) = node else { throw error(at: node, rule: rule, "'\(key)' must be a string") }
        return scalar.string
    }

    /// A string or a list of strings, with each item's node for error locations.
    func stringNodes(_ node: Node, rule: String?, key: String) throws(RuleLoadError) -> [(text: String, node: Node)] {
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

    func strings(_ node: Node?, rule: String?, key: String) throws(RuleLoadError) -> [String] {
        guard let node else { return [] }
        return try stringNodes(node, rule: rule, key: key).map(\.text)
    }

    func bool(_ node: Node?, rule: String?, key: String) throws(RuleLoadError) -> Bool? {
        guard let node else { return nil }
        guard case .scalar(let scalar) = node, scalar.style == .plain, let value = Self.booleans[scalar.string] else {
            throw error(at: node, rule: rule, "'\(key)' must be true or false")
        }
        return value
    }

    /// The plain scalars YAML 1.1 reads as booleans (the `bool` type of
    /// yaml.org/type/bool.html, as Yams resolves them); quoted, they are strings.
    private static let booleans: [String: Bool] = [
        "true": true, "True": true, "TRUE": true, "yes": true, "Yes": true, "YES": true, "on": true, "On": true, "ON": true,
        "false": false, "False": false, "FALSE": false, "no": false, "No": false, "NO": false, "off": false, "Off": false, "OFF": false,
    ]

    func count(_ node: Node?, rule: String?, key: String, minimum: Int) throws(RuleLoadError) -> Int? {
        guard let node else { return nil }
        guard let value = node.int, value >= minimum else {
            throw error(at: node, rule: rule, "'\(key)' must be a whole number of at least \(minimum)")
        }
        return value
    }

    /// A number from 0 to 1 (a share).
    func ratio(_ node: Node?, rule: String?, key: String) throws(RuleLoadError) -> Double? {
        guard let node else { return nil }
        guard case .scalar = node, let value = node.float, (0...1).contains(value) else {
            throw error(at: node, rule: rule, "'\(key)' must be a number from 0 to 1")
        }
        return value
    }

    func choice<T: RawRepresentable & CaseIterable>(
        _ node: Node?, rule: String?, key: String
    ) throws(RuleLoadError) -> T? where T.RawValue == String {
        guard let node else { return nil }
        let text = try string(node, rule: rule, key: key)
        guard let value = T(rawValue: text) else {
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw error(at: node, rule: rule, "bad \(key) '\(text)' (allowed: \(allowed))")
        }
        return value
    }

    func location(of node: Node) -> SourceLocation {
        SourceLocation(file: file, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0)
    }

    func error(at node: Node, rule: String?, _ message: String) -> RuleLoadError {
        RuleLoadError(file: file, line: node.mark?.line, column: node.mark?.column, ruleID: rule, message: message)
    }

    private func yamlError(_ error: YamlError) -> RuleLoadError {
        switch error {
        case .scanner(let context, let problem, let mark, let yaml), .parser(let context, let problem, let mark, let yaml),
             .composer(let context, let problem, let mark, let yaml):
            // libyaml reports where it stopped, often the end of the file; its
            // context says what it was reading, and where that began.
            let opened = context.map { " (\($0.text) that begins at \($0.mark.line):\($0.mark.column))" } ?? ""
            let tab = Self.scalar(in: yaml, line: mark.line, column: mark.column) == "\t" ? "; YAML indents with spaces, not tabs" : ""
            return RuleLoadError(file: file, line: mark.line, column: mark.column, message: "YAML: \(problem)\(opened)\(tab)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return RuleLoadError(file: file, line: context.mark.line, column: context.mark.column,
                                 message: "YAML: duplicate key '\(duplicates.joined(separator: "', '"))'")
        default:
            return RuleLoadError(file: file, message: "YAML: \(error)")
        }
    }

    /// The scalar at the 1-based `line` and `column` (in scalars) of `text`, if there is one.
    private static func scalar(in text: String, line: Int, column: Int) -> Unicode.Scalar? {
        guard line >= 1, column >= 1 else { return nil }
        let lines = text.split(separator: "\n", maxSplits: line, omittingEmptySubsequences: false)
        guard line <= lines.count else { return nil }
        return lines[line - 1].unicodeScalars.dropFirst(column - 1).first
    }
}

/// A YAML mapping's values by their keys' text.
///
/// Looking a key up in a Yams `Node.Mapping` compares nodes, which resolves
/// the tag of every key it passes with the resolver's regular expressions;
/// with thousands of rules that was most of the loading time. This reads the
/// keys once. Duplicate keys never reach it: Yams rejects them when composing.
struct YAMLMapping {
    private let values: [String: Node]

    init(_ mapping: Node.Mapping) {
        var values: [String: Node] = [:]
        for (key, value) in mapping {
            if let name = key.string { values[name] = value }
        }
        self.values = values
    }

    subscript(key: String) -> Node? { values[key] }
}
