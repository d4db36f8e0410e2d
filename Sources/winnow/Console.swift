import ArgumentParser
import Foundation

/// Writing to standard output and standard error.
enum Console {
    /// Writes to standard output.
    /// - Throws: `ExitCode(2)`, after a message on standard error, when the
    ///   output cannot be written (a full disk, a closed pipe).
    static func output(_ bytes: [UInt8]) throws {
        do {
            try FileHandle.standardOutput.write(contentsOf: bytes)
        } catch {
            throw failure("cannot write standard output: \(error.localizedDescription)")
        }
    }

    static func output(line: String) throws {
        try output(Array((line + "\n").utf8))
    }

    /// Reports an error that stops the command, for `throw Console.failure(…)`:
    /// one line on standard error, then exit code 2.
    static func failure(_ message: String) -> ExitCode {
        error("winnow: error: \(message)")
        return ExitCode(2)
    }

    /// A diagnostic on standard error.
    static func error(_ line: String) {
        try? FileHandle.standardError.write(contentsOf: Data((line + "\n").utf8))
    }
}
