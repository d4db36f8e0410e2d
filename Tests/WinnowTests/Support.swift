import Foundation
@testable import Winnow

/// Paths and helpers shared by the tests.
enum Support {
    /// The package's root folder.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func fixture(_ name: String) -> URL {
        root.appendingPathComponent("Tests/WinnowTests/Fixtures").appendingPathComponent(name)
    }

    static func bytes(_ url: URL) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url))
    }

    /// Rules parsed from YAML text, as if read from `test.yml`.
    static func rules(_ yaml: String, file: String = "test.yml", files: [String: String] = [:]) throws(RuleLoadError) -> [Rule] {
        let parser = RuleFileParser(file: file) { files[$0].map { Array($0.utf8) } }
        return try parser.parse(Array(yaml.utf8))
    }

    /// The findings of the rules in `yaml` (no built-in pack) on `text`.
    static func scan(_ text: String, _ yaml: String) throws -> ScanResult {
        Scanner(ruleSet: try RuleSet(rules: try rules(yaml))).scan(Document(name: "doc", bytes: Array(text.utf8)))
    }

    /// The check report of the rules in `yaml` (no built-in pack) on one document.
    static func report(_ bytes: [UInt8], _ yaml: String, path: String = "doc.txt") throws -> CheckReport {
        let ruleSet = try RuleSet(rules: try rules(yaml))
        let document = Document(name: path, bytes: bytes)
        let result = Scanner(ruleSet: ruleSet).scan(document)
        return CheckReport(rules: ruleSet.rules, files: [FileReport(document: document, findings: result.findings)],
                           notices: result.limitHits.map(Notice.resourceLimit))
    }

    /// `line:column-endLine:endColumn rule` for each finding, for compact exact assertions.
    static func spans(_ findings: [Finding]) -> [String] {
        findings.map { "\($0.line):\($0.column)-\($0.endLine):\($0.endColumn) \($0.ruleID)" }
    }

    /// Clean text of `text` under the rules in `yaml`.
    static func clean(_ text: String, _ yaml: String) throws -> String {
        let document = Document(name: "doc", bytes: Array(text.utf8))
        let result = Scanner(ruleSet: try RuleSet(rules: try rules(yaml))).scan(document)
        return String(decoding: Cleaner.clean(document, findings: result.findings).bytes, as: UTF8.self)
    }
}
