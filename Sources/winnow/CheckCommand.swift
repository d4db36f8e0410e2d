import ArgumentParser
import Foundation
import Winnow

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Report findings, as text for people or as JSON, SARIF, JUnit XML or GitHub annotations for CI.",
        discussion: """
            The text report prints path:line:column: severity: message [rule-id] with the source line \
            and the match underlined, and a summary on standard error. Findings are sorted by path, \
            line, column and rule id. Exit codes: 0 no finding at or above the fail level; 1 findings \
            at or above it; 2 a usage, rule, configuration, baseline or input error (this wins over 1).
            """
    )

    @OptionGroup var rules: RuleOptions

    @OptionGroup var walk: WalkOptions

    @OptionGroup var input: InputOptions

    @OptionGroup var limits: LimitOptions

    @Option(help: ArgumentHelp("Report format: text, json, jsonl, sarif, junit, github or vale-line.", valueName: "format"))
    var format: ReportFormat = .text

    @Option(help: ArgumentHelp(
        "Lowest severity that makes the exit code 1: info, warning, error or never (default: fail_on, else warning).",
        valueName: "level"))
    var failOn: FailThreshold?

    @Option(help: ArgumentHelp("Leave out the findings recorded in this baseline file.", valueName: "file"))
    var baseline: String?

    @Option(help: ArgumentHelp("Record every finding in this baseline file instead of reporting them.", valueName: "file"))
    var writeBaseline: String?

    @Option(help: ArgumentHelp("Colour in the text report: auto (a terminal without NO_COLOR), always or never.", valueName: "when"))
    var color: ColorChoice = .auto

    @Argument(help: ArgumentHelp(
        "Files or folders to check; - reads standard input. Default: the configuration's folder, else standard input.",
        valueName: "path"))
    var paths: [String] = []

    func validate() throws {
        if baseline != nil, writeBaseline != nil {
            throw ValidationError("--baseline and --write-baseline cannot be used together")
        }
    }

    func run() throws {
        let project = try rules.load()
        let run = InputRun(project: project, standardInputName: input.stdinFilename, limits: limits.limits)
        var accepted: Baseline?
        if let baseline {
            do {
                accepted = try Baseline(contentsOf: baseline)
            } catch {
                throw run.stop(error)
            }
        }
        let root = FileManager.default.currentDirectoryPath
        // Each file goes, as it is scanned, to the baseline being recorded, to
        // the report writer, or (vale-line) to the files of a whole report.
        var recorded: [Baseline.Entry] = []
        var files: [FileReport] = []
        let formatter = format.formatter(rules: project.ruleSet.rules, root: root, colour: color.isOn)
        let writer = formatter.map { ReportWriter(formatter: $0, baseline: accepted, root: root) }
        // Only a report that shows excerpts keeps each finding's line.
        let sourceLines = writeBaseline == nil && formatter?.showsSourceLines == true
        func add(_ file: FileReport) throws {
            if writeBaseline != nil {
                recorded += Baseline.entries(of: file, root: root)
            } else if let writer {
                try add(writer.maker.entry(for: file))
            } else {
                files.append(file)
            }
        }
        func add(_ entry: ReportEntry) throws {
            do {
                try writer?.add(entry)
            } catch {
                throw run.stop(error)
            }
        }
        // JSONL records scanned, for the text summary.
        var records = 0
        let inputs = run.expand(paths, walk: walk)
        try run.countRepeats(inputs, options: input)
        run.progress = Progress(quiet: self.input.quiet, inputs: inputs)
        for input in inputs {
            if self.input.jsonl {
                // Each record's report entry is made on the thread that scanned it.
                let maker = writeBaseline == nil ? writer?.maker : nil
                try run.processJSONL(input, options: self.input, cleaning: false, summarize: { findings, document -> ReportEntry? in
                    guard let maker, !findings.isEmpty else { return nil }
                    // A record is listed only with findings, also when a baseline leaves it none.
                    return maker.entry(for: FileReport(document: document, findings: findings, sourceLines: sourceLines),
                                       listedWithoutFindings: false)
                }) { (event, entry: ReportEntry?) in
                    guard case .findings(let findings, let document, _) = event else { return }
                    records += 1
                    // An entry stands for the record's findings, which the event then leaves out.
                    if let entry { return try add(entry) }
                    if findings.isEmpty { return }
                    try add(FileReport(document: document, findings: findings, sourceLines: sourceLines))
                }
                continue
            }
            var builder = FileReport.Builder(path: input.path, sourceLines: sourceLines)
            let outcome = try run.process(input, cleaning: false) { event in
                guard case .findings(let findings, let segment) = event else { return }
                builder.add(findings, in: segment.document, lineOffset: segment.lineOffset, byteOffset: segment.byteOffset)
            }
            if outcome != .skipped { try add(builder.report) }
        }
        run.progress?.finish()
        if let writeBaseline {
            do {
                try OutputFile(path: writeBaseline).write(Baseline(entries: recorded).encoded())
            } catch {
                throw run.stop(error)
            }
            // Said also when an input failed: the file was written all the same.
            let count = recorded.count
            Console.error("\(writeBaseline): recorded \(count) finding\(count == 1 ? "" : "s")")
            if run.failed { throw ExitCode(2) }
            return
        }
        let totals: ReportTotals
        if let writer {
            do {
                try writer.finish(notices: run.notices, to: Console.output)
            } catch let error as InputError {
                throw run.stop(error)
            }
            totals = writer.totals
        } else {
            var report = CheckReport(rules: project.ruleSet.rules, files: files, notices: run.notices)
            if let accepted { report = report.excluding(accepted, root: root) }
            try Console.output(ValeLineReport.render(report, root: root))
            totals = report.totals
        }
        // After input errors with nothing scanned, a summary would only say "no findings in 0 files".
        let scannedSomething = totals.files > 0 || records > 0
        if format == .text && (scannedSomething || !run.failed) {
            Console.error(TextReport.summary(of: totals, records: self.input.jsonl ? records : nil))
        }
        if run.failed { throw ExitCode(2) }
        let threshold = failOn ?? project.configuration.failOn ?? (project.isVale ? .error : .warning)
        if Severity.allCases.contains(where: { totals.count($0) > 0 && threshold.isMet(by: $0) }) { throw ExitCode(1) }
    }
}

extension FailThreshold: ExpressibleByArgument {}
