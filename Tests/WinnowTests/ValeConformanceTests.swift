import Foundation
import Testing

/// Runs every case of the Vale conformance suite (Fixtures/vale, see its
/// README) as Vale's own acceptance tests run Vale, and the same case again
/// through `winnow import vale` and `--rules`, comparing standard output
/// and the exit status exactly.
@Suite struct ValeConformanceTests {
    struct Case: Decodable {
        let id: String
        let command: [String]
    }

    struct Suite: Decodable {
        let cases: [Case]
    }

    /// The cases that differ from Vale, each for a reason given in docs/vale.md.
    static let knownDifferences: Set = ["checks-occurrence", "checks-substitution"]

    static let folder = Support.fixture("vale")

    /// `check --vale-config` with the case's inputs and `--minAlertLevel` as `--min-alert-level`.
    static func arguments(_ testCase: Case) -> [String] {
        Array(testCase.command.dropFirst(6)).map { $0.replacingOccurrences(of: "--minAlertLevel=", with: "--min-alert-level=") }
    }

    static func expected(_ testCase: Case) throws -> (output: String, exit: Int32?) {
        let caseFolder = folder.appendingPathComponent(testCase.id)
        let output = try String(contentsOf: caseFolder.appendingPathComponent("expected.txt"), encoding: .utf8)
        let exit = try? String(contentsOf: caseFolder.appendingPathComponent("expected-exit.txt"), encoding: .utf8)
        return (output, exit.flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) })
    }

    @Test func everyCaseGivesValeOutputAndExitStatus() throws {
        let suite = try JSONDecoder().decode(Suite.self, from: Data(contentsOf: Self.folder.appendingPathComponent("cases.json")))
        var failed: [String] = []
        for testCase in suite.cases {
            let outcome = try WinnowProcess.run(["check", "--vale-config", ".vale.ini", "--format", "vale-line"] + Self.arguments(testCase),
                                                in: Self.folder.appendingPathComponent(testCase.id))
            let expected = try Self.expected(testCase)
            if outcome.stdout != expected.output || expected.exit.map({ $0 != outcome.status }) == true { failed.append(testCase.id) }
        }
        #expect(suite.cases.count == 35)
        #expect(Set(failed) == Self.knownDifferences)
    }

    @Test func importedRulesGiveTheSameOutput() throws {
        let suite = try JSONDecoder().decode(Suite.self, from: Data(contentsOf: Self.folder.appendingPathComponent("cases.json")))
        for testCase in suite.cases {
            let caseFolder = Self.folder.appendingPathComponent(testCase.id)
            let rules = try WinnowProcess.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: rules) }
            let level = Self.arguments(testCase).filter { $0.hasPrefix("--min-alert-level") }
            let imported = try WinnowProcess.run(["import", "vale", ".vale.ini", "--output", rules.path] + level, in: caseFolder)
            #expect(imported.status == 0, "\(testCase.id): \(imported.stderr)")
            let inputs = Self.arguments(testCase).filter { !$0.hasPrefix("--") }
            let direct = try WinnowProcess.run(["check", "--vale-config", ".vale.ini", "--format", "vale-line"] + Self.arguments(testCase),
                                               in: caseFolder)
            let loaded = try WinnowProcess.run(["check", "--no-default-rules", "--rules", rules.path, "--format", "vale-line",
                                                "--fail-on", "error"] + inputs, in: caseFolder)
            #expect(loaded.stdout == direct.stdout, "\(testCase.id)")
            #expect(loaded.status == direct.status, "\(testCase.id)")
        }
    }
}
