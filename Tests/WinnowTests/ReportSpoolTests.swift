import Foundation
import Testing
@testable import Winnow

/// ``ReportSpool`` gives its entries back as one stable sort by key would,
/// whether they stayed in memory or went to runs on disk, and
/// ``ReportWriter`` writes, from spilled parts, the bytes of the report rendered in memory.
@Suite struct ReportSpoolTests {
    private func entries(_ spool: ReportSpool) throws -> [String] {
        var out: [String] = []
        try spool.forEach { key, value in out.append(key + "=" + String(decoding: value, as: UTF8.self)) }
        return out
    }

    // Keys in byte order (":10" before ":2"), equal keys in the order added.
    private let added = [("a:2", "first"), ("a:10", "x"), ("b", "1"), ("a:2", "second"), ("A", "upper"), ("a:1", "y"), ("b", "2")]
    private let expected = ["A=upper", "a:1=y", "a:10=x", "a:2=first", "a:2=second", "b=1", "b=2"]

    @Test(arguments: [0, 150, 1 << 20])
    func givesEntriesInStableKeyOrder(memoryLimit: Int) throws {
        // 0: every entry is a run of its own; 150: two runs of three entries and one left in memory; 1 MiB: all in memory.
        let spool = ReportSpool(memoryLimit: memoryLimit)
        for (key, value) in added { try spool.add(Array(value.utf8), key: key) }
        #expect(try entries(spool) == expected)
        #expect(try entries(spool) == expected)  // a second reading gives the same
    }

    @Test func keepsValuesLargerThanItsReadBuffer() throws {
        let spool = ReportSpool(memoryLimit: 0)
        let large = (0..<200_000).map { UInt8($0 % 251) }
        try spool.add(large, key: "z")
        try spool.add([], key: "y")
        try spool.add([7], key: "z")
        var out: [(String, [UInt8])] = []
        try spool.forEach { out.append(($0, $1)) }
        #expect(out.map(\.0) == ["y", "z", "z"])
        #expect(out.map(\.1) == [[], large, [7]])
    }

    @Test func aFolderThatCannotHoldTheFileIsAnError() throws {
        let spool = ReportSpool(memoryLimit: 0, directory: "/nonexistent-winnow-folder")
        #expect(throws: InputError(path: "/nonexistent-winnow-folder",
                                   message: "cannot create a temporary file of the report: No such file or directory")) {
            try spool.add([1], key: "a")
        }
    }

    /// The records of Fixtures/reports/records.jsonl as ``JSONLPipeline``
    /// names them, each with its findings under the built-in pack.
    private func corpus() throws -> (rules: [Rule], files: [FileReport]) {
        let ruleSet = try RuleSet.load(paths: [])
        let scanner = Scanner(ruleSet: ruleSet)
        let lines = String(decoding: try Support.bytes(Support.fixture("reports/records.jsonl")), as: UTF8.self).split(separator: "\n")
        var files: [FileReport] = []
        for (index, line) in lines.enumerated() {
            guard let text = (try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["text"] as? String else { continue }
            let document = Document(name: "records.jsonl:\(index + 1)", bytes: Array(text.utf8))
            files.append(FileReport(document: document, findings: scanner.scan(document).findings))
        }
        return (ruleSet.rules, files)
    }

    // A file without findings, notices on scanned paths and on paths of their own.
    private let notices = [
        Notice.malformedRecord(path: "records.jsonl", line: 6, reason: "no text"),
        Notice.skippedBinary(path: "records.jsonl:3", nulOffset: 1),
        Notice.invalidUTF8(path: "zz.txt", line: 1, offset: 4),
        Notice.fileError(InputError(path: "a.txt", message: "cannot read")),
    ]

    private func formatter(_ format: String, rules: [Rule]) -> any ReportFormatter {
        switch format {
        case "text": TextReport.Formatter(colour: false)
        case "text-colour": TextReport.Formatter(colour: true)
        case "json": JSONReport.DocumentFormatter()
        case "jsonl": JSONReport.LinesFormatter()
        case "sarif": SARIFReport.Formatter(rules: rules, root: "/repo")
        case "junit": JUnitReport.Formatter()
        default: GitHubAnnotations.Formatter(root: "/repo")
        }
    }

    @Test(arguments: ["text", "text-colour", "json", "jsonl", "sarif", "junit", "github"])
    func spilledReportIsTheReportInMemory(format: String) throws {
        let (rules, files) = try corpus()
        #expect(files.count == 12)
        let formatter = formatter(format, rules: rules)
        let baseline = Baseline(entries: Array(Baseline.entries(of: files[0], root: "/repo").prefix(1)))
        for accepted in [nil, baseline] {
            var report = CheckReport(rules: rules, files: files, notices: notices)
            if let accepted { report = report.excluding(accepted, root: "/repo") }
            let writer = ReportWriter(formatter: formatter, baseline: accepted, root: "/repo", spool: ReportSpool(memoryLimit: 512))
            for file in files { try writer.add(file) }
            var written: [UInt8] = []
            try writer.finish(notices: notices) { written += $0 }
            #expect(written == formatter.render(report))
            #expect(writer.totals == report.totals)
            #expect(writer.totals.baselined == (accepted == nil ? 0 : 1))
        }
    }
}
