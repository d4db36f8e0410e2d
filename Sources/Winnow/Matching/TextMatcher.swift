/// The compiled form of a rule's `match` or `unless` clause: its regexes and,
/// when it has keywords, one more pattern built by ``KeywordPattern``.
/// A unit matches when any of them matches.
public struct TextMatcher: Sendable {
    /// The compiled patterns; the keyword pattern, if any, is last.
    public let patterns: [PCRE2Regex]

    public init(patterns: [PCRE2Regex]) {
        self.patterns = patterns
    }

    /// Largest capture count among the patterns, for sizing a ``MatchScratch``.
    public var maxCaptureCount: Int { patterns.map(\.captureCount).max() ?? 0 }

    /// Every match of every pattern in `subject` (byte ranges 0-based in
    /// `subject`), ordered by start then end. Matches of different patterns
    /// may overlap; matches of one pattern do not.
    /// - Throws: ``MatchError`` from the first pattern that fails.
    public func matches(
        in subject: UnsafeBufferPointer<UInt8>, scratch: MatchScratch
    ) throws(MatchError) -> [PatternMatch] {
        var matches: [PatternMatch] = []
        for pattern in patterns {
            matches += try pattern.allMatches(in: subject, scratch: scratch)
        }
        if patterns.count > 1 {
            matches.sort { ($0.range.lowerBound, $0.range.upperBound) < ($1.range.lowerBound, $1.range.upperBound) }
        }
        return matches
    }

    /// Whether any pattern matches anywhere in `subject`.
    /// - Throws: ``MatchError`` from the first pattern that fails.
    public func hasMatch(
        in subject: UnsafeBufferPointer<UInt8>, scratch: MatchScratch
    ) throws(MatchError) -> Bool {
        for pattern in patterns where try pattern.firstMatch(in: subject, from: 0, scratch: scratch) != nil {
            return true
        }
        return false
    }
}
