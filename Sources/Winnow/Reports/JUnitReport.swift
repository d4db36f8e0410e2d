/// `check --format junit`: JUnit XML, as Jenkins, GitLab and Azure Pipelines
/// read test reports (the Apache Ant JUnit task's format).
///
/// ```xml
/// <?xml version="1.0" encoding="UTF-8"?>
/// <testsuites name="winnow" tests="2" failures="1" errors="0" skipped="0">
///   <testsuite name="winnow check" tests="2" failures="1" errors="0" skipped="0">
///     <testcase classname="winnow" name="notes.txt">
///       <failure type="warning" message="2:1: Read-more link: Read more [read-more-link]">notes.txt:2:1: warning: Read-more link: Read more [read-more-link]</failure>
///     </testcase>
///     <testcase classname="winnow" name="clean.txt"/>
///   </testsuite>
/// </testsuites>
/// ```
///
/// One `testcase` a file, in path order, with one `failure` a finding (type:
/// the severity; message: `line:column: message [rule-id]`; text: the text
/// report's first line). A file skipped as binary has `skipped`; an error
/// notice (an unreadable file, a rule that hit a resource limit) is an
/// `error` in its file's test case, which is added for a file that was not
/// scanned; a warning notice (invalid UTF-8) goes to the test case's
/// `system-err`. `tests` counts test cases; `failures`, `errors` and
/// `skipped` count test cases with at least one of each. Text that XML 1.0
/// cannot hold (control characters other than tab, LF and CR) is written as U+FFFD.
public enum JUnitReport {
    /// The `junit` format: the XML document, ending with a newline. A
    /// file's part is its `failure` elements; its notices are added when the
    /// report is written.
    public struct Formatter: ReportFormatter {
        public init() {}

        public func part(of file: FileReport) -> [UInt8] {
            var body = ""
            for finding in file.findings.map(\.finding) {
                let message = "\(finding.line):\(finding.column): \(finding.message) [\(finding.ruleID)]"
                body += "      <failure type=\"\(finding.severity.rawValue)\" message=\"\(JUnitReport.escaped(message))\">"
                    + JUnitReport.escaped(TextReport.line(for: finding)) + "</failure>\n"
            }
            return Array(body.utf8)
        }

        /// Reads the parts twice when there are notices: the totals at the
        /// top count the paths that only notices name as test cases of their own.
        public func write(parts: some ReportParts, notices: [Notice],
                          totals: ReportTotals, to output: ([UInt8]) throws -> Void) throws {
            let noticed = Dictionary(grouping: notices, by: \.path)
            var scanned = Set<String>()
            if !noticed.isEmpty {
                try parts.forEach { path, _ in if noticed[path] != nil { scanned.insert(path) } }
            }
            // A notice goes to the first test case of its path, or makes one.
            let unscanned = noticed.keys.filter { !scanned.contains($0) }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            let cases = totals.files + unscanned.count
            let errors = noticed.values.count(where: { $0.contains { $0.severity == .error } })
            let skipped = noticed.values.count(where: { $0.contains { $0.kind == .skippedBinary } })
            let counts = "tests=\"\(cases)\" failures=\"\(totals.filesWithFindings)\" errors=\"\(errors)\" skipped=\"\(skipped)\""
            try output(Array(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<testsuites name=\"\(WinnowTool.name)\" \(counts)>\n"
                + "  <testsuite name=\"\(WinnowTool.name) check\" \(counts)>\n").utf8))
            var next = 0, attached = Set<String>()
            try parts.forEach { path, failures in
                while next < unscanned.count, unscanned[next].utf8.lexicographicallyPrecedes(path.utf8) {
                    try output(testCase(path: unscanned[next], failures: [], notices: noticed[unscanned[next]]!))
                    next += 1
                }
                let notices = attached.insert(path).inserted ? noticed[path] ?? [] : []
                try output(testCase(path: path, failures: failures, notices: notices))
            }
            for path in unscanned[next...] { try output(testCase(path: path, failures: [], notices: noticed[path]!)) }
            try output(Array("  </testsuite>\n</testsuites>\n".utf8))
        }

        /// One `testcase`: the failures, then the error notices, the skip and
        /// the warning notices; an empty element when there is none.
        private func testCase(path: String, failures: [UInt8], notices: [Notice]) -> [UInt8] {
            var body = ""
            for notice in notices where notice.severity == .error {
                body += "      <error type=\"\(notice.kind.rawValue)\" message=\"\(JUnitReport.escaped(notice.message))\">"
                    + JUnitReport.escaped(TextReport.line(for: notice)) + "</error>\n"
            }
            if let skip = notices.first(where: { $0.kind == .skippedBinary }) {
                body += "      <skipped message=\"\(JUnitReport.escaped(skip.message))\"/>\n"
            }
            let warnings = notices.filter { $0.severity == .warning }
            if !warnings.isEmpty {
                body += "      <system-err>" + warnings.map { JUnitReport.escaped(TextReport.line(for: $0)) + "\n" }.joined() + "</system-err>\n"
            }
            let open = Array("    <testcase classname=\"\(WinnowTool.name)\" name=\"\(JUnitReport.escaped(path))\"".utf8)
            if failures.isEmpty, body.isEmpty { return open + Array("/>\n".utf8) }
            return open + Array(">\n".utf8) + failures + Array((body + "    </testcase>\n").utf8)
        }
    }

    /// `text` for an XML attribute or element: markup characters as entity or
    /// character references (line breaks too, so attributes keep them), and
    /// characters outside XML 1.0's `Char` production as U+FFFD.
    static func escaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\n": result += "&#10;"
            case "\r": result += "&#13;"
            case "\t": result += "&#9;"
            default:
                let value = scalar.value
                let allowed = value >= 0x20 && !(0xFFFE...0xFFFF).contains(value)
                result.unicodeScalars.append(allowed ? scalar : "\u{FFFD}")
            }
        }
        return result
    }
}
