/// Turns a keyword list into one PCRE2 alternation, so that a keyword rule is
/// matched in a single pass by the same engine as a regex rule.
///
/// Each keyword is a literal phrase, with two forgiving exceptions that
/// scraped text needs:
/// - a space matches any run of Unicode white space (`\s+` under UCP, which
///   includes NBSP U+00A0 and narrow NBSP U+202F);
/// - a straight apostrophe `'` and a typographic one `’` (U+2019) match each other.
///
/// With `wholeWord`, a keyword that starts (ends) with a letter, digit, mark
/// or `_` must not be preceded (followed) by one. Scripts written without
/// spaces between words (Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar)
/// get no boundary, because they have none: `广告` is found inside `本页含广告链接`
/// (PCRE2's `\b` never matches between two ideographs).
///
/// Alternatives are ordered longest first, so at a given position the
/// longest keyword wins, whatever the order in the rule file.
enum KeywordPattern {
    static func source(for keywords: [String], wholeWord: Bool) -> String {
        let ordered = Set(keywords).sorted { ($0.unicodeScalars.count, $1) > ($1.unicodeScalars.count, $0) }
        func alternative(_ keyword: String) -> String {
            let after = wholeWord && keyword.unicodeScalars.last.map(needsBoundary) == true
            return literal(keyword) + (after ? wordAfter : "")
        }
        // The leading boundary is shared by one group instead of repeated in
        // every alternative: PCRE2 then keeps its start-of-match
        // optimisations (three times faster on a 30-phrase list). Keywords
        // of the two groups start with different kinds of character, so they
        // never compete for the same position.
        let bounded = ordered.filter { wholeWord && $0.unicodeScalars.first.map(needsBoundary) == true }
        let free = ordered.filter { !bounded.contains($0) }
        var groups: [String] = []
        if !bounded.isEmpty { groups.append(wordBefore + "(?:" + bounded.map(alternative).joined(separator: "|") + ")") }
        if !free.isEmpty { groups.append("(?:" + free.map(alternative).joined(separator: "|") + ")") }
        return groups.count == 1 ? groups[0] : "(?:" + groups.joined(separator: "|") + ")"
    }

    private static let wordBefore = #"(?<![\p{L}\p{N}\p{M}_])"#
    private static let wordAfter = #"(?![\p{L}\p{N}\p{M}_])"#

    private static func literal(_ keyword: String) -> String {
        var out = ""
        var inSpace = false
        for scalar in keyword.unicodeScalars {
            if scalar.properties.isWhitespace {
                if !inSpace { out += #"\s+"# }
                inSpace = true
                continue
            }
            inSpace = false
            switch scalar {
            case "'", "\u{2019}": out += "['\u{2019}]"
            case _ where scalar.isASCII && !(scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)):
                out += "\\" + String(scalar)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Whether a keyword edge character needs a word boundary beside it.
    static func needsBoundary(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        let isWordCharacter = properties.isAlphabetic || properties.numericType != nil
            || scalar == "_" || properties.generalCategory == .nonspacingMark
        return isWordCharacter && !properties.isIdeographic && !isInScriptWithoutSpaces(scalar)
    }

    private static func isInScriptWithoutSpaces(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0E00...0x0EFF,  // Thai, Lao
             0x1000...0x109F,  // Myanmar
             0x1780...0x17FF,  // Khmer
             0x3040...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9F:  // Hiragana, Katakana
            return true
        default:
            return false
        }
    }
}
