/// Something a run has to say about an input or a rule that is not a
/// finding: a file skipped as binary, invalid UTF-8, an input that could not
/// be read, a rule that stopped on a regex resource limit.
///
/// Every report format carries the notices (SARIF puts them in
/// `invocations[].toolExecutionNotifications`, SARIF 2.1.0 §3.20.21); the
/// command line also prints each one to standard error as it happens.
public struct Notice: Sendable, Equatable {
    /// A stable, dotted identifier of the kind of notice.
    public enum Kind: String, Sendable, CaseIterable {
        /// A NUL byte in the first 8 KiB: the file was not scanned.
        case skippedBinary = "file.skipped-binary"
        /// Not valid UTF-8: the file was scanned as is and every byte kept.
        case invalidUTF8 = "file.invalid-utf8"
        /// A path that does not exist, a file that cannot be read or written.
        case fileError = "file.error"
        /// A rule's pattern stopped on a PCRE2 resource limit: its result is unknown.
        case resourceLimit = "rule.resource-limit"
        /// A line longer than a segment (16 MiB): passed through unmatched.
        case longLine = "file.long-line"
        /// An input longer than a segment: its document-scope rules were not applied.
        case documentRulesSkipped = "file.document-rules-skipped"
        /// A JSONL line that is not a JSON object with a string text field: not scanned.
        case malformedRecord = "record.malformed"
        /// A JSONL record without the `--id-field` as a string or number: named `PATH:LINE`.
        case missingID = "record.missing-id"
    }

    public let kind: Kind
    /// `error` notices make the run fail with exit code 2.
    public let severity: Severity
    /// The file's name as in reports.
    public let path: String
    /// 1-based line the notice is about, when it is about one line.
    public let line: Int?
    /// The rule the notice is about (``Kind/resourceLimit`` only).
    public let ruleID: String?
    /// One line of text, without the path or severity.
    public let message: String

    /// A notice of any kind; the static functions below build the ones Winnow raises.
    public init(kind: Kind, severity: Severity, path: String, line: Int? = nil, ruleID: String? = nil, message: String) {
        self.kind = kind
        self.severity = severity
        self.path = path
        self.line = line
        self.ruleID = ruleID
        self.message = message
    }

    /// A file skipped as binary; `offset` is the 0-based offset of its first NUL byte.
    public static func skippedBinary(path: String, nulOffset offset: Int) -> Notice {
        Notice(kind: .skippedBinary, severity: .info, path: path, message: "skipped binary file (NUL byte at offset \(offset))")
    }

    /// A file that is not valid UTF-8; `offset` is the 0-based offset of its
    /// first bad byte, on the 1-based line `line`.
    public static func invalidUTF8(path: String, line: Int, offset: Int) -> Notice {
        Notice(kind: .invalidUTF8, severity: .warning, path: path, line: line,
               message: "invalid UTF-8 (first bad byte at byte offset \(offset) of the file); matched as is, every byte kept")
    }

    /// A JSON Lines record (1-based `line`) whose text is not valid UTF-8;
    /// `offset` is the 0-based offset of the first bad byte in the decoded text.
    public static func invalidUTF8(path: String, record line: Int, offset: Int) -> Notice {
        Notice(kind: .invalidUTF8, severity: .warning, path: path, line: line,
               message: "invalid UTF-8 in the record's text (first bad byte at byte offset \(offset) of the text); matched as is, every byte kept")
    }

    /// An input that could not be processed.
    public static func fileError(_ error: InputError) -> Notice {
        Notice(kind: .fileError, severity: .error, path: error.path, message: error.message)
    }

    /// A line too long to match, kept as it is.
    public static func longLine(path: String, line: Int) -> Notice {
        Notice(kind: .longLine, severity: .warning, path: path, line: line,
               message: "line longer than 16 MiB: not matched, kept as is")
    }

    /// An input cleaned in segments, whose document-scope rules were not applied.
    public static func documentRulesSkipped(path: String, ruleIDs: [String]) -> Notice {
        Notice(kind: .documentRulesSkipped, severity: .warning, path: path,
               message: "input longer than 16 MiB: document-scope rules not applied: \(ruleIDs.joined(separator: ", "))")
    }

    /// A JSONL line that could not be read as a record (1-based line).
    public static func malformedRecord(path: String, line: Int, reason: String) -> Notice {
        Notice(kind: .malformedRecord, severity: .error, path: path, line: line, message: "not a JSONL record: \(reason)")
    }

    /// The first JSONL record of an input (1-based line) without `field`
    /// as a string or number, so that it is named `PATH:LINE`.
    public static func missingID(path: String, line: Int, field: String) -> Notice {
        Notice(kind: .missingID, severity: .warning, path: path, line: line,
               message: "no string or number field '\(field)' to name the record; named \(path):\(line) "
                   + "(only the first such record is reported)")
    }

    /// A rule that stopped on a resource limit, at the first line where it did.
    public static func resourceLimit(_ hit: LimitHit) -> Notice {
        Notice(kind: .resourceLimit, severity: .error, path: hit.path, line: hit.line, ruleID: hit.ruleID,
               message: "rule '\(hit.ruleID)' stopped on a regex resource limit (\(hit.error)); "
                   + "the line is kept and the rule goes on with the next line")
    }
}
