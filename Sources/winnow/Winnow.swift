import ArgumentParser
import Foundation
import Winnow

@main
struct WinnowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "winnow",
        abstract: "Find and strip boilerplate in text with regex and keyword rules.",
        discussion: """
            Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it (check); \
            2 usage, rule or input error.
            """,
        version: WinnowTool.version,
        subcommands: [CleanCommand.self, CheckCommand.self, LearnCommand.self, RulesCommand.self, ImportCommand.self]
    )

    /// Runs the command line, with usage errors exiting with 2 (SPEC section 3)
    /// instead of ArgumentParser's 64.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
