import ArgumentParser
import Foundation
import Winnow

/// The input options shared by `check` and `clean`.
struct InputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The file name standard input (-) goes by in reports, diffs and --removed.", valueName: "name"))
    var stdinFilename: String?

    @Flag(help: "Read each input as JSON Lines: one document a line, its text in --text-field.")
    var jsonl = false

    @Option(help: ArgumentHelp("With --jsonl, the string field that holds the text.", valueName: "field"))
    var textField = "text"

    @Option(help: ArgumentHelp("With --jsonl, the field that names a document in reports (default: PATH:LINE).", valueName: "field"))
    var idField: String?

    @Option(help: ArgumentHelp(
        "With --jsonl, the field whose value groups records for min_repeats (default: all records one group).",
        valueName: "field"))
    var groupBy: String?

    @Option(help: ArgumentHelp("With --jsonl, how many threads scan records; one a core by default.", valueName: "n"))
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    /// How the inputs hold their documents, for the counting pass of `min_repeats`.
    var corpusFormat: CorpusReader.Format {
        jsonl ? .jsonl(textField: textField, groupField: groupBy) : .files
    }

    @Flag(help: "No progress display (it is shown only on a terminal, for runs longer than a second).")
    var quiet = false

    func validate() throws {
        if stdinFilename?.isEmpty == true { throw ValidationError("--stdin-filename needs a name") }
        if threads < 1 { throw ValidationError("--threads must be at least 1") }
        if groupBy != nil, !jsonl { throw ValidationError("--group-by goes with --jsonl") }
        if groupBy?.isEmpty == true { throw ValidationError("--group-by needs a field name") }
    }
}
