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
            Exit codes: 0 done; 2 a rule or input error (the other inputs are still cleaned).
            """
    )

    @OptionGroup var rules: RuleOptions

    @Option(help: ArgumentHelp("Folder to write clean files into, mirroring the inputs' layout.", valueName: "dir"))
    var output: String?

    @Argument(help: ArgumentHelp("Files or folders to clean; - or nothing reads standard input.", valueName: "path"))
    var paths: [String] = []

    func validate() throws {
        if output == nil, paths.count > 1 || paths.contains(where: isFolder) {
            throw ValidationError("several inputs, or a folder, need --output DIR")
        }
        if output != nil, paths.isEmpty || paths.contains("-") {
            throw ValidationError("standard input is cleaned to standard output; leave out --output")
        }
    }

    func run() throws {
        let run = InputRun(ruleSet: try rules.load())
        run.forEach(run.expand(paths)) { input, document, result in
            let clean = Cleaner.clean(document, findings: result.findings)
            guard let output else {
                Console.output(clean.bytes)
                return
            }
            let target = URL(fileURLWithPath: output).appendingPathComponent(input.relativePath)
            do {
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(clean.bytes).write(to: target)
            } catch {
                run.report(InputError(path: target.path, message: "cannot write: \(error.localizedDescription)"))
            }
        }
        if run.failed { throw ExitCode(2) }
    }

    private func isFolder(_ path: String) -> Bool {
        var folder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &folder) && folder.boolValue
    }
}
