import Foundation

/// A ``ProseCheck`` with its patterns compiled, ready to run on block texts.
struct CompiledCheck {
    let check: ProseCheck
    private let pattern: PCRE2Regex?
    private let exceptions: PCRE2Regex?
    /// Substitution: the group number of each swap, in ``swaps`` order.
    private let swaps: [(group: Int, swap: ProseCheck.Swap, captures: Int)]
    private let second: PCRE2Regex?
    private let prefix: PCRE2Regex?

    /// - Throws: ``RegexCompileError`` for a pattern PCRE2 refuses.
    init(_ check: ProseCheck) throws(RegexCompileError) {
        self.check = check
        let caseless = check.ignorecase == true ? "(?i)" : ""
        let word = check.nonword != true
        exceptions = try Self.exceptionPattern(check.exceptions ?? [])
        var swaps: [(Int, ProseCheck.Swap, Int)] = []
        second = try check.second.map { (pattern) throws(RegexCompileError) in try PCRE2Regex("(?m)" + caseless + pattern, caseSensitive: true) }
        prefix = try check.prefix.map { (pattern) throws(RegexCompileError) in try PCRE2Regex(pattern, caseSensitive: true) }
        switch check.kind {
        case .existence:
            let tokens = (check.tokens ?? []).joined(separator: "|")
            let body = (word && !(check.tokens ?? []).isEmpty ? "\\b(?:\(tokens))\\b" : "(?:\(tokens))") + (check.raw ?? []).joined()
            pattern = try PCRE2Regex("(?m)" + caseless + body, caseSensitive: true)
        case .substitution:
            var group = 1
            var alternatives: [String] = []
            for swap in (check.swap ?? []).sorted(by: { $0.pattern.count > $1.pattern.count }) {
                let captures = try PCRE2Regex(swap.pattern, caseSensitive: true).captureCount
                swaps.append((group, swap, captures))
                alternatives.append("(" + swap.pattern + ")")
                group += 1 + captures
            }
            let body = alternatives.joined(separator: "|")
            pattern = try PCRE2Regex("(?m)" + caseless + (word ? "\\b(?:\(body))\\b" : "(?:\(body))"), caseSensitive: true)
        case .occurrence, .repetition:
            let tokens = (check.tokens ?? []).joined(separator: "|")
            pattern = try PCRE2Regex("(?m)" + caseless + "(?:\(tokens))", caseSensitive: true)
        case .conditional:
            pattern = try PCRE2Regex("(?m)" + caseless + (check.first ?? ""), caseSensitive: true)
        case .capitalization:
            pattern = nil
        }
        self.swaps = swaps
    }

    /// Vale's exception pattern: the longest first, word-bounded, found anywhere in the match.
    private static func exceptionPattern(_ exceptions: [String]) throws(RegexCompileError) -> PCRE2Regex? {
        guard !exceptions.isEmpty else { return nil }
        let sorted = exceptions.enumerated().sorted { ($0.element.count, -$0.offset) > ($1.element.count, -$1.offset) }.map(\.element)
        return try PCRE2Regex("(?m)\\b(?:" + sorted.joined(separator: "|") + ")\\b", caseSensitive: true)
    }

    private func isException(_ text: String) -> Bool {
        guard let exceptions else { return false }
        return Self.matches(exceptions, text).first != nil
    }

    private static func matches(_ regex: PCRE2Regex, _ text: String) -> [PatternMatch] {
        Array(text.utf8).withUnsafeBufferPointer {
            (try? regex.allMatches(in: $0, scratch: MatchScratch(maxCaptureCount: regex.captureCount))) ?? []
        }
    }

    private static func matches(_ regex: PCRE2Regex, _ bytes: [UInt8]) -> [PatternMatch] {
        matches(regex, String(decoding: bytes, as: UTF8.self))
    }

    /// The alerts of this check on one block's text. `sequences` holds the
    /// conditional definitions found so far in the document.
    func run(on text: [UInt8], sequences: inout Set<String>) -> [BlockAlert] {
        switch check.kind {
        case .existence: existence(text)
        case .substitution: substitution(text)
        case .occurrence: occurrence(text)
        case .repetition: repetition(text)
        case .conditional: conditional(text, &sequences)
        case .capitalization: capitalization(text)
        }
    }

    private func alert(_ text: [UInt8], _ range: Range<Int>, _ arguments: [String]) -> BlockAlert {
        BlockAlert(span: range, match: Array(text[range]), message: Self.format(check.message, arguments))
    }

    private func existence(_ text: [UInt8]) -> [BlockAlert] {
        guard let pattern else { return [] }
        return Self.matches(pattern, text).compactMap { match in
            let observed = String(decoding: text[match.range], as: UTF8.self)
            return isException(observed.trimmingCharacters(in: " \t\n")) ? nil
                : alert(text, match.range, [observed])
        }
    }

    private func substitution(_ text: [UInt8]) -> [BlockAlert] {
        guard let pattern else { return [] }
        var alerts: [BlockAlert] = []
        for match in Self.matches(pattern, text) {
            guard let (group, swap, captures) = swaps.first(where: { match.groups[$0.group] != nil }),
                  let range = match.groups[group] else { continue }
            let observed = String(decoding: text[range], as: UTF8.self).trimmingCharacters(in: " \t\n")
            var expected = swap.suggestion
            for number in stride(from: captures, through: 1, by: -1) {
                let value = match.groups[group + number].map { String(decoding: text[$0], as: UTF8.self) } ?? ""
                expected = expected.replacingOccurrences(of: "$\(number)", with: value)
            }
            if check.capitalize == true, observed.first?.isUppercase == true { expected = expected.prefix(1).uppercased() + expected.dropFirst() }
            guard !Self.same(expected, observed, ignorecase: check.ignorecase == true), !isException(observed) else { continue }
            var message = check.message
            if check.quoteSuggestions == true {
                expected = Self.sentence(expected.split(separator: "|").map { "'\($0)'" })
                for spec in ["'%s'", "\"%s\""] where message.components(separatedBy: spec).count == 3 {
                    message = message.replacing(spec, with: "%s", maxReplacements: 1)
                }
            }
            alerts.append(BlockAlert(span: range, match: Array(text[range]), message: Self.format(message, [expected, observed])))
        }
        return alerts
    }

    /// Vale's `matchToken`: a phrase must equal the match; a pattern must match it whole.
    private static func same(_ expected: String, _ observed: String, ignorecase: Bool) -> Bool {
        let isPhrase = expected.allSatisfy { $0.isLetter || $0.isNumber || $0 == " " || $0 == "-" || $0 == "." || $0 == "'" }
        guard !isPhrase, let regex = try? PCRE2Regex("^(?:" + (ignorecase ? "(?i)" : "") + expected + ")$", caseSensitive: true) else {
            return expected == observed
        }
        return !matches(regex, observed).isEmpty
    }

    /// `a`, `a or b`, `a, b or c`.
    private static func sentence(_ items: [String]) -> String {
        items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " or " + items.last!
    }

    private func occurrence(_ text: [UInt8]) -> [BlockAlert] {
        guard let pattern else { return [] }
        let found = Self.matches(pattern, text)
        let count = found.count
        guard (check.max.map { $0 > 0 && count > $0 } ?? false) || (check.min.map { $0 > 0 && count < $0 } ?? false) else { return [] }
        let range = found.first?.range ?? 0..<0
        return [alert(text, range, ["\(count)"])]
    }

    private func repetition(_ text: [UInt8]) -> [BlockAlert] {
        guard let pattern else { return [] }
        var alerts: [BlockAlert] = []
        var previous = "", previousStart = 0
        for match in Self.matches(pattern, text) {
            let current = String(decoding: text[match.range], as: UTF8.self).trimmingCharacters(in: " \t\n")
            var hit = check.ignorecase == true ? current.lowercased() == previous.lowercased() : current == previous
            hit = hit && !current.isEmpty && (check.alpha != true || current.allSatisfy(\.isLetter)) && !isException(current)
            if hit { alerts.append(alert(text, previousStart..<match.range.upperBound, [current])) }
            previous = current
            previousStart = match.range.lowerBound
        }
        return alerts
    }

    private func conditional(_ text: [UInt8], _ sequences: inout Set<String>) -> [BlockAlert] {
        guard let pattern, let second else { return [] }
        for match in Self.matches(second, text) {
            for group in match.groups.dropFirst().compactMap({ $0 }) where !group.isEmpty {
                sequences.insert(String(decoding: text[group], as: UTF8.self))
            }
        }
        return Self.matches(pattern, text).compactMap { match in
            guard match.groups.count > 1, let group = match.groups[1] else { return nil }
            let value = String(decoding: text[group], as: UTF8.self)
            return sequences.contains(value) || isException(value) ? nil : alert(text, group, [value])
        }
    }

    private func capitalization(_ bytes: [UInt8]) -> [BlockAlert] {
        var text = String(decoding: bytes, as: UTF8.self)
        if let prefix, let first = Self.matches(prefix, text).first, first.range.lowerBound == 0 {
            text = String(decoding: Array(text.utf8)[first.range.upperBound...], as: UTF8.self)
        }
        let threshold = check.threshold ?? 0.8
        let valid: Bool
        var suggestion = text
        switch check.match ?? "$title" {
        case "$title":
            suggestion = TitleCase.convert(text, chicago: check.style == "Chicago")
            valid = titleCased(text, suggestion, threshold)
        case "$sentence": valid = sentenceCased(text, threshold)
        case "$lower": valid = text == text.lowercased() || isException(text)
        case "$upper": valid = text == text.uppercased() || isException(text)
        case let custom:
            valid = (try? PCRE2Regex(custom, caseSensitive: true)).map { !Self.matches($0, text).isEmpty } ?? true || isException(text)
        }
        guard !valid else { return [] }
        let whole = String(decoding: bytes, as: UTF8.self)
        return [BlockAlert(span: 0..<bytes.count, match: bytes, message: Self.format(check.message, [whole, suggestion]))]
    }

    private func words(_ text: String) -> [String] {
        var pattern = #"[\p{N}\p{L}*]+[^\s]*"#
        if let exceptions = check.exceptions, !exceptions.isEmpty {
            pattern = "\\b(?:" + exceptions.sorted { $0.count > $1.count }.joined(separator: "|") + ")\\b|" + pattern
        }
        guard let regex = try? PCRE2Regex(pattern, caseSensitive: true) else { return [] }
        let bytes = Array(text.utf8)
        return Self.matches(regex, text).map { String(decoding: bytes[$0.range], as: UTF8.self) }
    }

    private func titleCased(_ text: String, _ expected: String, _ threshold: Double) -> Bool {
        let want = words(expected)
        var count = 0.0, total = 0.0
        for (index, word) in words(text).enumerated() {
            if index >= want.count || word == want[index] || isException(word) || word == word.uppercased() { count += 1 }
            total += 1
        }
        return total == 0 || count / total > threshold
    }

    private func sentenceCased(_ text: String, _ threshold: Double) -> Bool {
        var trimmed = Substring(text)
        while let last = trimmed.last, "?!.:".contains(last) { trimmed = trimmed.dropLast() }
        let tokens = words(String(trimmed))
        var count = 0.0, total = 0.0
        for (index, token) in tokens.enumerated() {
            let previous = index > 0 ? tokens[index - 1] : ""
            var word = token
            for separator in ["-", "'", "’"] where word.contains(separator) {
                word = String(word.split(separator: Character(separator), omittingEmptySubsequences: false)[0])
                break
            }
            // A word after a number ("1. Install") may start with a capital, as after an indicator.
            let afterIndicator = (check.indicators ?? []).contains { previous.hasSuffix($0) }
                || (index > 0 && !previous.contains { $0.isLetter })
            if word == word.uppercased() || afterIndicator || isException(token) || isException(word) {
                count += 1
            } else if index == 0 && word != word.lowercased().capitalizedFirst {
                return false
            } else if index == 0 || word == word.lowercased() {
                count += 1
            }
            total += 1
        }
        return total == 0 || count / total > threshold
    }

    /// Go's `fmt.Sprintf` for `%s` verbs (surplus arguments dropped), then
    /// white space runs made single spaces, as Vale prints messages.
    static func format(_ template: String, _ arguments: [String]) -> String {
        var result = "", rest = Substring(template), index = 0
        while let range = rest.range(of: "%s") {
            result += rest[..<range.lowerBound]
            result += index < arguments.count ? arguments[index] : "%!s(MISSING)"
            index += 1
            rest = rest[range.upperBound...]
        }
        result += rest
        return result.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
    }
}

extension String {
    /// The first character upper-cased (Go's `strings.Title` on one word).
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}

/// Title case as AP or Chicago style writes it: every word capitalised but
/// articles, short conjunctions and prepositions inside the title.
enum TitleCase {
    private static let small: Set = ["a", "an", "and", "as", "at", "but", "by", "en", "for", "if", "in", "nor", "of", "on", "or", "per",
                                     "the", "to", "v", "vs", "via", "with", "up", "from", "into", "over", "off", "out", "so", "yet"]

    static func convert(_ text: String, chicago: Bool) -> String {
        let words = text.split(separator: " ", omittingEmptySubsequences: false)
        return words.enumerated().map { index, word in
            let lower = word.lowercased()
            if index > 0 && index < words.count - 1 && small.contains(lower) { return lower }
            return word.first?.isLowercase == true ? String(word).capitalizedFirst : String(word)
        }.joined(separator: " ")
    }
}
