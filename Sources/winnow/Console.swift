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
            Console.error("winnow: error: cannot write standard output: \(error.localizedDescription)")
            throw ExitCode(2)
        }
    }

    static func output(line: String) throws {
        try output(Array((line + "\n").utf8))
    }

    /// A diagnostic on standard error.
    static func error(_ line: String) {
        try? FileHandle.standardError.write(contentsOf: Data((line + "\n").utf8))
    }
}
