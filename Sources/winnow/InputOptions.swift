import ArgumentParser

/// The input options shared by `check` and `clean`.
struct InputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The file name standard input (-) goes by in reports, diffs and --removed.", valueName: "name"))
    var stdinFilename: String?
}
