import Foundation

/// Turns a keyword list into one PCRE2 alternation, so that a keyword rule is
/// matched in a single pass by the same engine as a regex rule.
///
/// Each keyword is a literal phrase, taken in Unicode Normalization Form C
/// (a decomposed `e` U+0301 in a keyword is `é`), with forgiving exceptions
/// that scraped text needs:
/// - a space matches any run of Unicode white space (`\s+` under UCP, which
///   includes NBSP U+00A0, narrow NBSP U+202F, figure space U+2007 and the
///   ideographic space U+3000);
/// - single quotes and apostrophes match each other: `'` U+0027, `‘` U+2018,
///   `’` U+2019, `‚` U+201A, `‛` U+201B, `ʼ` U+02BC;
/// - double quotes match each other: `"` U+0022, `“` U+201C, `”` U+201D,
///   `„` U+201E, `‟` U+201F, `«` U+00AB, `»` U+00BB;
/// - the invisible format characters of
///   ``NormalizedText/isInvisibleFormatCharacter(_:)`` are dropped (keywords
///   are matched against text without them);
/// - when caseless, `ß` (and `ẞ`) also matches `ss` in any case, the Swiss
///   and upper-case spelling (`schließen` finds `SCHLIESSEN`); `ss` in a
///   keyword does not match `ß`;
/// - when caseless with Turkish casing (rules whose `languages` name Turkish
///   or Azerbaijani), `i`, `ı`, `I` and `İ` all match each other: PCRE2's
///   caseless matching uses Unicode simple case folding, which pairs none of
///   the dotless ı U+0131 and dotted İ U+0130 with the ASCII letters.
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
    /// PCRE2 source for `keywords`; `caseless` and `turkishCasing` as above.
    static func source(for keywords: [String], wholeWord: Bool, caseless: Bool = true, turkishCasing: Bool = false) -> String {
        let normalized = keywords.map(normalizedKeyword).filter { !$0.isEmpty }
        let ordered = Set(normalized).sorted { ($0.unicodeScalars.count, $1) > ($1.unicodeScalars.count, $0) }
        func alternative(_ keyword: String) -> String {
            let after = wholeWord && keyword.unicodeScalars.last.map(needsBoundary) == true
            return literal(keyword, caseless: caseless, turkishCasing: turkishCasing) + (after ? wordAfter : "")
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

    /// The languages (ISO 639-1 codes, matched case-insensitively, with or
    /// without a region such as `tr-TR`) whose rules get Turkish casing.
    static let turkishCasingLanguages: Set<String> = ["tr", "az"]

    /// Whether a rule written for `languages` gets Turkish casing.
    static func usesTurkishCasing(languages: [String]) -> Bool {
        languages.contains { language in
            let code = language.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init) ?? ""
            return turkishCasingLanguages.contains(code)
        }
    }

    private static let wordBefore = #"(?<![\p{L}\p{N}\p{M}_])"#
    private static let wordAfter = #"(?![\p{L}\p{N}\p{M}_])"#
    private static let singleQuotes = "['\u{2018}\u{2019}\u{201A}\u{201B}\u{02BC}]"
    private static let doubleQuotes = "[\"\u{201C}\u{201D}\u{201E}\u{201F}\u{00AB}\u{00BB}]"

    /// `keyword` in NFC, without invisible format characters.
    private static func normalizedKeyword(_ keyword: String) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: NormalizedText.nfc(keyword).unicodeScalars.filter {
            !NormalizedText.isInvisibleFormatCharacter($0.value)
        })
        return String(scalars)
    }

    private static func literal(_ keyword: String, caseless: Bool, turkishCasing: Bool) -> String {
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
            case "'", "\u{2018}", "\u{2019}", "\u{201A}", "\u{201B}", "\u{02BC}": out += singleQuotes
            case "\"", "\u{201C}", "\u{201D}", "\u{201E}", "\u{201F}", "\u{00AB}", "\u{00BB}": out += doubleQuotes
            case _ where caseless && (scalar == "\u{00DF}" || scalar == "\u{1E9E}"): out += "(?:\u{00DF}|ss)"
            case _ where caseless && turkishCasing && ["i", "I", "\u{0131}", "\u{0130}"].contains(scalar):
                out += "[iI\u{0131}\u{0130}]"
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
