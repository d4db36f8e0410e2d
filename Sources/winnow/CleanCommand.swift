import ArgumentParser
import Foundation
import Winnow

struct CleanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clean",
        abstract: "Write the text with boilerplate removed.",
        discussion: """
            One input is written to standard output. Several inputs, or a folder, need --output DIR \
            (each clean file is written there under its path relative to the argument it came from) \
            or --in-place. Files are written atomically: a temporary file beside the target, renamed \
            over it when complete. A document that a reject rule hits is not written (with --in-place, \
            the file is left as it was) and is reported on standard error. --removed FILE records every \
            removed span as JSON Lines; --diff prints a unified diff of what would change instead and \
            writes nothing. Exit codes: 0 done; 2 a usage, rule or input error (the other inputs are \
            still cleaned).
            """
    )

    @OptionGroup var rules: RuleOptions

    @OptionGroup var walk: WalkOptions

    @OptionGroup var input: InputOptions

    @OptionGroup var limits: LimitOptions

    @Option(help: ArgumentHelp("Folder to write clean files into, mirroring the inputs' layout.", valueName: "dir"))
    var output: String?

    @Flag(name: .customLong("in-place"), help: "Rewrite each file with its clean text, atomically.")
    var inPlace = false

    @Option(help: ArgumentHelp("Write one JSON line per removed span (path, rule, line, bytes, text) to this file.", valueName: "file"))
    var removed: String?

    @Flag(help: "Print a unified diff of what clean would change; write nothing else.")
    var diff = false

    @Option(help: ArgumentHelp("With --jsonl, write rejected and malformed records to this file.", valueName: "file"))
    var rejected: String?

    @Argument(help: ArgumentHelp(
        "Files or folders to clean; - reads standard input. Default: the configuration's folder, else standard input.",
        valueName: "path"))
    var paths: [String] = []

    func validate() throws {
        if input.jsonl, diff {
            throw ValidationError("--diff does not take --jsonl")
        }
        if rejected != nil, !input.jsonl {
            throw ValidationError("--rejected goes with --jsonl")
        }
        if diff {
            if output != nil || removed != nil || inPlace {
                throw ValidationError("--diff writes nothing; leave out --output, --in-place and --removed")
            }
            return
        }
        if inPlace, output != nil {
            throw ValidationError("--in-place and --output exclude each other")
        }
        if output == nil, !inPlace, paths.count > 1 || paths.contains(where: isFolder) {
            throw ValidationError("several inputs, or a folder, need --output DIR or --in-place")
        }
        if output != nil || inPlace, paths.contains("-") {
            throw ValidationError("standard input is cleaned to standard output; leave out --output and --in-place")
        }
    }

    func run() throws {
        let run = InputRun(project: try rules.load(), standardInputName: input.stdinFilename, limits: limits.limits)
        if let output, let folder = run.roots(paths).first(where: { isFolder($0) && contains($0, output) }) {
            throw Console.failure("--output \(output) lies inside the input folder \(folder)")
        }
        let inputs = run.expand(paths, walk: walk)
        if output == nil, !inPlace, !diff, inputs.count > 1 {
            throw Console.failure("several inputs, or a folder, need --output DIR or --in-place")
        }
        if inPlace, inputs.contains(where: \.isStandardInput) {
            throw Console.failure("standard input cannot be cleaned in place")
        }
        let inputFiles = Set(inputs.filter { !$0.isStandardInput }.map { realPath($0.path) })
        for (option, path) in [("--removed", removed), ("--rejected", rejected)] {
            if let path, inputFiles.contains(realPath(path)) {
                throw Console.failure("\(option) \(path) is one of the inputs")
            }
        }
        try run.countRepeats(inputs, options: input)
        run.progress = Progress(quiet: input.quiet, inputs: inputs)
        let ledger = try run.outputFile(removed)
        let rejectedFile = try run.outputFile(rejected)
        let sinks = Sinks(run: run, ledger: ledger, rejected: rejectedFile)
        var written: [String: String] = [:]
        for input in inputs {
            if diff {
                // A diff needs the whole input and its clean text.
                var original: [UInt8] = [], clean: [UInt8] = []
                let outcome = try run.process(input, cleaning: true) { event in
                    if case .output(let bytes, let source) = event {
                        clean += bytes
                        original += source
                    }
                    if case .rejected(let finding) = event { reportRejection(finding, of: input) }
                }
                if outcome == .done { try Console.output(UnifiedDiff.diff(original: original, modified: clean, path: input.path)) }
                continue
            }
            guard let destination = destination(of: input) else {
                _ = try clean(input, run: run, sinks: sinks, to: Console.output)
                continue
            }
            if let other = written.updateValue(input.path, forKey: realPath(destination)) {
                // In place, a file reached twice (through a link, say) is cleaned once.
                if !inPlace {
                    run.report(.fileError(InputError(path: input.path, message: "not written: \(other) is written to the same file, \(destination)")))
                }
                continue
            }
            if !inPlace, realPath(destination) == realPath(input.path) {
                run.report(.fileError(InputError(path: input.path, message: "not written: --output would overwrite the input itself")))
                continue
            }
            do {
                let parent = (destination as NSString).deletingLastPathComponent
                try FileManager.default.createDirectory(atPath: parent.isEmpty ? "." : parent, withIntermediateDirectories: true)
                let writer = try AtomicFileWriter(destination: destination)
                // A `.gz` destination, or a compressed file cleaned in place, is written gzip-compressed.
                let compressor = destination.hasSuffix(".gz") || (inPlace && isCompressed(destination)) ? Gzip.Deflater() : nil
                sinks.changed = false
                let complete = try clean(input, run: run, sinks: sinks) { bytes in
                    try writer.write(compressor?.deflate(bytes) ?? bytes)
                }
                // In place, a file that clean leaves as it is is not rewritten.
                guard complete, sinks.changed || !inPlace else {
                    writer.discard()
                    continue
                }
                if let compressor { try writer.write(compressor.deflate([], finish: true)) }
                try writer.commit()
            } catch let error as InputError {
                run.report(.fileError(error))
            } catch {
                run.report(.fileError(InputError(path: destination, message: "cannot write: \(error.localizedDescription)")))
            }
        }
        run.progress?.finish()
        if let rejectedFile, sinks.rejectedCount > 0 {
            let count = sinks.rejectedCount
            Console.error("\(rejectedFile.path): \(count) record\(count == 1 ? "" : "s") written")
        }
        if run.failed { throw ExitCode(2) }
    }

    /// Where the clean text of `input` goes: a file, or `nil` for standard
    /// output. In place, a symbolic link's target is rewritten, not the link.
    private func destination(of input: InputFile) -> String? {
        if inPlace { return realPath(input.path) }
        return output.map { URL(fileURLWithPath: $0).appendingPathComponent(input.relativePath).path }
    }

    /// Where the parts of a clean run that are not clean text go.
    private final class Sinks {
        let run: InputRun
        /// `--removed`.
        let ledger: OutputFile?
        /// `--rejected`.
        let rejected: OutputFile?
        /// How many lines went to `--rejected`.
        var rejectedCount = 0
        /// Whether the current input's clean text differs from it.
        var changed = false

        init(run: InputRun, ledger: OutputFile?, rejected: OutputFile?) {
            self.run = run
            self.ledger = ledger
            self.rejected = rejected
        }

        /// Appends removed spans to the ledger, if there is one.
        func record(_ spans: [RemovedSpan], path: String, document: Document, byteOffset: Int) {
            changed = changed || !spans.isEmpty
            guard let ledger else { return }
            do throws(InputError) {
                try ledger.write(RemovedLedger.records(path: path, document: document, byteOffset: byteOffset, removed: spans))
            } catch {
                run.report(.fileError(error))
            }
        }
    }

    /// Cleans `input` into `write`; returns whether the output is complete
    /// (false for a skipped input or a rejected document).
    private func clean(_ input: InputFile, run: InputRun, sinks: Sinks, to write: ([UInt8]) throws -> Void) throws -> Bool {
        guard self.input.jsonl else {
            let outcome = try run.process(input, cleaning: true) { event in
                switch event {
                case .output(let bytes, _):
                    try write(bytes)
                case .removed(let spans, let segment):
                    sinks.record(spans, path: input.path, document: segment.document, byteOffset: segment.byteOffset)
                case .rejected(let finding):
                    reportRejection(finding, of: input)
                default:
                    break
                }
            }
            return outcome == .done
        }
        return try run.processJSONL(input, options: self.input, cleaning: true) { event in
            switch event {
            case .output(let line):
                try write(line)
            case .removed(let spans, let document):
                sinks.record(spans, path: document.name, document: document, byteOffset: 0)
            case .rejected(let finding, let line):
                sinks.changed = true
                if let file = sinks.rejected {
                    try file.write(line)
                    sinks.rejectedCount += 1
                } else {
                    reportRejection(finding, of: input)
                }
            case .malformed(_, _, let bytes):
                // Never dropped: to --rejected, else through to the output as it was.
                if let file = sinks.rejected {
                    try file.write(bytes)
                    sinks.rejectedCount += 1
                    sinks.changed = true
                } else {
                    try write(bytes)
                }
            default:
                break
            }
        }
    }

    /// Reports a document that a `reject` rule hit: it is not written.
    private func reportRejection(_ finding: Finding, of input: InputFile) {
        Console.error("\(finding.path):\(finding.line):\(finding.column): rejected: \(finding.message) [\(finding.ruleID)]")
    }

    /// `path` absolute, with symbolic links resolved, to compare files.
    private func realPath(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
    }

    /// Whether the file at `path` starts with the gzip magic bytes.
    private func isCompressed(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        return Gzip.isCompressed([UInt8]((try? handle.read(upToCount: 2)) ?? Data()))
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
