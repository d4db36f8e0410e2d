import Foundation

/// Runs the `winnow` binary built beside the test bundle, for end-to-end tests.
enum WinnowProcess {
    struct Outcome: Equatable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("winnow")

    /// Runs winnow in `folder` (the package root by default) with `stdin` as
    /// standard input and `environment` added to this process's environment;
    /// `inputHandle` or `outputHandle` replace standard input or output;
    /// with `executable`, the arguments start with it and it is run instead.
    static func run(_ arguments: [String], stdin: [UInt8] = [], environment: [String: String] = [:],
                    in folder: URL = Support.root, inputHandle: FileHandle? = nil,
                    outputHandle: FileHandle? = nil, executable: URL? = nil) throws -> Outcome {
        let process = Process()
        process.executableURL = executable ?? binary
        process.arguments = executable == nil ? arguments : Array(arguments.dropFirst())
        process.currentDirectoryURL = folder
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let input = Pipe(), output = Pipe(), error = Pipe()
        process.standardInput = inputHandle ?? input.fileHandleForReading
        process.standardOutput = outputHandle ?? output.fileHandleForWriting
        process.standardError = error
        try process.run()
        try input.fileHandleForReading.close()
        try output.fileHandleForWriting.close()
        input.fileHandleForWriting.write(Data(stdin))
        try input.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                       stderr: String(decoding: err, as: UTF8.self))
    }

    /// A new, empty folder under the system's temporary folder.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
