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
    /// The XML document, ending with a newline.
    public static func render(_ report: CheckReport) -> [UInt8] {
        var cases = report.files.map { TestCase(path: $0.path, findings: $0.findings.map(\.finding), notices: []) }
        for notice in report.notices {
            if let index = cases.firstIndex(where: { $0.path == notice.path }) {
                cases[index].notices.append(notice)
            } else {
                cases.append(TestCase(path: notice.path, findings: [], notices: [notice]))
            }
        }
        cases.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        let totals = "tests=\"\(cases.count)\" failures=\"\(cases.count(where: { !$0.findings.isEmpty }))\" "
            + "errors=\"\(cases.count(where: { $0.has(.error) }))\" skipped=\"\(cases.count(where: \.isSkipped))\""
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"\(WinnowTool.name)\" \(totals)>\n"
        xml += "  <testsuite name=\"\(WinnowTool.name) check\" \(totals)>\n"
        for testCase in cases { xml += testCase.xml }
        xml += "  </testsuite>\n</testsuites>\n"
        return Array(xml.utf8)
    }

    private struct TestCase {
        let path: String
        let findings: [Finding]
        var notices: [Notice]

        var isSkipped: Bool { notices.contains { $0.kind == .skippedBinary } }

        func has(_ severity: Severity) -> Bool {
            notices.contains { $0.severity == severity }
        }

        var xml: String {
            var body = ""
            for finding in findings {
                let message = "\(finding.line):\(finding.column): \(finding.message) [\(finding.ruleID)]"
                body += "      <failure type=\"\(finding.severity.rawValue)\" message=\"\(escaped(message))\">"
                    + escaped(TextReport.line(for: finding)) + "</failure>\n"
            }
            for notice in notices where notice.severity == .error {
                body += "      <error type=\"\(notice.kind.rawValue)\" message=\"\(escaped(notice.message))\">"
                    + escaped(TextReport.line(for: notice)) + "</error>\n"
            }
            if let skip = notices.first(where: { $0.kind == .skippedBinary }) {
                body += "      <skipped message=\"\(escaped(skip.message))\"/>\n"
            }
            let warnings = notices.filter { $0.severity == .warning }
            if !warnings.isEmpty {
                body += "      <system-err>" + warnings.map { escaped(TextReport.line(for: $0)) + "\n" }.joined() + "</system-err>\n"
            }
            let open = "    <testcase classname=\"\(WinnowTool.name)\" name=\"\(escaped(path))\""
            return body.isEmpty ? open + "/>\n" : open + ">\n" + body + "    </testcase>\n"
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
