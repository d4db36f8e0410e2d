/// A prose check: a rule judged on the prose blocks of a document (headings,
/// paragraphs, list items, table cells, …) rather than on its lines, with the
/// semantics of Vale's rule kinds (vale.sh/docs/checks). It is the `prose`
/// key of a Winnow rule; `winnow import vale` writes one for each Vale rule
/// and `--vale-config` builds the same value directly.
///
/// Patterns are PCRE2 with UTF and UCP; `%s` in ``message`` is filled as
/// Vale's Go `fmt` fills it (see ``ProseLinter``).
public struct ProseCheck: Codable, Sendable, Equatable {
    /// The rule's Vale name, `Style.Rule`: printed by `--format vale-line`
    /// and named by `<!-- vale Style.Rule = NO -->` comments.
    public var name: String
    public var kind: Kind
    /// The message with Go `%s` verbs.
    public var message: String
    /// Vale scope selectors, any of which may match: `text`, `heading.h2`,
    /// `~blockquote`, `heading & ~heading.h1`, `raw`, `alt`, `sentence`, …
    public var scope: [String]
    /// Where the check runs and at which severity: the last entry whose
    /// glob matches the file's path decides; a file no entry matches is not checked.
    public var files: [FileSetting]
    /// Match without regard to case (`(?i)`).
    public var ignorecase: Bool?
    /// `true`: tokens are not wrapped in word boundaries.
    public var nonword: Bool?
    /// Existence and repetition tokens, or the occurrence token (one item).
    public var tokens: [String]?
    /// Existence patterns appended, without word boundaries, after the tokens.
    public var raw: [String]?
    /// A match that is wholly one of these patterns is not reported.
    public var exceptions: [String]?
    /// Substitution: pattern → suggestion (`a|b` gives alternatives, `$1` the pattern's group), in order.
    public var swap: [Swap]?
    /// Substitution: quote each suggestion as Vale's `replace` action does.
    public var quoteSuggestions: Bool?
    /// Substitution: capitalise the suggestion when the match starts with a capital.
    public var capitalize: Bool?
    /// Occurrence: the fewest / most matches of the token in one scope.
    public var min: Int?
    public var max: Int?
    /// Repetition: only repeated tokens that contain a letter.
    public var alpha: Bool?
    /// Conditional: a match of `first` (its group 1) needs a match of `second` somewhere in the scope.
    public var first: String?
    public var second: String?
    /// Capitalization: `$title`, `$sentence`, `$upper`, `$lower` or a regex.
    public var match: String?
    /// Capitalization: `AP` or `Chicago` title style.
    public var style: String?
    /// Capitalization: the share of words that must comply (0…1).
    public var threshold: Double?
    /// Capitalization (`$sentence`): a word after one of these may be capitalised.
    public var indicators: [String]?
    /// Capitalization: a prefix pattern removed before judging.
    public var prefix: String?
    /// How markup is read, from the Vale configuration.
    public var markup: MarkupSettings?

    /// The supported Vale rule kinds (`extends`).
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case existence, substitution, occurrence, repetition, conditional, capitalization
    }

    /// One `files` entry: a glob (``Glob`` syntax) and a severity, or `off`.
    public struct FileSetting: Codable, Sendable, Equatable {
        public var path: String
        public var severity: String

        public init(path: String, severity: String) {
            self.path = path
            self.severity = severity
        }
    }

    /// One substitution pair.
    public struct Swap: Codable, Sendable, Equatable {
        public var pattern: String
        public var suggestion: String

        public init(pattern: String, suggestion: String) {
            self.pattern = pattern
            self.suggestion = suggestion
        }
    }

    /// Vale's markup settings (`.vale.ini`): what is skipped or masked before checks run.
    public struct MarkupSettings: Codable, Sendable, Equatable {
        /// Inline tags whose text is masked (Vale `IgnoredScopes`; default `code`, `tt`, `kbd`).
        public var ignoredScopes: [String]?
        /// Block tags whose content is skipped (Vale `SkippedScopes`; default `script`, `style`, `pre`, `figure`, …).
        public var skippedScopes: [String]?
        /// HTML classes whose elements are skipped (Vale `IgnoredClasses`).
        public var ignoredClasses: [String]?
        /// Patterns whose matches are treated as code spans (Vale `TokenIgnores`).
        public var tokenIgnores: [String]?
        /// Patterns whose matches are treated as code blocks (Vale `BlockIgnores`).
        public var blockIgnores: [String]?

        public init(ignoredScopes: [String]? = nil, skippedScopes: [String]? = nil, ignoredClasses: [String]? = nil,
                    tokenIgnores: [String]? = nil, blockIgnores: [String]? = nil) {
            self.ignoredScopes = ignoredScopes
            self.skippedScopes = skippedScopes
            self.ignoredClasses = ignoredClasses
            self.tokenIgnores = tokenIgnores
            self.blockIgnores = blockIgnores
        }
    }

    public init(name: String, kind: Kind, message: String, scope: [String], files: [FileSetting]) {
        self.name = name
        self.kind = kind
        self.message = message
        self.scope = scope
        self.files = files
    }

    enum CodingKeys: String, CodingKey {
        case name, kind, message, scope, files, ignorecase, nonword, tokens, raw, exceptions, swap
        case quoteSuggestions = "quote_suggestions"
        case capitalize, min, max, alpha, first, second, match, style, threshold, indicators, prefix, markup
    }

    /// The severity for a file at `path` (relative, `/`-separated), or `nil`
    /// when the check does not run there.
    public func severity(forPath path: String) -> Severity? {
        var result: Severity?
        for setting in files where (try? Glob(setting.path))?.matchesPathOrParent(path) ?? false {
            result = Severity(rawValue: setting.severity)
        }
        return result
    }
}

extension ProseCheck.MarkupSettings {
    enum CodingKeys: String, CodingKey {
        case ignoredScopes = "ignored_scopes", skippedScopes = "skipped_scopes", ignoredClasses = "ignored_classes"
        case tokenIgnores = "token_ignores", blockIgnores = "block_ignores"
    }
}

extension ProseCheck {
    /// A decoding error as one line: the key path and what was wrong.
    static func describe(_ error: Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, _): return "missing key '\(key.stringValue)'"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "'\(path(context))': \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
