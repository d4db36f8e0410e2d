/// Why a rule file could not be loaded. Its ``description`` is the one line a
/// user sees: `FILE:LINE:COLUMN: rule 'ID': CAUSE`, with the line and column
/// (1-based, column in Unicode scalars) of the YAML node at fault, and the
/// rule part only when the error lies inside a rule.
public struct RuleLoadError: Error, Equatable, CustomStringConvertible {
    /// The rule file's path as given, or `builtin:NAME`.
    public let file: String
    /// 1-based line, or `nil` when the error concerns the whole file.
    public let line: Int?
    public let column: Int?
    /// The id of the rule at fault, when known.
    public let ruleID: String?
    /// The cause, such as PCRE2's message and offset for a bad regex.
    public let message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, ruleID: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.ruleID = ruleID
        self.message = message
    }

    /// `FILE:LINE:COLUMN`, as far as known.
    public var place: String {
        var place = file
        if let line {
            place += ":\(line)"
            if let column { place += ":\(column)" }
        }
        return place
    }

    /// `rule 'ID': MESSAGE`, or the message alone outside a rule.
    public var cause: String {
        (ruleID.map { "rule '\($0)': " } ?? "") + message
    }

    public var description: String { "\(place): \(cause)" }
}
