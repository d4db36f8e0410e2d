/// `check --format json` and `--format jsonl`: Winnow's own JSON.
///
/// Both formats use the same finding and notice objects, keys sorted:
///
/// - finding: `type` ("finding"), `path`, `line`, `column`, `end_line`,
///   `end_column` (1-based; columns in Unicode scalars, end exclusive, as
///   SARIF's `unicodeCodePoints`), `byte_offset` (0-based, in the file's
///   bytes, byte order mark included), `byte_length`, `rule`, `category`,
///   `severity` (info, warning, error), `action`, `message`, `match` (the
///   matched text, invalid UTF-8 as U+FFFD) and `fingerprint` (``Fingerprint``).
/// - notice: `type` ("notice"), `kind` (``Notice/Kind``), `severity`, `path`,
///   `line` and `rule` when known, `message`.
///
/// `json` is one pretty-printed object: `tool` {`name`, `version`},
/// `column_kind` ("unicodeCodePoints"), `files` (every scanned file, sorted
/// by path: {`path`, `findings`}), `notices` and `summary` {`files`,
/// `files_with_findings`, `errors`, `warnings`, `info`, `skipped` (binary
/// files), `baselined` (findings a baseline left out)}.
/// `jsonl` is one finding or notice a line (JSON Lines): the findings in
/// report order, then the notices.
public enum JSONReport {
    /// The `json` format: one document, ending with a newline. A file's
    /// part is its entry in `files`.
    public struct DocumentFormatter: ReportFormatter {
        public init() {}

        public func part(of file: FileReport) -> [UInt8] {
            JSONOutput.indentation(2)
                + JSONOutput.pretty(FileRecord(path: file.path, findings: file.findings.map(FindingRecord.init)), depth: 2)
        }

        /// The document's keys are written in sorted order, each value as the encoder writes it.
        public func write(parts: some ReportParts, notices: [Notice],
                          totals: ReportTotals, to output: ([UInt8]) throws -> Void) throws {
            try output(Array("{\n  \"column_kind\" : \"unicodeCodePoints\",\n  \"files\" : [".utf8))
            var files = JSONOutput.ArrayWriter(depth: 1)
            try parts.forEach { _, part in try files.element(part, to: output) }
            try files.close(to: output)
            let summary = Summary(
                files: totals.files, filesWithFindings: totals.filesWithFindings, errors: totals.errors,
                warnings: totals.warnings, info: totals.info, skipped: totals.skipped, baselined: totals.baselined)
            try output(Array(",\n  \"notices\" : ".utf8) + JSONOutput.pretty(notices.map(NoticeRecord.init), depth: 1)
                + Array(",\n  \"summary\" : ".utf8) + JSONOutput.pretty(summary, depth: 1)
                + Array(",\n  \"tool\" : ".utf8) + JSONOutput.pretty(Tool(name: WinnowTool.name, version: WinnowTool.version), depth: 1)
                + Array("\n}\n".utf8))
        }
    }

    /// The `jsonl` format: a file's part is its findings, one a line; the
    /// notices follow the last part. Empty when there is nothing to report.
    public struct LinesFormatter: ReportFormatter {
        public init() {}

        public func part(of file: FileReport) -> [UInt8] {
            // Written into scratch memory sized for the worst case, then
            // copied into a part of the exact size: parts wait in memory.
            // The findings are read in place, through pointers: a copy of each would retain its strings.
            file.findings.withUnsafeBufferPointer { findings in
                guard let first = findings.baseAddress else { return [] }
                var capacity = 0
                for index in findings.indices { capacity += FindingRecord.maximumLineLength(first + index) }
                return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
                    var writer = LineWriter(next: buffer.baseAddress!)
                    for index in findings.indices { FindingRecord.writeLine(first + index, with: &writer) }
                    let count = writer.next - buffer.baseAddress!
                    precondition(count <= capacity, "a JSON Lines finding outgrew its room")
                    return Array(UnsafeBufferPointer(rebasing: buffer[..<count]))
                }
            }
        }

        public func write(parts: some ReportParts, notices: [Notice],
                          totals: ReportTotals, to output: ([UInt8]) throws -> Void) throws {
            try parts.forEach { _, part in if !part.isEmpty { try output(part) } }
            for notice in notices { try output(JSONOutput.line(NoticeRecord(notice))) }
        }
    }

    private struct Tool: Encodable {
        let name: String
        let version: String
    }

    private struct FileRecord: Encodable {
        let path: String
        let findings: [FindingRecord]
    }

    private struct Summary: Encodable {
        let files: Int
        let filesWithFindings: Int
        let errors: Int
        let warnings: Int
        let info: Int
        let skipped: Int
        let baselined: Int

        enum CodingKeys: String, CodingKey {
            case files, errors, warnings, info, skipped, baselined
            case filesWithFindings = "files_with_findings"
        }
    }

    private struct FindingRecord: Encodable {
        let type = "finding"
        let path: String
        let line: Int
        let column: Int
        let endLine: Int
        let endColumn: Int
        let byteOffset: Int
        let byteLength: Int
        let rule: String
        let category: String
        let severity: String
        let action: String
        let message: String
        let match: String
        let fingerprint: String

        init(_ reported: ReportedFinding) {
            let finding = reported.finding
            path = finding.path
            line = finding.line
            column = finding.column
            endLine = finding.endLine
            endColumn = finding.endColumn
            byteOffset = finding.byteOffset
            byteLength = finding.byteLength
            rule = finding.ruleID
            category = finding.category.rawValue
            severity = finding.severity.rawValue
            action = finding.action.rawValue
            message = finding.message
            match = finding.matchedText
            fingerprint = reported.fingerprint
        }

        enum CodingKeys: String, CodingKey {
            case type, path, line, column, rule, category, severity, action, message, match, fingerprint
            case endLine = "end_line", endColumn = "end_column", byteOffset = "byte_offset", byteLength = "byte_length"
        }

        /// The most bytes ``writeLine(_:with:)`` writes for `reported`: the
        /// keys with their punctuation take 194, the six numbers at most 20
        /// each, the fingerprint ``Fingerprint/Value/maximumLength``, and the
        /// strings at most ``JSONString/maximumEscapedLength(_:)`` of their bytes.
        static func maximumLineLength(_ reported: UnsafePointer<ReportedFinding>) -> Int {
            let strings = reported.pointee.finding.action.rawValue.utf8.count + reported.pointee.finding.category.rawValue.utf8.count
                + reported.pointee.finding.severity.rawValue.utf8.count
                + reported.pointee.finding.matchedText.utf8.count + reported.pointee.finding.message.utf8.count
                + reported.pointee.finding.path.utf8.count + reported.pointee.finding.ruleID.utf8.count
            return 194 + 6 * 20 + Fingerprint.Value.maximumLength + JSONString.maximumEscapedLength(strings)
        }

        /// Writes the record as one JSON Lines line: the object `JSONOutput.line`
        /// would write (keys sorted, strings escaped as RFC 8259 section 7
        /// asks), without the encoder's per-record cost, since a corpus run
        /// writes one line per finding. Each key is written with the
        /// punctuation before and after it in one piece.
        static func writeLine(_ reported: UnsafePointer<ReportedFinding>, with writer: inout LineWriter) {
            writer.write(#"{"action":""#, reported.pointee.finding.action.rawValue)
            writer.write(#"","byte_length":"#, reported.pointee.finding.byteLength)
            writer.write(#","byte_offset":"#, reported.pointee.finding.byteOffset)
            writer.write(#","category":""#, reported.pointee.finding.category.rawValue)
            writer.write(#"","column":"#, reported.pointee.finding.column)
            writer.write(#","end_column":"#, reported.pointee.finding.endColumn)
            writer.write(#","end_line":"#, reported.pointee.finding.endLine)
            writer.write(#","fingerprint":""#, reported.pointee.fingerprintValue)
            writer.write(#"","line":"#, reported.pointee.finding.line)
            writer.write(#","match":""#, reported.pointee.finding.matchedText)
            writer.write(#"","message":""#, reported.pointee.finding.message)
            writer.write(#"","path":""#, reported.pointee.finding.path)
            writer.write(#"","rule":""#, reported.pointee.finding.ruleID)
            writer.write(#"","severity":""#, reported.pointee.finding.severity.rawValue)
            writer.write("\",\"type\":\"finding\"}\n")
        }
    }

    /// Writes bytes into memory that the caller has made large enough.
    private struct LineWriter {
        /// Where the next byte goes.
        var next: UnsafeMutablePointer<UInt8>

        mutating func write(_ text: StaticString) {
            next.update(from: text.utf8Start, count: text.utf8CodeUnitCount)
            next += text.utf8CodeUnitCount
        }

        /// `prefix`, then `value`'s characters escaped (its quotes are in the prefix and the next key).
        mutating func write(_ prefix: StaticString, _ value: borrowing String) {
            write(prefix)
            // A native string's bytes are read in place; another is copied first.
            if let end = value.utf8.withContiguousStorageIfAvailable({ JSONString.writeEscaped($0, at: next) }) {
                next = end
            } else {
                var copy = copy value
                next = copy.withUTF8 { JSONString.writeEscaped($0, at: next) }
            }
        }

        mutating func write(_ prefix: StaticString, _ value: Fingerprint.Value) {
            write(prefix)
            next = value.write(at: next)
        }

        mutating func write(_ prefix: StaticString, _ value: Int) {
            write(prefix)
            next = DecimalDigits.write(value, at: next)
        }
    }

    private struct NoticeRecord: Encodable {
        let type = "notice"
        let kind: String
        let severity: String
        let path: String
        let line: Int?
        let rule: String?
        let message: String

        init(_ notice: Notice) {
            kind = notice.kind.rawValue
            severity = notice.severity.rawValue
            path = notice.path
            line = notice.line
            rule = notice.ruleID
            message = notice.message
        }
    }
}
