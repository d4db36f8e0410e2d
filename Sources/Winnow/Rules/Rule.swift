/// One validated, compiled rule, as loaded from a rule file (SPEC section 1).
public struct Rule: Sendable {
    /// Unique in its ``RuleSet``; lowercase letters, digits and `-`.
    public let id: String
    public let description: String
    public let category: Category
    public let severity: Severity
    public let action: RuleAction
    public let scope: Scope
    /// The `match` clause; `nil` when the rule is decided by ``conditions`` alone.
    public let match: TextMatcher?
    public let conditions: Conditions
    /// The `unless` clause: a unit it matches is never a hit.
    public let unless: TextMatcher?
    /// For `action: replace`, what replaces each match.
    public let replacement: Template?
    /// Whether the rule also scans code, front matter and comments in
    /// Markdown (`scan_code: true`); by default it sees only prose.
    public let scanCode: Bool
    /// The message of each finding: the rule's `message`, else its
    /// `description`, else its id.
    public let message: Template
    /// Language codes the rule is written for (informative).
    public let languages: [String]
    public let examples: Examples
    /// Where the rule's `id` stands in its file.
    public let origin: SourceLocation
    /// The `prose` clause: the rule is a prose check run by ``ProseLinter``
    /// on the whole document instead of `match` on units.
    public let prose: ProseCheck?

    public init(
        id: String, description: String, category: Category, severity: Severity, action: RuleAction,
        scope: Scope, match: TextMatcher?, conditions: Conditions, unless: TextMatcher?, replacement: Template? = nil,
        scanCode: Bool = false, message: Template, languages: [String], examples: Examples, origin: SourceLocation,
        prose: ProseCheck? = nil
    ) {
        self.id = id
        self.description = description
        self.category = category
        self.severity = severity
        self.action = action
        self.scope = scope
        self.match = match
        self.conditions = conditions
        self.unless = unless
        self.replacement = replacement
        self.scanCode = scanCode
        self.message = message
        self.languages = languages
        self.examples = examples
        self.origin = origin
        self.prose = prose
    }

    /// What kind of problem the rule finds.
    public enum Category: String, Sendable, CaseIterable {
        case boilerplate, editorial, compliance, quality
    }

    /// The unit a rule judges. Blank lines are never part of a unit.
    public enum Scope: String, Sendable, CaseIterable {
        /// Each non-blank line.
        case line
        /// Each paragraph: a run of non-blank lines between blank lines.
        case block
        /// The whole document, from its first to its last non-blank line.
        case document
    }

    /// The same rule with another severity (for configuration overrides).
    public func with(severity: Severity) -> Rule {
        Rule(id: id, description: description, category: category, severity: severity, action: action, scope: scope,
             match: match, conditions: conditions, unless: unless, replacement: replacement, scanCode: scanCode,
             message: message, languages: languages, examples: examples, origin: origin, prose: prose)
    }

    /// Structural conditions on a unit, all of which must hold (SPEC section 1, `when`).
    /// Lengths are in Unicode scalars of the unit with leading and trailing
    /// white space trimmed (inside a block, each line terminator counts too).
    /// Words, stop words, capitals, digits and endings are defined in
    /// ``UnitFeatures``; ratios lie in 0...1, and a ratio with nothing to
    /// divide by (no words, no letters, no non-space scalar) is 0.
    public struct Conditions: Sendable, Equatable {
        public var maxChars: Int?
        public var minChars: Int?
        /// The trimmed unit must end with one of these strings (compared byte for byte).
        public var endsWith: [String]
        public var position: Position
        /// At least this many consecutive hit units (blank lines are not
        /// units, so they neither count nor break a run); 1 means no requirement.
        public var minRun: Int
        /// Word count limits (`min_words`, `max_words`).
        public var minWords: Int?
        public var maxWords: Int?
        /// `terminal_punctuation`: whether the unit must (true) or must not
        /// (false) end with sentence-final punctuation other than an ellipsis.
        public var terminalPunctuation: Bool?
        /// `ends_with_ellipsis`: whether the unit must (true) or must not
        /// (false) end with an ellipsis in any of its forms.
        public var endsWithEllipsis: Bool?
        /// The stop words for the stop-word ratio: of the `stopwords` key,
        /// else of the rule's `languages`; set when a stop-word ratio is.
        public var stopWords: StopWordSet?
        /// Limits on stop words / words.
        public var minStopWordRatio: Double?
        public var maxStopWordRatio: Double?
        /// Limits on capital letters (Lu, Lt) / letters (L).
        public var minUppercaseRatio: Double?
        public var maxUppercaseRatio: Double?
        /// Limits on decimal digits (Nd) / non-space scalars.
        public var minDigitRatio: Double?
        public var maxDigitRatio: Double?
        /// `unless_between_prose`: a hit is dropped when the units next to
        /// it on both sides are prose (``ProseNeighbours``).
        public var unlessBetweenProse: Bool
        /// Each non-blank line of the unit must occur in at least this many
        /// documents of its group (at least 2; lines compared as
        /// ``LineKey`` normalises them). Counted by a first pass over a
        /// corpus run (``RepetitionIndex``); a scan without counts never
        /// satisfies it.
        public var minRepeats: Int?

        public init(maxChars: Int? = nil, minChars: Int? = nil, endsWith: [String] = [],
                    position: Position = .any, minRun: Int = 1, minWords: Int? = nil, maxWords: Int? = nil,
                    terminalPunctuation: Bool? = nil, endsWithEllipsis: Bool? = nil, stopWords: StopWordSet? = nil,
                    minStopWordRatio: Double? = nil, maxStopWordRatio: Double? = nil,
                    minUppercaseRatio: Double? = nil, maxUppercaseRatio: Double? = nil,
                    minDigitRatio: Double? = nil, maxDigitRatio: Double? = nil, unlessBetweenProse: Bool = false,
                    minRepeats: Int? = nil) {
            self.maxChars = maxChars
            self.minChars = minChars
            self.endsWith = endsWith
            self.position = position
            self.minRun = minRun
            self.minWords = minWords
            self.maxWords = maxWords
            self.terminalPunctuation = terminalPunctuation
            self.endsWithEllipsis = endsWithEllipsis
            self.stopWords = stopWords
            self.minStopWordRatio = minStopWordRatio
            self.maxStopWordRatio = maxStopWordRatio
            self.minUppercaseRatio = minUppercaseRatio
            self.maxUppercaseRatio = maxUppercaseRatio
            self.minDigitRatio = minDigitRatio
            self.maxDigitRatio = maxDigitRatio
            self.unlessBetweenProse = unlessBetweenProse
            self.minRepeats = minRepeats
        }

        /// True when no condition is set.
        public var isEmpty: Bool { self == Conditions() }
    }

    /// Where in the document a hit may stand.
    ///
    /// `tail`: in the document's trailing boilerplate, the run of units at the
    /// end in which every unit satisfies this rule or is stripped whole by a
    /// rule without a position. `head` is the same at the start.
    /// `outsideMainContent` (`outside_main_content`): no line of the unit
    /// lies in the document's main content (``MainContent``), judged from
    /// what the rules without a position strip; it applies to whole inputs
    /// only, as `document` scope does.
    /// Positional rules are decided after all the others, so they can see
    /// what the others strip; they do not see each other.
    public enum Position: String, Sendable, CaseIterable {
        case any, head, tail
        case outsideMainContent = "outside_main_content"
    }

    /// The rule's own examples, each a whole document, checked by
    /// `winnow rules test`: each `match` example must give at least one
    /// finding of this rule, each `noMatch` example none.
    public struct Examples: Sendable, Equatable {
        public var match: [Example]
        public var noMatch: [Example]

        public init(match: [Example] = [], noMatch: [Example] = []) {
            self.match = match
            self.noMatch = noMatch
        }
    }

    /// One example text and where it stands in the rule file.
    public struct Example: Sendable, Equatable {
        public let text: String
        public let origin: SourceLocation

        public init(text: String, origin: SourceLocation) {
            self.text = text
            self.origin = origin
        }
    }
}

/// How serious a finding is; ordered `info` < `warning` < `error`.
public enum Severity: String, Sendable, CaseIterable, Comparable {
    case info, warning, error

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// What `winnow clean` does with a rule's hits. `check` reports them all alike.
public enum RuleAction: String, Sendable, CaseIterable, Comparable {
    /// Report only; the text is kept.
    case flag
    /// Put the rule's replacement in place of the match.
    case replace
    /// Remove the matched bytes; the rest of the line is kept.
    case stripMatch = "strip-match"
    /// Remove every line the match touches, with its terminator.
    case stripLine = "strip-line"
    /// Remove the paragraph (run of non-blank lines) the match lies in.
    case stripBlock = "strip-block"
    /// Drop the whole document from the clean output.
    case reject

    /// Ordered by strength, weakest first: when several rules hit one span,
    /// the strongest action is applied (and every hit is still reported).
    public static func < (lhs: RuleAction, rhs: RuleAction) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A place in a file: 1-based line and column (column in Unicode scalars, as
/// libyaml counts them).
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
    /// The file's path as given, or `builtin:NAME` for the built-in pack.
    public let file: String
    public let line: Int
    public let column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}
