import Foundation

/// Descriptions of the loaded rules, for `winnow rules list` and `winnow rules explain`.
public enum RuleCatalog {
    /// One line a rule, columns aligned: id, category, severity, action, scope
    /// and the place of its id (`file:line:column`).
    public static func table(_ ruleSet: RuleSet) -> String {
        let header = ["ID", "CATEGORY", "SEVERITY", "ACTION", "SCOPE", "SOURCE"]
        let rows = [header] + ruleSet.rules.map {
            [$0.id, $0.category.rawValue, $0.severity.rawValue, $0.action.rawValue, $0.scope.rawValue, $0.origin.description]
        }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max()! }
        return rows.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column] + 2, withPad: " ", startingAt: 0)
            }.joined()
        }.joined(separator: "\n") + "\n"
    }

    /// The rules as a JSON array of objects with the keys `id`,
    /// `description`, `category`, `severity`, `action`, `scope` and `source`
    /// (`file:line:column`), keys sorted, one rule a line.
    public static func json(_ ruleSet: RuleSet) -> String {
        let lines = ruleSet.rules.map { rule in
            let object: [String: String] = [
                "id": rule.id, "description": rule.description, "category": rule.category.rawValue,
                "severity": rule.severity.rawValue, "action": rule.action.rawValue, "scope": rule.scope.rawValue,
                "source": rule.origin.description,
            ]
            let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
            return "  " + String(decoding: data, as: UTF8.self)
        }
        return lines.isEmpty ? "[]\n" : "[\n" + lines.joined(separator: ",\n") + "\n]\n"
    }

    /// Everything about one rule: description, kind, match and unless
    /// patterns, conditions, message, examples and source.
    public static func explanation(_ rule: Rule) -> String {
        var lines = ["\(rule.id): \(rule.description)",
                     "  \(rule.category.rawValue), \(rule.severity.rawValue), \(rule.action.rawValue) by \(rule.scope.rawValue)"
                         + (rule.scanCode ? ", scans code" : "")]
        if let match = rule.match { lines += match.patterns.map { "  match: \($0.pattern)" } }
        if let unless = rule.unless { lines += unless.patterns.map { "  unless: \($0.pattern)" } }
        let conditions = rule.conditions
        var when: [String] = []
        if let minimum = conditions.minChars { when.append("min_chars \(minimum)") }
        if let maximum = conditions.maxChars { when.append("max_chars \(maximum)") }
        if !conditions.endsWith.isEmpty { when.append("ends_with " + conditions.endsWith.map { "\"\($0)\"" }.joined(separator: " or ")) }
        if conditions.position != .any { when.append("position \(conditions.position.rawValue)") }
        if conditions.minRun > 1 { when.append("min_run \(conditions.minRun)") }
        if let minimum = conditions.minWords { when.append("min_words \(minimum)") }
        if let maximum = conditions.maxWords { when.append("max_words \(maximum)") }
        if let terminal = conditions.terminalPunctuation { when.append("terminal_punctuation \(terminal)") }
        if let ellipsis = conditions.endsWithEllipsis { when.append("ends_with_ellipsis \(ellipsis)") }
        if let stopWords = conditions.stopWords { when.append("stopwords " + stopWords.languages.joined(separator: " ")) }
        for (key, value) in [
            ("min_stopword_ratio", conditions.minStopWordRatio), ("max_stopword_ratio", conditions.maxStopWordRatio),
            ("min_uppercase_ratio", conditions.minUppercaseRatio), ("max_uppercase_ratio", conditions.maxUppercaseRatio),
            ("min_digit_ratio", conditions.minDigitRatio), ("max_digit_ratio", conditions.maxDigitRatio),
        ] {
            if let value { when.append("\(key) \(value)") }
        }
        if conditions.unlessBetweenProse { when.append("unless_between_prose") }
        if let minimum = conditions.minRepeats { when.append("min_repeats \(minimum)") }
        if !when.isEmpty { lines.append("  when: " + when.joined(separator: ", ")) }
        if let replacement = rule.replacement { lines.append("  replacement: \(replacement.source)") }
        lines.append("  message: \(rule.message.source)")
        lines += rule.examples.match.map { "  match example: \(quoted($0.text))" }
        lines += rule.examples.noMatch.map { "  no_match example: \(quoted($0.text))" }
        lines.append("  source: \(rule.origin)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `text` in double quotes, with `\`, `"` and newlines escaped.
    public static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
            .replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
