import Foundation
import Yams

/// One Vale rule file (`StylesPath/Style/Rule.yml`, vale.sh/docs/checks)
/// read into a ``ProseCheck`` and its Vale level.
struct ValeRuleFile {
    var check: ProseCheck
    /// `suggestion`, `warning` (default) or `error`.
    var level: String

    /// The kinds Vale has but Winnow does not run: such a rule is reported and skipped.
    static let unsupportedKinds: Set = ["spelling", "sequence", "readability", "consistency", "metric", "script", "lt"]

    /// Reads a rule file; `nil` (with a warning) for a kind Winnow does not run.
    /// - Throws: ``RuleLoadError`` at `FILE:LINE` for a file that is not
    ///   YAML, has no `extends` or names an unknown kind, or whose patterns PCRE2 refuses.
    static func load(path: String, name: String, acceptedTerms: [String], warnings: inout [String]) throws(RuleLoadError) -> ValeRuleFile? {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RuleLoadError(file: path, message: "cannot read Vale rule file")
        }
        var text = String(decoding: data, as: UTF8.self)
        var root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            // go-yaml reads `\'` in a double-quoted string as `'`; libyaml refuses it.
            text = text.replacingOccurrences(of: "\\'", with: "'")
            do { root = try Yams.compose(yaml: text) } catch {
                throw RuleLoadError(file: path, message: "not valid YAML: \(error)")
            }
        }
        guard let map = root?.mapping else { throw RuleLoadError(file: path, message: "a Vale rule must be a mapping") }
        func line(_ key: String) -> Int? { map[key].map { $0.mark?.line ?? 1 } }
        func string(_ key: String) -> String? { map[key]?.string }
        func strings(_ key: String) -> [String]? {
            guard let node = map[key] else { return nil }
            if let list = node.sequence { return list.compactMap(\.string) }
            return node.string.map { [$0] }
        }
        func bool(_ key: String) -> Bool? { map[key]?.bool }
        func int(_ key: String) -> Int? { map[key]?.int }
        guard let kindName = string("extends") else {
            throw RuleLoadError(file: path, message: "Vale rule '\(name)' has no 'extends'")
        }
        guard let kind = ProseCheck.Kind(rawValue: kindName) else {
            let place = "\(path):\(line("extends") ?? 1)"
            if unsupportedKinds.contains(kindName) {
                warnings.append("\(place): warning: Vale rule '\(name)': kind '\(kindName)' is not supported; the rule is skipped")
                return nil
            }
            throw RuleLoadError(file: path, line: line("extends"), message: "Vale rule '\(name)': unknown kind '\(kindName)'")
        }
        var check = ProseCheck(name: name, kind: kind, message: string("message") ?? "", scope: strings("scope") ?? ["text"], files: [])
        check.ignorecase = bool("ignorecase")
        check.nonword = bool("nonword")
        check.tokens = kind == .occurrence ? strings("token") : strings("tokens")
        check.raw = strings("raw")
        var exceptions = strings("exceptions") ?? []
        if bool("vocab") != false { exceptions += acceptedTerms }
        check.exceptions = exceptions.isEmpty ? nil : exceptions
        if let swap = map["swap"]?.mapping {
            check.swap = swap.compactMap { key, value in
                guard let pattern = key.string, let suggestion = value.string else { return nil }
                return ProseCheck.Swap(pattern: pattern, suggestion: suggestion)
            }
        }
        if map["action"]?.mapping?["name"]?.string == "replace", (map["action"]?.mapping?["params"]?.sequence ?? []).isEmpty {
            check.quoteSuggestions = true
        }
        check.capitalize = bool("capitalize")
        check.min = int("min")
        check.max = kind == .repetition ? nil : int("max")
        check.alpha = bool("alpha")
        check.first = string("first")
        check.second = string("second")
        check.match = string("match")
        check.style = string("style")
        check.threshold = map["threshold"]?.float
        check.indicators = strings("indicators")
        check.prefix = string("prefix")
        if kind == .existence && check.nonword != true {
            for token in check.tokens ?? [] where token.last.map({ !($0.isLetter || $0.isNumber || $0 == "_" || ")]?*+}".contains($0)) }) == true {
                warnings.append("\(path):\(line("tokens") ?? 1): warning: Vale rule '\(name)': token '\(token)' ends in a non-word character "
                                + "before a word boundary, so it matches only right before a letter or digit (Vale reports nothing)")
            }
        }
        do {
            _ = try CompiledCheck(check)
        } catch {
            throw RuleLoadError(file: path, message: "Vale rule '\(name)': regex: \(error)")
        }
        return ValeRuleFile(check: check, level: string("level") ?? "warning")
    }

    /// Vale's built-in style `Vale`: `Vale.Terms` and `Vale.Avoid` from the
    /// vocabularies, `Vale.Repetition`; `Vale.Spelling` is reported as not supported.
    static func builtins(vocabulary: ValeTranslator.Vocabulary, warnings: inout [String], file: String)
        -> [(name: String, definition: ValeRuleFile)] {
        var rules: [(String, ValeRuleFile)] = []
        let terms = vocabulary.accept.filter { $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == " " || $0 == "-" } }
        if !terms.isEmpty {
            var check = ProseCheck(name: "Vale.Terms", kind: .substitution, message: "Use '%s' instead of '%s'.", scope: ["text"], files: [])
            check.ignorecase = true
            check.swap = terms.map { ProseCheck.Swap(pattern: $0.lowercased(), suggestion: $0) }
            rules.append(("Vale.Terms", ValeRuleFile(check: check, level: "error")))
        }
        if !vocabulary.reject.isEmpty {
            var check = ProseCheck(name: "Vale.Avoid", kind: .existence, message: "Avoid using '%s'.", scope: ["text"], files: [])
            check.ignorecase = false
            check.tokens = vocabulary.reject
            rules.append(("Vale.Avoid", ValeRuleFile(check: check, level: "error")))
        }
        var repetition = ProseCheck(name: "Vale.Repetition", kind: .repetition, message: "'%s' is repeated!", scope: ["text"], files: [])
        repetition.alpha = true
        repetition.tokens = [#"[^\s]+"#]
        repetition.exceptions = vocabulary.accept.isEmpty ? nil : vocabulary.accept
        rules.append(("Vale.Repetition", ValeRuleFile(check: repetition, level: "error")))
        warnings.append("\(file): warning: Vale rule 'Vale.Spelling': kind 'spelling' is not supported; the rule is skipped")
        return rules
    }
}
