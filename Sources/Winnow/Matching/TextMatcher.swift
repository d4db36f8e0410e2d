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

    /// Every match of every pattern in `subject`, as 0-based byte ranges,
    /// ordered by start then end. Matches of different patterns may overlap;
    /// matches of one pattern do not.
    /// - Throws: ``MatchError`` from the first pattern that fails.
    public func matches(
        in subject: UnsafeBufferPointer<UInt8>, scratch: MatchScratch
    ) throws(MatchError) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        for pattern in patterns {
            ranges += try pattern.allMatches(in: subject, scratch: scratch)
        }
        if patterns.count > 1 {
            ranges.sort { ($0.lowerBound, $0.upperBound) < ($1.lowerBound, $1.upperBound) }
        }
        return ranges
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
