import Foundation
import Testing
@testable import Winnow

/// The Vale bridge: `.vale.ini` errors, warnings for what Vale ignores in
/// silence, the `prose` rule key and `--format vale-line`.
@Suite struct ValeBridgeTests {
    /// A folder holding `files` (path → content), for one test.
    static func project(_ files: [String: String]) throws -> URL {
        let folder = try WinnowProcess.temporaryFolder()
        for (path, content) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(content.utf8).write(to: url)
        }
        return folder
    }

    static func check(_ files: [String: String], _ arguments: [String] = ["test.md"]) throws -> WinnowProcess.Outcome {
        let folder = try project(files)
        defer { try? FileManager.default.removeItem(at: folder) }
        return try WinnowProcess.run(["check", "--vale-config", ".vale.ini", "--format", "vale-line"] + arguments, in: folder)
    }

    static let weasel = """
        extends: existence
        message: "'%s' is a weasel word!"
        level: error
        ignorecase: true
        tokens:
          - very
        """

    @Test func findsAndPrintsAsVale() throws {
        let outcome = try Self.check([".vale.ini": "StylesPath = styles\n[*]\nBasedOnStyles = Demo\n",
                                      "styles/Demo/Weasel.yml": Self.weasel, "test.md": "# Title\n\nIt is Very good, `very`.\n"])
        #expect(outcome.stdout == "test.md:3:7:Demo.Weasel:'Very' is a weasel word!\n")
        #expect(outcome.status == 1)
    }

    @Test func aMalformedLineIsAnErrorWithItsPlace() throws {
        let outcome = try Self.check([".vale.ini": "StylesPath = styles\n[*]\nBasedOnStyles\n", "test.md": "x\n"])
        #expect(outcome.stderr == ".vale.ini:3: error: expected 'key = value', '[section]' or a comment, found 'BasedOnStyles'\n")
        #expect(outcome.status == 2)
    }

    @Test func aStyleWithoutStylesPathIsAnError() throws {
        let outcome = try Self.check([".vale.ini": "[*]\nBasedOnStyles = Demo\n", "test.md": "x\n"])
        #expect(outcome.stderr == ".vale.ini: error: style 'Demo' is named but StylesPath is not set\n")
        #expect(outcome.status == 2)
    }

    @Test func anUnknownKindIsAnErrorAndAnUnsupportedOneAWarning() throws {
        let unknown = try Self.check([".vale.ini": "StylesPath = styles\n[*]\nBasedOnStyles = Demo\n",
                                      "styles/Demo/Odd.yml": "message: x\nextends: oddity\n", "test.md": "x\n"])
        #expect(unknown.stderr == "styles/Demo/Odd.yml:2: error: Vale rule 'Demo.Odd': unknown kind 'oddity'\n")
        #expect(unknown.status == 2)
        let unsupported = try Self.check([".vale.ini": "StylesPath = styles\n[*]\nBasedOnStyles = Demo\n",
                                          "styles/Demo/Read.yml": "message: x\nextends: readability\n", "test.md": "x\n"])
        #expect(unsupported.stderr == "styles/Demo/Read.yml:2: warning: Vale rule 'Demo.Read': kind 'readability' is not supported; the rule is skipped\n"
            + "winnow: warning: no rules to run; every input passes\n")
        #expect(unsupported.status == 0)
    }

    @Test func warnsWhereValeIgnoresInSilence() throws {
        let outcome = try Self.check([
            ".vale.ini": "StylesPath = styles\n[*]\nBasedOnStyles = Demo\n",
            "styles/Demo/Ending.yml": "extends: existence\nmessage: '%s'\ntokens:\n  - of.\n",
            "styles/Demo/Skipped.yaml": Self.weasel, "test.md": "A sentence of. Very.\n",
        ])
        #expect(outcome.stdout == "")
        #expect(outcome.stderr == """
            styles/Demo/Skipped.yaml: warning: not loaded: Vale reads only .yml rule files; rename it to .yml
            styles/Demo/Ending.yml:4: warning: Vale rule 'Demo.Ending': token 'of.' ends in a non-word character before a word \
            boundary, so it matches only right before a letter or digit (Vale reports nothing)

            """)
    }

    @Test func commentsSwitchChecks() throws {
        let text = "<!-- vale off -->\n\nvery\n\n<!-- vale on -->\n\nvery\n\n<!-- vale Demo.Weasel = NO -->\n\nvery\n"
        let outcome = try Self.check([".vale.ini": "StylesPath = styles\n[*]\nBasedOnStyles = Demo\n",
                                      "styles/Demo/Weasel.yml": Self.weasel, "test.md": text])
        #expect(outcome.stdout == "test.md:7:1:Demo.Weasel:'very' is a weasel word!\n")
    }

    @Test func theProseKeyLoadsBackToTheSameCheck() throws {
        var check = ProseCheck(name: "Demo.Weasel", kind: .existence, message: "'%s' is a weasel word!", scope: ["text"],
                               files: [.init(path: "*.md", severity: "error")])
        check.tokens = ["very"]
        check.ignorecase = true
        let translated = ValeTranslator.Translated(id: "demo-weasel", style: "Demo", check: check)
        let file = try #require(try ValeImport.files(for: [translated], source: ".vale.ini").first)
        #expect(file.name == "Demo.yml")
        let rules = try Support.rules(file.text)
        #expect(rules.map(\.prose) == [check])
        #expect(rules.map(\.severity) == [.error])
    }

    @Test func aBadProseClauseIsAnError() {
        #expect(throws: RuleLoadError(file: "test.yml", line: 3, column: 12, ruleID: "x",
                                      message: "'prose': missing key 'kind'")) {
            try Support.rules("rules:\n  - id: x\n    prose: {name: A.B, message: m, scope: [text], files: []}\n")
        }
    }

    @Test func fileSettingsDecideTheSeverity() {
        let check = ProseCheck(name: "A.B", kind: .existence, message: "", scope: ["text"],
                               files: [.init(path: "*", severity: "warning"), .init(path: "*.md", severity: "error"),
                                       .init(path: "skip.md", severity: "off")])
        #expect(check.severity(forPath: "a.txt") == .warning)
        #expect(check.severity(forPath: "docs/a.md") == .error)
        #expect(check.severity(forPath: "skip.md") == nil)
    }
}
