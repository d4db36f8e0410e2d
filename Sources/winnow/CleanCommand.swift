import ArgumentParser
import Foundation
import Winnow

struct CleanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clean",
        abstract: "Write the text with boilerplate removed.",
        discussion: """
            One input is written to standard output. Several inputs, or a folder, need --output DIR: \
            each clean file is written there under its path relative to the argument it came from. \
            --removed FILE records every removed span as JSON Lines; --diff prints a unified diff of \
            what would change instead and writes nothing. \
            Exit codes: 0 done; 2 a usage, rule or input error (the other inputs are still cleaned).
            """
    )

    @OptionGroup var rules: RuleOptions

    @OptionGroup var input: InputOptions

    @Option(help: ArgumentHelp("Folder to write clean files into, mirroring the inputs' layout.", valueName: "dir"))
    var output: String?

    @Option(help: ArgumentHelp("Write one JSON line per removed span (path, rule, line, bytes, text) to this file.", valueName: "file"))
    var removed: String?

    @Flag(help: "Print a unified diff of what clean would change; write nothing else.")
    var diff = false

    @Argument(help: ArgumentHelp("Files or folders to clean; - or nothing reads standard input.", valueName: "path"))
    var paths: [String] = []

    func validate() throws {
        if diff {
            if output != nil || removed != nil {
                throw ValidationError("--diff writes nothing; leave out --output and --removed")
            }
            return
        }
        if output == nil, paths.count > 1 || paths.contains(where: isFolder) {
            throw ValidationError("several inputs, or a folder, need --output DIR")
        }
        if output != nil, paths.isEmpty || paths.contains("-") {
            throw ValidationError("standard input is cleaned to standard output; leave out --output")
        }
    }

    func run() throws {
        let run = InputRun(ruleSet: try rules.load(), standardInputName: input.stdinFilename)
        var ledger: OutputFile?
        if let removed {
            do {
                ledger = try OutputFile(path: removed)
            } catch {
                throw run.stop(error)
            }
        }
        run.forEach(run.expand(paths)) { input, document, result in
            let clean = Cleaner.clean(document, findings: result.findings)
            if diff {
                Console.output(UnifiedDiff.diff(original: document.bytes, modified: clean.bytes, path: document.name))
                return
            }
            if let ledger {
                do throws(InputError) {
                    try ledger.write(RemovedLedger.records(path: document.name, document: document, removed: clean.removed))
                } catch {
                    run.report(.fileError(error))
                }
            }
            guard let output else {
                Console.output(clean.bytes)
                return
            }
            let target = URL(fileURLWithPath: output).appendingPathComponent(input.relativePath)
            do {
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(clean.bytes).write(to: target)
            } catch {
                run.report(.fileError(InputError(path: target.path, message: "cannot write: \(error.localizedDescription)")))
            }
        }
        if run.failed { throw ExitCode(2) }
    }

    private func isFolder(_ path: String) -> Bool {
        var folder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &folder) && folder.boolValue
    }
}
