import Foundation

/// One input to process: a file found from a command-line path, or standard input.
public struct InputFile: Sendable, Equatable {
    /// The name used in reports: the path as the user spelled it (a walked
    /// file is the folder argument joined with its relative path), or the
    /// standard-input name.
    public let path: String
    /// The path relative to the argument it came from: the file's own name for
    /// a file argument, the path below the folder for a walked file. `clean
    /// --output DIR` writes the clean text to `DIR/relativePath`.
    public let relativePath: String
    /// True for standard input (`-`).
    public let isStandardInput: Bool

    /// Standard input, named `name` in reports (`--stdin-filename`), `<stdin>` by default.
    public static func standardInput(named name: String? = nil) -> InputFile {
        InputFile(path: name ?? "<stdin>", relativePath: "stdin", isStandardInput: true)
    }

    /// Expands command-line paths, in the order given: `-` is standard input,
    /// named `standardInputName` when given, a folder gives its files as
    /// ``FileWalker`` lists them, anything else is taken as a file.
    /// - Returns: the inputs, and an ``InputError`` for each path that does not exist.
    public static func expand(_ paths: [String], standardInputName: String? = nil) -> (inputs: [InputFile], errors: [InputError]) {
        var inputs: [InputFile] = [], errors: [InputError] = []
        for path in paths {
            if path == "-" {
                inputs.append(.standardInput(named: standardInputName))
                continue
            }
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                errors.append(InputError(path: path, message: "no such file or folder"))
                continue
            }
            if isFolder.boolValue {
                let prefix = path.hasSuffix("/") ? path : path + "/"
                inputs += FileWalker.files(under: path).map {
                    InputFile(path: $0, relativePath: String($0.dropFirst(prefix.count)), isStandardInput: false)
                }
            } else {
                inputs.append(InputFile(path: path, relativePath: (path as NSString).lastPathComponent, isStandardInput: false))
            }
        }
        return (inputs, errors)
    }

    /// Reads the whole input into a ``Document``.
    /// - Throws: ``InputError`` when it cannot be read.
    public func read() throws(InputError) -> Document {
        if isStandardInput {
            return Document(name: path, bytes: [UInt8](FileHandle.standardInput.readDataToEndOfFile()))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(path: path, message: "cannot read file")
        }
        return Document(name: path, bytes: [UInt8](data))
    }
}

/// An input that could not be processed; the run goes on with the others
/// and ends with exit code 2.
public struct InputError: Error, Equatable, CustomStringConvertible {
    public let path: String
    public let message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// `PATH: MESSAGE`.
    public var description: String { "\(path): \(message)" }
}
