import Foundation
import Testing
@testable import Winnow

@Suite struct ConfigurationTests {
    private func withFile(_ text: String, _ body: (String) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-config-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/.winnow.yml"
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        try body(file)
    }

    private func error(_ text: String) throws -> String? {
        var message: String?
        try withFile(text) { file in
            do throws(RuleLoadError) {
                _ = try Configuration.load(file: file)
            } catch {
                message = error.description.replacingOccurrences(of: file, with: "CONFIG")
            }
        }
        return message
    }

    @Test func everyKeyIsRead() throws {
        try withFile("""
            rules: [default, rules/house.yml]
            include: ["content/**/*.md"]
            exclude: "**/drafts/**"
            fail_on: error
            overrides:
              - paths: ["news/**"]
                disable: [teaser-line]
                severity: { cookie-notice: info }
            """) { file in
            let folder = (file as NSString).deletingLastPathComponent
            let configuration = try Configuration.load(file: file)
            #expect(configuration.folder == folder)
            #expect(configuration.rulePaths == [folder + "/rules/house.yml"])
            #expect(configuration.includesBuiltinPack)
            #expect(configuration.include.map(\.pattern) == ["content/**/*.md"])
            #expect(configuration.exclude.map(\.pattern) == ["**/drafts/**"])
            #expect(configuration.failOn == .error)
            #expect(configuration.selects(folder + "/content/a/b.md"))
            #expect(!configuration.selects(folder + "/content/drafts/b.md"))
            #expect(!configuration.selects(folder + "/notes.txt"))
            #expect(configuration.selects("/elsewhere/notes.txt"))
            #expect(configuration.overrideIndices(for: folder + "/news/x.md") == [0])
            #expect(configuration.overrideIndices(for: folder + "/content/x.md") == [])

            let ruleSet = try RuleSet.load(paths: [])
            try configuration.validate(against: ruleSet)
            let news = configuration.applying(overrides: [0], to: ruleSet)
            #expect(news.rules.map(\.id) == BuiltinPackTests.defaultIDs.filter { $0 != "teaser-line" })
            #expect(news.rules.map(\.severity) == [.info] + Array(repeating: .warning, count: BuiltinPackTests.defaultIDs.count - 2))
        }
    }

    @Test func packNamesStayNamesAndDotSlashIsAPath() throws {
        try withFile("rules: [corpus, ./corpus, house.yml]\n") { file in
            let folder = (file as NSString).deletingLastPathComponent
            let configuration = try Configuration.load(file: file)
            #expect(configuration.rulePaths == ["corpus", folder + "/./corpus", folder + "/house.yml"])
            #expect(!configuration.includesBuiltinPack)
        }
    }

    @Test func rulesWithoutDefaultDropTheBuiltInPack() throws {
        try withFile("rules: [house.yml]\n") { file in
            let configuration = try Configuration.load(file: file)
            #expect(!configuration.includesBuiltinPack)
        }
        try withFile("") { file in
            let configuration = try Configuration.load(file: file)
            #expect(configuration.includesBuiltinPack && configuration.rulePaths.isEmpty && configuration.failOn == nil)
        }
    }

    @Test func errorsNameFileLineAndCause() throws {
        #expect(try error("fail-on: error\n") == "CONFIG:1:1: unknown key 'fail-on' in the configuration (did you mean 'fail_on'?)")
        #expect(try error("fail_on: sometimes\n") == "CONFIG:1:10: bad fail_on 'sometimes' (allowed: info, warning, error, never)")
        #expect(try error("include: ['[z-a].md']\n") ==
            "CONFIG:1:11: bad glob '[z-a].md': range out of order in character class")
        #expect(try error("overrides:\n  - disable: [x]\n") == "CONFIG:2:5: an override needs 'paths'")
        #expect(try error("overrides:\n  - paths: [a]\n    severity: {x: loud}\n") ==
            "CONFIG:3:19: bad severity 'loud' (allowed: info, warning, error)")
        #expect(try error("overrides: {paths: [a]}\n") == "CONFIG:1:12: 'overrides' must be a list")
        #expect(try error("rules: [default\n") == "CONFIG:2:1: YAML: did not find expected ',' or ']' (while parsing a flow sequence that begins at 1:8)")
    }

    @Test func overridesMustNameLoadedRules() throws {
        try withFile("overrides:\n  - paths: [a]\n    disable: [teaser-lines]\n") { file in
            let configuration = try Configuration.load(file: file)
            let ruleSet = try RuleSet.load(paths: [])
            #expect(throws: RuleLoadError(file: file, line: 3, column: 15,
                                          message: "override names unknown rule 'teaser-lines' (did you mean 'teaser-line'?)")) {
                try configuration.validate(against: ruleSet)
            }
        }
    }

    @Test func discoveryWalksUp() throws {
        try withFile("") { file in
            let folder = (file as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(atPath: folder + "/a/b", withIntermediateDirectories: true)
            #expect(Configuration.discover(from: folder + "/a/b") == "../../.winnow.yml")
            #expect(Configuration.discover(from: folder) == ".winnow.yml")
        }
    }
}
