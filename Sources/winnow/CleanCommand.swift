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
            A document that a reject rule hits is not written, and is reported on standard error. \
            Exit codes: 0 done; 2 a rule or input error (the other inputs are still cleaned).
            """
    )

    @OptionGroup var rules: RuleOptions

    @OptionGroup var walk: WalkOptions

    @Option(help: ArgumentHelp("Folder to write clean files into, mirroring the inputs' layout.", valueName: "dir"))
    var output: String?

    @Argument(help: ArgumentHelp(
        "Files or folders to clean; - reads standard input. Default: the configuration's folder, else standard input.",
        valueName: "path"))
    var paths: [String] = []

    func validate() throws {
        if output == nil, paths.count > 1 || paths.contains(where: isFolder) {
            throw ValidationError("several inputs, or a folder, need --output DIR")
        }
        if output != nil, paths.contains("-") {
            throw ValidationError("standard input is cleaned to standard output; leave out --output")
        }
    }

    func run() throws {
        let run = InputRun(project: try rules.load())
        if let output, let folder = run.roots(paths).first(where: { isFolder($0) && contains($0, output) }) {
            throw Console.failure("--output \(output) lies inside the input folder \(folder)")
        }
        let inputs = run.expand(paths, walk: walk)
        if output == nil, inputs.count > 1 {
            throw Console.failure("several inputs, or a folder, need --output DIR")
        }
        var written: [String: String] = [:]
        try run.forEach(inputs) { input, document, result in
            let clean = Cleaner.clean(document, findings: result.findings)
            if let rejection = clean.rejection {
                Console.error("\(input.path):\(rejection.line):\(rejection.column): rejected: \(rejection.message) [\(rejection.ruleID)]")
                return
            }
            guard let output else {
                try Console.output(clean.bytes)
                return
            }
            let target = URL(fileURLWithPath: output).appendingPathComponent(input.relativePath)
            if let other = written.updateValue(input.path, forKey: target.standardizedFileURL.path) {
                run.report(InputError(path: input.path, message: "not written: \(other) is cleaned to the same \(target.path)"))
                return
            }
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

    /// Whether `path` is `folder` or lies below it.
    private func contains(_ folder: String, _ path: String) -> Bool {
        let folder = URL(fileURLWithPath: folder).standardizedFileURL.path
        let path = URL(fileURLWithPath: path).standardizedFileURL.path
        return path == folder || path.hasPrefix(folder + "/")
    }
}
