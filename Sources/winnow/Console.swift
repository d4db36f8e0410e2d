import Foundation

/// Writing to standard output and standard error.
enum Console {
    static func output(_ bytes: [UInt8]) {
        FileHandle.standardOutput.write(Data(bytes))
    }

    static func output(line: String) {
        output(Array((line + "\n").utf8))
    }

    /// A diagnostic on standard error.
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
