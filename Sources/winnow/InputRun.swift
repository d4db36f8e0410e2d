import ArgumentParser
import Winnow

/// The inputs of a command and the loop over them that both `clean` and
/// `check` share: expand the paths, read each input, skip binary files with a
/// notice, scan it with the rules that apply to its path, and remember
/// whether anything could not be processed.
final class InputRun {
    let project: Project
    /// Set when an input could not be read or a rule hit a resource limit: exit code 2.
    private(set) var failed = false
    /// One scanner per combination of configuration overrides.
    private var scanners: [[Int]: Scanner] = [:]

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

    /// Reads and scans each input in order and hands it to `body`.
    func forEach(_ inputs: [InputFile], _ body: (InputFile, Document, ScanResult) throws -> Void) rethrows {
        for input in inputs {
            let document: Document
            do {
                document = try input.read()
            } catch {
                report(error)
                continue
            }
            if let offset = document.binaryMarkerOffset {
                Console.error("\(input.path): skipped: binary file (NUL byte at offset \(offset))")
                continue
            }
            if let offset = document.firstInvalidUTF8Offset {
                Console.error("\(input.path): warning: invalid UTF-8 (first bad byte at offset \(offset)); matched as is, every byte kept")
            }
            let result = scanner(for: input).scan(document)
            for hit in result.limitHits {
                Console.error(TextReport.line(for: hit))
                failed = true
            }
            try body(input, document, result)
        }
    }

    func report(_ error: InputError) {
        Console.error("\(error.path): error: \(error.message)")
        failed = true
    }

    private func scanner(for input: InputFile) -> Scanner {
        let indices = input.isStandardInput ? [] : project.configuration.overrideIndices(for: input.path)
        if let scanner = scanners[indices] { return scanner }
        let scanner = Scanner(ruleSet: project.configuration.applying(overrides: indices, to: project.ruleSet))
        scanners[indices] = scanner
        return scanner
    }
}
