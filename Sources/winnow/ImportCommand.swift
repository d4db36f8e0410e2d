import ArgumentParser
import Foundation
import Winnow

/// `winnow import vale`: rules from another tool, written as Winnow rule files.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Write another tool's rules as Winnow rule files.",
        subcommands: [ImportValeCommand.self]
    )
}

struct ImportValeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vale",
        abstract: "Translate a Vale configuration and its styles into Winnow rule files, one a style.",
        discussion: "Load the result with --rules DIR: it gives the same findings as --vale-config FILE."
    )

    @Argument(help: ArgumentHelp("The Vale configuration (.vale.ini).", valueName: "file"))
    var config: String

    @Option(help: ArgumentHelp("The folder to write the rule files to (created if missing).", valueName: "dir"))
    var output: String

    @Option(name: .customLong("min-alert-level"), help: ArgumentHelp(
        "Vale's MinAlertLevel (suggestion, warning or error) instead of the configuration's.", valueName: "level"))
    var minAlertLevel: String?

    func run() throws {
        do {
            let result = try ValeRules.translate(config, minAlertLevel: minAlertLevel)
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            for file in try ValeImport.files(for: result.rules, source: (config as NSString).lastPathComponent) {
                try OutputFile(path: output + "/" + file.name).write(Array(file.text.utf8))
                Console.error("wrote \(output)/\(file.name)")
            }
        } catch let error as RuleLoadError {
            Console.error("\(error.place): error: \(error.cause)")
            throw ExitCode(2)
        } catch {
            Console.error("\(output): error: \(error)")
            throw ExitCode(2)
        }
    }
}
