import Foundation
import Testing
@testable import Winnow

@Suite struct BuiltinPackTests {
    /// The rules of the `default` pack, in load order.
    static let defaultIDs = [
        "cookie-notice", "read-more-link", "share-bar", "newsletter-signup", "paywall-prompt", "advertisement-label",
        "copyright-line", "footer-links", "comment-form", "teaser-line", "truncated-body",
    ]
    /// The rules `corpus` adds to `default`, in load order.
    static let corpusIDs = [
        "javascript-line", "policy-line", "affiliate-disclosure", "timestamp-line", "link-list-heading", "site-repeated-line",
        "outside-main-content",
    ]

    @Test func everyExampleOfThePackPasses() throws {
        let ruleSet = try RuleSet.load(paths: ["corpus"], includeBuiltin: false)
        #expect(ruleSet.rules.map(\.id) == Self.defaultIDs + Self.corpusIDs)
        #expect(ExampleRunner.failures(in: ruleSet) == [])
        for rule in ruleSet.rules {
            // A `min_repeats` rule cannot hit a lone example, so it has `no_match` ones only.
            #expect(rule.conditions.minRepeats != nil || !rule.examples.match.isEmpty, "rule \(rule.id) needs match examples")
            #expect(!rule.examples.noMatch.isEmpty, "rule \(rule.id) needs no_match examples")
        }
    }

    @Test func packNamesSelectPacksAndFilesLoadOnce() throws {
        #expect(try RuleSet.load(paths: []).rules.map(\.id) == Self.defaultIDs)
        #expect(try RuleSet.load(paths: ["default"], includeBuiltin: false).rules.map(\.id) == Self.defaultIDs)
        // default.yml is part of corpus: naming both loads it once, in the first place.
        #expect(try RuleSet.load(paths: ["corpus", "default"]).rules.map(\.id) == Self.defaultIDs + Self.corpusIDs)
        #expect(try RuleSet.load(paths: ["corpus"]).rules.map(\.origin.file).suffix(1) == ["builtin:corpus.yml"])
    }

    @Test func aPathSpelledWithAFolderIsNotAPack() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-pack-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("corpus"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("""
            rules:
              - id: local-rule
                match: {keywords: [boilerplate]}
            """.utf8).write(to: folder.appendingPathComponent("corpus/local.yml"))
        let local = try RuleSet.load(paths: [folder.path + "/./corpus"], includeBuiltin: false)
        #expect(local.rules.map(\.id) == ["local-rule"])
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
