import ArgumentParser
import Foundation
import Winnow

/// The inputs of a command and what `clean` and `check` share: expand the
/// paths, run each input through an ``InputPipeline`` with the rules that
/// apply to its path, and collect the notices (each also printed to
/// standard error as it happens).
final class InputRun {
    let project: Project
    /// What standard input is called in reports (`--stdin-filename`).
    let standardInputName: String?
    let limits: MatchLimits
    private(set) var notices: [Notice] = []
    /// The progress display, when the command keeps one.
    var progress: Progress?
    /// One pipeline per combination of configuration overrides.
    private var pipelines: [[Int]: InputPipeline] = [:]
    /// The line counts of every group, when some rule has `min_repeats` (``countRepeats(_:options:)``).
    private(set) var repetition: RepetitionIndex?

    init(project: Project, standardInputName: String?, limits: MatchLimits) {
        self.project = project
        self.standardInputName = standardInputName
        self.limits = limits
    }

    /// True when an input could not be processed or a rule hit a resource limit: exit code 2.
    var failed: Bool { notices.contains { $0.severity == .error } }

    /// The paths to expand: `paths`, or, when there are none, the folder of
    /// the configuration file if there is one, else standard input.
    func roots(_ paths: [String]) -> [String] {
        guard paths.isEmpty else { return paths }
        return project.configuration.file == nil ? ["-"] : [project.configuration.folder]
    }

    /// Expands ``roots(_:)``; a path that does not exist or a folder that
    /// cannot be read is reported and marks the run failed.
    func expand(_ paths: [String], walk: WalkOptions) -> [InputFile] {
        let (inputs, errors) = InputFile.expand(roots(paths), standardInputName: standardInputName, options: walk.options,
                                                selects: project.configuration.selects)
        for error in errors { report(.fileError(error)) }
        return inputs
    }

    /// The first pass of a run whose rules use `min_repeats`: counts in how
    /// many documents of its group each line of `inputs` occurs. Nothing is
    /// read when no rule uses it.
    /// - Throws: `ExitCode(2)`, after a message, when an input is standard
    ///   input, which cannot be read twice.
    func countRepeats(_ inputs: [InputFile], options: InputOptions) throws {
        guard project.ruleSet.usesRepeats else { return }
        try Self.refuseStandardInput(inputs, reason: "rules with 'min_repeats' read their inputs twice")
        let minimum = project.ruleSet.rules.compactMap(\.conditions.minRepeats).min() ?? 2
        repetition = CorpusReader(format: options.corpusFormat, threads: options.threads).index(of: inputs).keeping(minimum: minimum)
    }

    /// Ends the command with exit code 2 when `inputs` hold standard input.
    static func refuseStandardInput(_ inputs: [InputFile], reason: String) throws {
        if inputs.contains(where: \.isStandardInput) {
            throw Console.failure("\(reason), and standard input can be read only once: save it to a file and name that")
        }
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
    /// path. Notices (binary, invalid UTF-8, long lines, resource limits,
    /// read errors) are reported here; findings, clean bytes, removed spans
    /// and a rejection go to `handle`.
    func process(_ input: InputFile, cleaning: Bool, _ handle: (InputPipeline.Event) throws -> Void) throws -> Outcome {
        var reader: SegmentReader
        do {
            reader = try input.open()
        } catch {
            report(.fileError(error))
            return .skipped
        }
        var outcome = Outcome.done
        do {
            let repeats = repetition?.counts(of: CorpusReader.group(of: input))
            try pipeline(for: input).run(name: input.path, reader: &reader, cleaning: cleaning, repeats: repeats) { event in
                switch event {
                case .notText(.utf16):
                    report(.fileError(.utf16(path: input.path)))
                    outcome = .skipped
                case .notText(let kind):
                    if case .binary(let offset) = kind { report(.skippedBinary(path: input.path, nulOffset: offset)) }
                    // Cleaning passes a binary input through whole.
                    if !cleaning { outcome = .skipped }
                case .invalidUTF8(let line, let offset):
                    report(.invalidUTF8(path: input.path, line: line, offset: offset))
                case .limitHits(let hits):
                    for hit in hits { report(.resourceLimit(hit)) }
                case .longLine(let line, _):
                    report(.longLine(path: input.path, line: line))
                case .documentRulesSkipped(let ids):
                    report(.documentRulesSkipped(path: input.path, ruleIDs: ids))
                case .rejected:
                    outcome = .rejected
                    try handle(event)
                case .findings(_, let segment):
                    progress?.advance(bytes: segment.bytes.count)
                    try handle(event)
                case .output, .removed:
                    try handle(event)
                }
            }
            progress?.advance(bytes: 0, documents: 1)
        } catch let error as InputError {
            report(.fileError(error))
            return .skipped
        }
        return outcome
    }

    /// Runs a JSON Lines `input` through a ``JSONLPipeline``: malformed lines
    /// and over-long records are reported here (and malformed lines handed on
    /// too, so that they are never dropped); every other event goes to `handle`.
    /// - Returns: false when the input could not be read to its end.
    @discardableResult
    func processJSONL(_ input: InputFile, options: InputOptions, cleaning: Bool,
                      _ handle: (JSONLPipeline.Event) throws -> Void) throws -> Bool {
        try processJSONL(input, options: options, cleaning: cleaning, summarize: { _, _ in nil as Never? }) { event, _ in
            try handle(event)
        }
    }

    /// ``processJSONL(_:options:cleaning:_:)`` with `summarize` called for
    /// each record's findings on the thread that scanned it
    /// (``JSONLPipeline/run(name:reader:cleaning:summarize:emit:)``).
    @discardableResult
    func processJSONL<Summary>(_ input: InputFile, options: InputOptions, cleaning: Bool,
                               summarize: @escaping @Sendable ([Finding], Document) -> Summary?,
                               _ handle: (JSONLPipeline.Event, Summary?) throws -> Void) throws -> Bool {
        var reader: SegmentReader
        do {
            reader = try input.open(lineFeedsOnly: true)
        } catch {
            report(.fileError(error))
            return false
        }
        let scanner = pipeline(for: input).scanner
        let pipeline = JSONLPipeline(scanner: scanner, textField: options.textField, idField: options.idField,
                                     threads: options.threads, groupField: options.groupBy, repetition: repetition)
        var refused = false
        do {
            try pipeline.run(name: input.path, reader: &reader, cleaning: cleaning, summarize: summarize) { event, summary in
                switch event {
                case .utf16:
                    report(.fileError(.utf16(path: input.path)))
                    refused = true
                case .malformed(let line, let reason, _):
                    report(.malformedRecord(path: input.path, line: line, reason: reason))
                    try handle(event, summary)
                case .longRecord(let line):
                    report(.longLine(path: input.path, line: line))
                case .invalidUTF8(let line, let offset):
                    report(.invalidUTF8(path: input.path, record: line, offset: offset))
                case .missingID(let line):
                    report(.missingID(path: input.path, line: line, field: options.idField ?? ""))
                case .limitHits(let hits):
                    for hit in hits { report(.resourceLimit(hit)) }
                case .findings(_, _, let length):
                    progress?.advance(bytes: length, documents: 1)
                    try handle(event, summary)
                default:
                    try handle(event, summary)
                }
            }
        } catch let error as InputError {
            report(.fileError(error))
            return false
        }
        return !refused
    }

    func report(_ notice: Notice) {
        Console.error(TextReport.line(for: notice))
        notices.append(notice)
    }

    /// Creates a file the command writes besides its output (`--removed`,
    /// `--rejected`), or reports it and ends the command with exit code 2.
    func outputFile(_ path: String?) throws -> OutputFile? {
        guard let path else { return nil }
        do {
            return try OutputFile(path: path)
        } catch {
            throw stop(error)
        }
    }

    /// Reports a file that the command cannot do without (a baseline, a
    /// `--removed` ledger) and returns the exit code 2 to end it with.
    func stop(_ error: InputError) -> ExitCode {
        report(.fileError(error))
        return ExitCode(2)
    }

    private func pipeline(for input: InputFile) -> InputPipeline {
        let named = !input.isStandardInput || standardInputName != nil
        let indices = named ? project.configuration.overrideIndices(for: input.path) : []
        if let pipeline = pipelines[indices] { return pipeline }
        let ruleSet = project.configuration.applying(overrides: indices, to: project.ruleSet)
        let pipeline = InputPipeline(scanner: Scanner(ruleSet: ruleSet, limits: limits))
        pipelines[indices] = pipeline
        return pipeline
    }
}
