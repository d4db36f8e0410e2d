/// Structural features of one unit, computed from its UTF-8 bytes (with
/// white space trimmed from both ends) for the `when` keys that need them.
/// Only what is asked for is computed: the counts in one forward pass when
/// any is wanted (words and stop words only when wanted), the ending by
/// reading back from the end. Nothing is allocated per word.
///
/// Definitions (also in docs/rules.md, `when`):
/// - A word is a maximal run of letters, marks and digits (Unicode general
///   categories L, M, N); an apostrophe (`'`, `’`) or hyphen (`-`, U+2010,
///   U+2011) between two such scalars joins them into one word
///   ("don't", "well-known" are one word each).
/// - Han ideographs and kana, written without spaces, count one word per
///   scalar (Chinese words average about 1.5 characters, so a `min_words`
///   for Chinese text reads about 1.5 times as many characters as the same
///   figure for Vietnamese syllables). A mark after such a scalar belongs to it.
/// - Letters are scalars of category L; capitals are Lu and Lt; digits are
///   Nd; non-space scalars are all scalars without the `White_Space` property.
/// - Stop words: a word made of other scripts is a stop word when its bytes
///   are in the ``StopWordSet``; in a run of Han and kana, stop words are
///   found by longest match from left to right, and each scalar they cover
///   counts as one stop word.
struct UnitFeatures: Equatable {
    /// The features to compute.
    struct Wanted: OptionSet {
        let rawValue: UInt8
        static let words = Wanted(rawValue: 1)
        static let stopWords = Wanted(rawValue: 2)
        static let letterCase = Wanted(rawValue: 4)
        static let digits = Wanted(rawValue: 8)
        static let ending = Wanted(rawValue: 16)
    }

    /// How the unit ends, after any closing quotes and brackets.
    enum Ending: Equatable {
        /// Sentence-final punctuation that is not an ellipsis.
        case terminal
        /// An ellipsis in one of its forms.
        case ellipsis
        /// Anything else.
        case other
    }

    var words = 0
    /// Those of ``words`` that are Han or kana scalars (one word each).
    var unspacedWords = 0
    /// Words found in the stop-word set (scalars covered, in Han and kana runs).
    var stopWords = 0
    var letters = 0
    /// Letters of category Lu or Lt.
    var capitals = 0
    /// Scalars of category Nd.
    var digits = 0
    var nonSpace = 0
    var ending = Ending.other

    /// - Parameters:
    ///   - bytes: the trimmed unit, UTF-8; an ill-formed byte counts as one
    ///     scalar of category Cn (not a letter, not white space).
    ///   - wanted: the features to compute; words and stop words not wanted
    ///     stay 0, an ending not wanted stays `.other`.
    ///   - stopWords: the set for ``stopWords`` (needed when `wanted` holds it).
    init(_ bytes: UnsafeBufferPointer<UInt8>, wanted: Wanted, stopWords: StopWordSet? = nil) {
        if wanted.contains(.ending) { ending = Self.ending(of: bytes) }
        guard !wanted.subtracting(.ending).isEmpty else { return }
        let findsWords = wanted.contains(.words) || wanted.contains(.stopWords)
        let stopWords = wanted.contains(.stopWords) ? stopWords : nil
        var wordStart = -1, runStart = -1
        var index = 0
        let lowKinds = Self.lowKinds
        func kindOf(_ value: UInt32) -> Kind { value < 0x3000 ? lowKinds[Int(value)] : Self.computeKind(of: value) }
        func endWord(at end: Int) {
            guard wordStart >= 0 else { return }
            words += 1
            if let stopWords, stopWords.contains(UnsafeBufferPointer(rebasing: bytes[wordStart..<end])) { self.stopWords += 1 }
            wordStart = -1
        }
        func endRun(at end: Int) {
            guard runStart >= 0 else { return }
            if let stopWords { self.stopWords += Self.unspacedStopWords(in: bytes, runStart..<end, stopWords) }
            runStart = -1
        }
        while index < bytes.count {
            let (value, length) = Self.scalar(in: bytes, at: index)
            let kind = kindOf(value)
            if kind.contains(.letter) { letters += 1 }
            if kind.contains(.capital) { capitals += 1 }
            if kind.contains(.digit) { digits += 1 }
            if !kind.contains(.space) { nonSpace += 1 }
            if findsWords {
                if kind.contains(.unspaced) {
                    endWord(at: index)
                    words += 1
                    unspacedWords += 1
                    if runStart < 0 { runStart = index }
                } else if kind.contains(.mark) && runStart >= 0 {
                    // A mark stays with the Han or kana scalar before it.
                } else {
                    endRun(at: index)
                    if kind.contains(.wordPart) {
                        if wordStart < 0 { wordStart = index }
                    } else if !(kind.contains(.joiner) && wordStart >= 0 && index + length < bytes.count
                                && kindOf(Self.scalar(in: bytes, at: index + length).value).contains(.wordPart)) {
                        endWord(at: index)
                    }
                }
            }
            index += length
        }
        endWord(at: bytes.count)
        endRun(at: bytes.count)
    }

    /// Whether the scalar belongs to a script written without spaces
    /// between words, whose scalars count one word each: Han (CJK unified
    /// ideographs and their extensions A to H, compatibility ideographs),
    /// hiragana, katakana (with its phonetic extensions and half-width forms),
    /// and the ideographic iteration and closing marks 々 〆 〇.
    static func isWrittenWithoutSpaces(_ value: UInt32) -> Bool {
        switch value {
        case 0x3005...0x3007, 0x3040...0x309F, 0x30A0...0x30FF, 0x31F0...0x31FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xF900...0xFAFF, 0xFF66...0xFF9F, 0x20000...0x3134F:
            return true
        default:
            return false
        }
    }

    /// The scalar at `offset` and its length; an ill-formed byte is U+FFFD, 1 byte long.
    private static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> (value: UInt32, length: Int) {
        if bytes[offset] < 0x80 { return (UInt32(bytes[offset]), 1) }
        guard let (scalar, length) = UTF8Validation.scalar(in: bytes, at: offset) else { return (0xFFFD, 1) }
        return (scalar.value, length)
    }

    private struct Kind: OptionSet {
        let rawValue: UInt8
        static let letter = Kind(rawValue: 1)
        static let capital = Kind(rawValue: 2)
        static let digit = Kind(rawValue: 4)
        static let space = Kind(rawValue: 8)
        /// A letter, mark or digit of a script written with spaces.
        static let wordPart = Kind(rawValue: 16)
        static let mark = Kind(rawValue: 32)
        static let unspaced = Kind(rawValue: 64)
        /// An apostrophe or hyphen, which joins the word parts on its sides.
        static let joiner = Kind(rawValue: 128)
    }

    /// ``computeKind(of:)`` of every scalar below U+3000 (Latin, Greek, Cyrillic,
    /// Vietnamese, Arabic, Indic…), computed once.
    private static let lowKinds: [Kind] = (0..<0x3000).map { computeKind(of: UInt32($0)) }

    private static func computeKind(of value: UInt32) -> Kind {
        switch value {
        case 0x61...0x7A: return [.letter, .wordPart]
        case 0x41...0x5A: return [.letter, .capital, .wordPart]
        case 0x30...0x39: return [.digit, .wordPart]
        case 0x09...0x0D, 0x20: return .space
        case 0x27, 0x2D, 0x2010, 0x2011, 0x2019: return .joiner
        case 0..<0x80, 0xFFFD: return []
        default: break
        }
        guard let scalar = Unicode.Scalar(value) else { return [] }
        let unspaced: Kind = isWrittenWithoutSpaces(value) ? .unspaced : .wordPart
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .titlecaseLetter: return [.letter, .capital, unspaced]
        case .lowercaseLetter, .modifierLetter, .otherLetter: return [.letter, unspaced]
        case .nonspacingMark, .spacingMark, .enclosingMark: return [.mark, .wordPart]
        case .decimalNumber: return [.digit, unspaced]
        case .letterNumber, .otherNumber: return unspaced
        default: return scalar.properties.isWhitespace ? .space : []
        }
    }

    /// Stop words in a run of Han and kana: at each place the longest entry
    /// that starts there, else one scalar on; each covered scalar counts.
    private static func unspacedStopWords(in bytes: UnsafeBufferPointer<UInt8>, _ run: Range<Int>, _ set: StopWordSet) -> Int {
        let longest = set.longestUnspacedEntry
        guard longest > 0 else { return 0 }
        var found = 0
        withUnsafeTemporaryAllocation(of: Int.self, capacity: longest) { ends in
            var start = run.lowerBound
            while start < run.upperBound {
                var count = 0, end = start
                while count < longest && end < run.upperBound {
                    end += scalar(in: bytes, at: end).length
                    ends[count] = end
                    count += 1
                }
                var matched = 0
                for length in stride(from: count, to: 0, by: -1)
                where set.contains(UnsafeBufferPointer(rebasing: bytes[start..<ends[length - 1]])) {
                    matched = length
                    break
                }
                found += matched
                start = ends[max(matched, 1) - 1]
            }
        }
        return found
    }

    /// Closing quotes and brackets that may follow the final punctuation.
    static let closers: Set<UInt32> = [
        0x22, 0x27, 0x29, 0x5D, 0x7D, 0xBB, 0x2019, 0x201D, 0x201C, 0x2018, 0x203A, 0x300D, 0x300F, 0x3011, 0x3009,
        0x300B, 0x3015, 0x3017, 0x3019, 0x301B, 0xFF09, 0xFF3D, 0xFF5D, 0xFF02, 0xFF07, 0xFF63,
    ]
    /// Sentence-final punctuation other than the full stop.
    static let finalMarks: Set<UInt32> = [
        0x21, 0x3F, 0x203C, 0x2047, 0x2048, 0x2049, 0xFF01, 0xFF1F, 0x061F, 0x06D4, 0x0964, 0x0965, 0x104B, 0x1362,
    ]
    /// Full stops: `.`, `。`, `．`, `｡`.
    static let fullStops: Set<UInt32> = [0x2E, 0x3002, 0xFF0E, 0xFF61]
    /// Ellipsis characters: `…`, `⋯`, `‥`.
    static let ellipses: Set<UInt32> = [0x2026, 0x22EF, 0x2025]
    /// What may stand between the full stops of a spaced ellipsis (`. . .`):
    /// a space, NBSP or narrow NBSP.
    static let ellipsisSeparators: Set<UInt32> = [0x20, 0xA0, 0x202F]

    /// How the trimmed unit ends: closing quotes and brackets are skipped;
    /// an ellipsis character, or two or more full stops (a single space,
    /// NBSP or narrow NBSP between them allowed, as in ". . ."), or a full stop right after an
    /// ellipsis character, is an ellipsis; another full stop or final mark
    /// is terminal.
    static func ending(of bytes: UnsafeBufferPointer<UInt8>) -> Ending {
        func before(_ end: Int) -> UInt32? {
            guard end > 0 else { return nil }
            return UTF8Validation.scalar(in: bytes, endingAt: end).map { $0.0.value } ?? 0xFFFD
        }
        func length(_ value: UInt32) -> Int { Unicode.Scalar(value).map { UTF8.width($0) } ?? 1 }
        var end = bytes.count
        while let last = before(end), closers.contains(last) { end -= length(last) }
        guard let last = before(end) else { return .other }
        if ellipses.contains(last) { return .ellipsis }
        if finalMarks.contains(last) { return .terminal }
        guard fullStops.contains(last) else { return .other }
        end -= length(last)
        if let previous = before(end) {
            if fullStops.contains(previous) || ellipses.contains(previous) { return .ellipsis }
            if ellipsisSeparators.contains(previous), let stop = before(end - length(previous)), fullStops.contains(stop) {
                return .ellipsis
            }
        }
        return .terminal
    }
}

extension Rule.Conditions {
    /// The features that the structural conditions need.
    var wantedFeatures: UnitFeatures.Wanted {
        var wanted: UnitFeatures.Wanted = []
        if minWords != nil || maxWords != nil { wanted.insert(.words) }
        if minStopWordRatio != nil || maxStopWordRatio != nil { wanted.formUnion([.words, .stopWords]) }
        if minUppercaseRatio != nil || maxUppercaseRatio != nil { wanted.insert(.letterCase) }
        if minDigitRatio != nil || maxDigitRatio != nil { wanted.insert(.digits) }
        if terminalPunctuation != nil || endsWithEllipsis != nil { wanted.insert(.ending) }
        return wanted
    }

    /// Whether the trimmed unit meets the conditions on words, stop words,
    /// capitals, digits and ending. A ratio with nothing to divide by is 0.
    func holdStructurally(in unit: UnsafeBufferPointer<UInt8>) -> Bool {
        let wanted = wantedFeatures
        guard !wanted.isEmpty else { return true }
        let features = UnitFeatures(unit, wanted: wanted, stopWords: stopWords)
        func ratio(_ part: Int, _ whole: Int) -> Double { whole == 0 ? 0 : Double(part) / Double(whole) }
        func within(_ value: Double, _ minimum: Double?, _ maximum: Double?) -> Bool {
            value >= (minimum ?? 0) && value <= (maximum ?? 1)
        }
        if let minimum = minWords, features.words < minimum { return false }
        if let maximum = maxWords, features.words > maximum { return false }
        if let terminal = terminalPunctuation, (features.ending == .terminal) != terminal { return false }
        if let ellipsis = endsWithEllipsis, (features.ending == .ellipsis) != ellipsis { return false }
        return within(ratio(features.stopWords, features.words), minStopWordRatio, maxStopWordRatio)
            && within(ratio(features.capitals, features.letters), minUppercaseRatio, maxUppercaseRatio)
            && within(ratio(features.digits, features.nonSpace), minDigitRatio, maxDigitRatio)
    }
}
