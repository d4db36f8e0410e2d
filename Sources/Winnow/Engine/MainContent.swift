/// The main content of a document: the one run of lines that holds the
/// article, found as Body Text Extraction finds it (Finn, Kushmerick and
/// Smyth 2001, "Fact or Fiction: Content Classification for Digital
/// Libraries", DELOS Workshop): the span that maximises the text inside it
/// minus the markup inside it, computed as a maximum-sum run (Kadane's
/// algorithm). Plain text has no markup, so each line scores as follows:
///
/// - a blank line: 0;
/// - a line stripped whole by a rule without a position (named boilerplate,
///   lines repeated across a site's pages): −``boilerplateCost``, or
///   −``otherCost`` when the non-blank line before it is stripped too: a run
///   of stripped lines (a share bar, a box of links) is one interruption;
/// - a prose line, ending with sentence-final punctuation that is not an
///   ellipsis (``UnitFeatures/Ending/terminal``) and holding at least
///   ``minimumProseWords`` words: + its number of words (C4's line rule,
///   Raffel et al. 2020, JMLR 21, section 2.2, as datatrove's
///   `C4QualityFilter` applies it: `min_words_per_line=3`);
/// - any other line (menu items, labels, headings, list items): −``otherCost``.
///
/// The main content is the run of lines, from a line with a positive score
/// to another, whose scores add up to the most; the earliest such run when
/// several tie. A subheading or a list inside an article costs little
/// against the paragraphs on its sides, while a menu of many lines, or one
/// stripped line, separates a teaser or a comment from the article.
/// Words are counted as ``UnitFeatures`` counts them, except that a Han or
/// kana scalar counts two thirds of a word (``weightedWords(_:)``): Chinese
/// words average about 1.5 characters, so a line of Chinese weighs about
/// what the same words in English would.
enum MainContent {
    /// What a line stripped by a rule without a position costs: about one
    /// long paragraph, jusText's `LENGTH_HIGH` of 200 characters (Pomikálek
    /// 2011), some 35 to 40 English words; prose on both sides of such a line
    /// must outweigh it for the run to cross it.
    static let boilerplateCost = 40
    /// What a line that is neither prose nor stripped costs: two words, as
    /// an element costs two markup tokens (its opening and closing tags) in
    /// Body Text Extraction.
    static let otherCost = 2
    /// Fewest words of a prose line (C4: lines of at least 3 words).
    static let minimumProseWords = 3

    /// The words of a line, a Han or kana scalar counting 2/3 of a word
    /// (rounded down over the line).
    static func weightedWords(_ features: UnitFeatures) -> Int {
        features.words - features.unspacedWords + features.unspacedWords * 2 / 3
    }

    /// The 0-based lines of the main content, or `nil` when no line scores
    /// above 0 (no prose line outside what the rules strip).
    /// - Parameters:
    ///   - document: the text whose lines are scored.
    ///   - strippedWhole: per line of `document`, whether a rule without a
    ///     position strips it whole.
    static func lines(of document: Document, strippedWhole: [Bool]) -> ClosedRange<Int>? {
        var best: (sum: Int, lines: ClosedRange<Int>)?
        var runSum = 0, runStart = 0
        var afterStripped = false
        document.bytes.withUnsafeBufferPointer { buffer in
            for (index, line) in document.lines.enumerated() {
                let score: Int
                if document.blankLines[index] {
                    score = 0
                } else if strippedWhole[index] {
                    score = afterStripped ? -otherCost : -boilerplateCost
                    afterStripped = true
                } else {
                    afterStripped = false
                    let trimmed = document.trimmedRange(of: line.content)
                    let features = UnitFeatures(UnsafeBufferPointer(rebasing: buffer[trimmed]), wanted: [.words, .ending])
                    let words = weightedWords(features)
                    score = features.ending == .terminal && words >= minimumProseWords ? words : -otherCost
                }
                if runSum <= 0 {
                    runSum = 0
                    runStart = index
                }
                runSum += score
                if score > 0, runSum > (best?.sum ?? 0) { best = (runSum, runStart...index) }
            }
        }
        return best?.lines
    }
}
