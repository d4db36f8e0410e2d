/// One hit of one rule in one document (SPEC section 3).
///
/// Positions: `line` and `column` are 1-based; columns count Unicode scalars
/// from the start of the line (a byte order mark is not part of line 1, an
/// invalid byte counts as one scalar); `endColumn` is exclusive, as in SARIF.
/// `byteOffset` is 0-based in the document's original bytes.
public struct Finding: Sendable, Equatable {
    /// The document's name: a path as given, or `<stdin>`.
    public let path: String
    public let line: Int
    public let column: Int
    public let endLine: Int
    public let endColumn: Int
    public let byteOffset: Int
    public let byteLength: Int
    public let ruleID: String
    public let category: Rule.Category
    public let severity: Severity
    public let action: RuleAction
    /// The rule's message template filled in (see ``Template``).
    public let message: String
    /// The matched text (invalid UTF-8 shown as U+FFFD).
    public let matchedText: String
    /// For `action: replace`, the text that takes the match's place.
    public let replacement: String?
    /// 1-based first and last line of the block (paragraph) the match starts
    /// in, as its rule saw the text; what `strip-block` removes.
    public let block: ClosedRange<Int>

    public init(
        path: String, line: Int, column: Int, endLine: Int, endColumn: Int, byteOffset: Int, byteLength: Int,
        ruleID: String, category: Rule.Category, severity: Severity, action: RuleAction, message: String,
        matchedText: String, replacement: String? = nil, block: ClosedRange<Int>
    ) {
        self.path = path
        self.line = line
        self.column = column
        self.endLine = endLine
        self.endColumn = endColumn
        self.byteOffset = byteOffset
        self.byteLength = byteLength
        self.ruleID = ruleID
        self.category = category
        self.severity = severity
        self.action = action
        self.message = message
        self.matchedText = matchedText
        self.replacement = replacement
        self.block = block
    }

    /// The same finding `lines` lines and `bytes` bytes further into its
    /// input (for a finding made in a segment of a larger input).
    public func shifted(lines: Int, bytes: Int) -> Finding {
        Finding(path: path, line: line + lines, column: column, endLine: endLine + lines, endColumn: endColumn,
                byteOffset: byteOffset + bytes, byteLength: byteLength, ruleID: ruleID, category: category,
                severity: severity, action: action, message: message, matchedText: matchedText,
                replacement: replacement, block: (block.lowerBound + lines)...(block.upperBound + lines))
    }

    /// The report order: path, line, column, rule id, then end, so that output
    /// is the same whatever the order rules were evaluated in.
    public static func reportOrder(_ lhs: Finding, _ rhs: Finding) -> Bool {
        (lhs.path, lhs.line, lhs.column, lhs.ruleID, lhs.endLine, lhs.endColumn)
            < (rhs.path, rhs.line, rhs.column, rhs.ruleID, rhs.endLine, rhs.endColumn)
    }
}

/// A rule whose pattern stopped on a PCRE2 resource limit in a document.
/// The line is kept as if the rule had not matched there; later lines are
/// still matched. Reported once per rule and document, at its first line.
public struct LimitHit: Sendable, Equatable {
    public let path: String
    public let ruleID: String
    /// 1-based line of the first limit hit of this rule in the document.
    public let line: Int
    public let error: MatchError

    /// The same hit `lines` lines further into its input.
    public func shifted(lines: Int) -> LimitHit {
        LimitHit(path: path, ruleID: ruleID, line: line + lines, error: error)
    }
}
