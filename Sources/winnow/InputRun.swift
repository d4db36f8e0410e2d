import ArgumentParser
import Foundation
import Winnow

/// The inputs of a command and what `clean` and `check` share: expand the
/// paths, run each input through an ``InputPipeline`` with the rules that
/// apply to its path, print notices, and remember whether anything could
/// not be processed.
final class InputRun {
    let project: Project
    /// Set when an input could not be read or a rule hit a resource limit: exit code 2.
    private(set) var failed = false
    /// One pipeline per combination of configuration overrides.
    private var pipelines: [[Int]: InputPipeline] = [:]

    init(project: Project) {
        self.project = project
    }

    /// Expands `paths`: no path means the configuration's folder when there is
    /// a configuration file, else standard input. A path that does not exist
    /// or a folder that cannot be read is reported and marks the run failed.
    func expand(_ paths: [String], walk: WalkOptions) -> [InputFile] {
        let (inputs, errors) = InputFile.expand(roots(paths), options: walk.options, selects: project.configuration.selects)
        for error in errors { report(error) }
        return inputs
    }

    /// The paths to expand: `paths`, or the default when there are none.
    func roots(_ paths: [String]) -> [String] {
        guard paths.isEmpty else { return paths }
        return project.configuration.file == nil ? ["-"] : [project.configuration.folder]
    }

    /// How processing an input ended.
    enum Outcome {
        /// Scanned (and cleaned) to its end.
        case done
        /// A `reject` rule hit it.
        case rejected
        /// Not processed: binary, UTF-16, or unreadable.
        case skipped
    }

    /// Runs `input` through the pipeline with the rules that apply to its
    /// path. Notices (binary, invalid UTF-8, long lines, resource limits) go
    /// to standard error here; findings, clean bytes, removed spans and a
    /// rejection go to `handle`.
    func process(_ input: InputFile, cleaning: Bool, _ handle: (InputPipeline.Event) throws -> Void) throws -> Outcome {
        var reader: SegmentReader
        do {
            reader = try input.open()
        } catch {
            report(error)
            return .skipped
        }
        var outcome = Outcome.done
        do {
            try pipeline(for: input).run(name: input.path, reader: &reader, cleaning: cleaning) { event in
                switch event {
                case .notText(.utf16):
                    report(InputError(path: input.path, message: "UTF-16 text is not supported; convert it to UTF-8 (iconv -f UTF-16 -t UTF-8)"))
                    outcome = .skipped
                case .notText(let kind):
                    if case .binary(let offset) = kind {
                        Console.error("\(input.path): skipped: binary file (NUL byte at offset \(offset))")
                    }
                    outcome = .skipped
                case .invalidUTF8(let offset):
                    Console.error("\(input.path): warning: invalid UTF-8 (first bad byte at offset \(offset)); matched as is, every byte kept")
                case .limitHits(let hits):
                    for hit in hits { Console.error(TextReport.line(for: hit)) }
                    failed = true
                case .longLine(let line, _):
                    Console.error("\(input.path):\(line): warning: line longer than 16 MiB: not matched, kept as is")
                case .documentRulesSkipped(let ids):
                    Console.error("\(input.path): warning: input longer than 16 MiB: document-scope rules not applied: \(ids.joined(separator: ", "))")
                case .rejected:
                    outcome = .rejected
                    try handle(event)
                case .findings, .output, .removed:
                    try handle(event)
                }
            }
        } catch let error as InputError {
            report(error)
            return .skipped
        }
        return outcome
    }

    func report(_ error: InputError) {
        Console.error("\(error.path): error: \(error.message)")
        failed = true
    }

    private func pipeline(for input: InputFile) -> InputPipeline {
        let indices = input.isStandardInput ? [] : project.configuration.overrideIndices(for: input.path)
        if let pipeline = pipelines[indices] { return pipeline }
        let pipeline = InputPipeline(scanner: Scanner(ruleSet: project.configuration.applying(overrides: indices, to: project.ruleSet)))
        pipelines[indices] = pipeline
        return pipeline
    }
}
