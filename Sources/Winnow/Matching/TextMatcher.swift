/// The compiled form of a rule's `match` or `unless` clause: its regexes and,
/// when it has keywords, one more pattern built by ``KeywordPattern``.
/// A unit matches when any of them matches.
///
/// Regexes are matched against the unit in NFC and keywords against the
/// unit in NFC without invisible format characters (``NormalizedText``);
/// matches are reported in the original bytes.
public struct TextMatcher: Sendable {
    /// The compiled patterns; the keyword pattern, if any, is last.
    public let patterns: [PCRE2Regex]
    /// Whether the last pattern is the keyword pattern.
    public let hasKeywords: Bool

    public init(patterns: [PCRE2Regex], hasKeywords: Bool) {
        self.patterns = patterns
        self.hasKeywords = hasKeywords && !patterns.isEmpty
    }

    /// Largest capture count among the patterns, for sizing a ``MatchScratch``.
    public var maxCaptureCount: Int { patterns.map(\.captureCount).max() ?? 0 }

    /// The matches of the patterns in the original byte range `unit` of
    /// `text`, ordered by start, with every range (match and capture groups)
    /// given as 0-based byte offsets in `text.original`.
    ///
    /// The patterns are alternatives of one rule, so where matches of
    /// different patterns overlap, one finding is enough: the match that
    /// starts first is kept (the longest of those starting at one offset),
    /// and the matches overlapping it are dropped, as a single alternation
    /// would have matched. Matches of one pattern never overlap.
    /// - Throws: ``MatchError`` from the first pattern that fails.
    public func matches(
        in text: NormalizedText, unit: Range<Int>, scratch: MatchScratch
    ) throws(MatchError) -> [PatternMatch] {
        var matches: [PatternMatch] = []
        for index in patterns.indices {
            let form = form(ofPatternAt: index)
            let found = try text.withBytes(of: unit, in: form) { subject, start throws(MatchError) in
                try patterns[index].allMatches(in: subject, scratch: scratch, offset: start)
            }
            // Most calls find nothing: they allocate nothing either.
            if found.isEmpty { continue }
            if text.differs(in: form) {
                matches += found.map { match in
                    PatternMatch(groups: match.groups.map { group in group.map { text.originalRange(of: $0, in: form) } },
                                 pattern: patterns[index])
                }
            } else if matches.isEmpty {
                matches = found
            } else {
                matches += found
            }
        }
        guard patterns.count > 1, matches.count > 1 else { return matches }
        matches.sort { ($0.range.lowerBound, -$0.range.upperBound) < ($1.range.lowerBound, -$1.range.upperBound) }
        var kept: [PatternMatch] = []
        for match in matches {
            if let last = kept.last?.range, match.range.lowerBound < last.upperBound || match.range == last { continue }
            kept.append(match)
        }
        return kept
    }

    /// Whether any pattern matches anywhere in the original byte range `unit` of `text`.
    /// - Throws: ``MatchError`` from the first pattern that fails.
    public func hasMatch(
        in text: NormalizedText, unit: Range<Int>, scratch: MatchScratch
    ) throws(MatchError) -> Bool {
        for (index, pattern) in patterns.enumerated() {
            let found = try text.withBytes(of: unit, in: form(ofPatternAt: index)) { subject, _ throws(MatchError) in
                try pattern.firstMatch(in: subject, from: 0, scratch: scratch) != nil
            }
            if found { return true }
        }
        return false
    }

    private func form(ofPatternAt index: Int) -> NormalizedText.Form {
        hasKeywords && index == patterns.count - 1 ? .keywords : .nfc
    }
}
