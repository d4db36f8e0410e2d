import Foundation
import Testing
@testable import Winnow

@Suite struct BuiltinPackTests {
    @Test func everyExampleOfThePackPasses() throws {
        let ruleSet = try RuleSet.load(paths: [])
        #expect(ruleSet.rules.map(\.id) == ["cookie-notice", "read-more-link", "teaser-line", "truncated-body"])
        #expect(ExampleRunner.failures(in: ruleSet) == [])
        for rule in ruleSet.rules {
            #expect(!rule.examples.match.isEmpty && !rule.examples.noMatch.isEmpty, "rule \(rule.id) needs both kinds of example")
        }
    }

    @Test func embeddedFilesAreExactlyTheRulesFolder() throws {
        let folder = Support.root.appendingPathComponent("rules")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names == BuiltinPack.files.keys.sorted())
        for name in names {
            #expect(BuiltinPack.files[name] == (try Support.bytes(folder.appendingPathComponent(name))))
        }
    }

    @Test func seedArticleFindingsAndCleanText() throws {
        let bytes = try Support.bytes(Support.root.appendingPathComponent("samples/input/000_b65178fd440193c6.txt"))
        let document = Document(name: "seed", bytes: bytes)
        let findings = Scanner(ruleSet: try RuleSet.load(paths: [])).scan(document).findings
        #expect(findings.map { "\($0.line) \($0.ruleID) \($0.action.rawValue)" } == [
            "3 truncated-body flag",
            "4 teaser-line strip-line", "5 teaser-line strip-line", "6 teaser-line strip-line",
            "7 teaser-line strip-line", "8 teaser-line strip-line", "9 teaser-line strip-line",
            "10 cookie-notice strip-line", "11 read-more-link strip-line",
        ])
        let expected = try Support.bytes(Support.root.appendingPathComponent("samples/expected/000_b65178fd440193c6.txt"))
        #expect(Cleaner.clean(document, findings: findings).bytes == expected)
    }
}
