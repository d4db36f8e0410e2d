import ArgumentParser
import Winnow

/// The inputs of a command and the loop over them that both `clean` and
/// `check` share: expand the paths, read each input, skip binary files with a
/// notice, scan, and collect the notices (each also printed to standard
/// error as it happens).
final class InputRun {
    let scanner: Scanner
    let standardInputName: String?
    private(set) var notices: [Notice] = []

    init(ruleSet: RuleSet, standardInputName: String?) {
        scanner = Scanner(ruleSet: ruleSet)
        self.standardInputName = standardInputName
    }

    /// True when an input could not be processed or a rule hit a resource limit: exit code 2.
    var failed: Bool { notices.contains { $0.severity == .error } }

    /// Expands `paths`; a path that does not exist is reported and marks the run failed.
    func expand(_ paths: [String]) -> [InputFile] {
        let (inputs, errors) = InputFile.expand(paths.isEmpty ? ["-"] : paths, standardInputName: standardInputName)
        for error in errors { report(.fileError(error)) }
        return inputs
    }

    /// Reads and scans each input in order and hands it to `body`.
    func forEach(_ inputs: [InputFile], _ body: (InputFile, Document, ScanResult) throws -> Void) rethrows {
        for input in inputs {
            let document: Document
            do {
                document = try input.read()
            } catch {
                report(.fileError(error))
                continue
            }
            if let offset = document.binaryMarkerOffset {
                report(.skippedBinary(path: input.path, nulOffset: offset))
                continue
            }
            if let offset = document.firstInvalidUTF8Offset {
                report(.invalidUTF8(path: input.path, offset: offset))
            }
            let result = scanner.scan(document)
            for hit in result.limitHits { report(.resourceLimit(hit)) }
            try body(input, document, result)
        }
    }

    func report(_ notice: Notice) {
        Console.error(TextReport.line(for: notice))
        notices.append(notice)
    }

    /// Reports a file that the command cannot do without (a baseline, a
    /// `--removed` ledger) and returns the exit code 2 to end it with.
    func stop(_ error: InputError) -> ExitCode {
        report(.fileError(error))
        return ExitCode(2)
    }
}
