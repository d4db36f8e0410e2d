import ArgumentParser
import Foundation
import Winnow

/// `winnow learn`: the lines that repeat across a corpus's documents, as a rule file.
struct LearnCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learn",
        abstract: "Write the lines that repeat across documents as a rule file to review and reuse.",
        discussion: """
            A line (white space trimmed, runs of it as one space) that occurs in at least \
            --min-documents documents of its group is learned. Each folder named is one group and the \
            files named directly one more; with --jsonl, records are grouped by --group-by, else all \
            are one group. The file holds one strip-line rule per group, one anchored regex per line, \
            sorted, with document counts as comments. Exit codes: 0 done; 2 a usage error, or an input \
            or record that could not be read (reported; the file is written from the others).
            """
    )

    @OptionGroup var walk: WalkOptions

    @Flag(help: "Read each input as JSON Lines: one document a line, its text in --text-field.")
    var jsonl = false

    @Option(help: ArgumentHelp("With --jsonl, the string field that holds the text.", valueName: "field"))
    var textField = "text"

    @Option(help: ArgumentHelp("With --jsonl, the field whose value groups records (default: all records one group).",
                               valueName: "field"))
    var groupBy: String?

    @Option(help: ArgumentHelp("With --jsonl, how many threads read records; one a core by default.", valueName: "n"))
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: ArgumentHelp("The fewest documents of a group a line must occur in (at least 2).", valueName: "k"))
    var minDocuments: Int

    @Option(help: ArgumentHelp("The rule file to write.", valueName: "file"))
    var output: String

    @Argument(help: ArgumentHelp("Files or folders to learn from (standard input cannot be read twice).", valueName: "path"))
    var paths: [String] = []

    func validate() throws {
        if threads < 1 { throw ValidationError("--threads must be at least 1") }
        if minDocuments < 2 { throw ValidationError("--min-documents must be at least 2") }
        if paths.isEmpty { throw ValidationError("learn needs at least one file or folder") }
        if groupBy != nil, !jsonl { throw ValidationError("--group-by goes with --jsonl") }
        if groupBy?.isEmpty == true { throw ValidationError("--group-by needs a field name") }
    }

    func run() throws {
        let (inputs, errors) = InputFile.expand(paths, options: walk.options)
        try InputRun.refuseStandardInput(inputs, reason: "learn reads its inputs twice")
        var failed = false
        let report = { (notice: Notice) in
            Console.error(TextReport.line(for: notice))
            if notice.severity == .error { failed = true }
        }
        for error in errors { report(.fileError(error)) }
        let reader = CorpusReader(format: jsonl ? .jsonl(textField: textField, groupField: groupBy) : .files, threads: threads)
        // Both passes meet the same problems; the first one reports them.
        let learned = LearnedRuleFile.learn(from: inputs, reader: reader, minimumDocuments: minDocuments, notice: report)
        do {
            try OutputFile(path: output).write(Array(learned.yaml.utf8))
        } catch {
            throw Console.failure("\(error)")
        }
        if learned.invalidLines > 0 {
            Console.error("\(output): left out \(learned.invalidLines) repeated line\(learned.invalidLines == 1 ? "" : "s") that \(learned.invalidLines == 1 ? "is" : "are") not valid UTF-8")
        }
        let lines = learned.lineCount, groups = learned.groups.count
        Console.error("\(output): \(lines) line\(lines == 1 ? "" : "s") in \(groups) group\(groups == 1 ? "" : "s")")
        if failed { throw ExitCode(2) }
    }
}
