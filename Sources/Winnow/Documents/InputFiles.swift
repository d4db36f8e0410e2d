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
    /// The folder argument the file was found under, as given; `nil` for a
    /// file named directly and for standard input.
    public let folder: String?

    /// Standard input, named `name` in reports (`--stdin-filename`), `<stdin>` by default.
    public static func standardInput(named name: String? = nil) -> InputFile {
        InputFile(path: name ?? "<stdin>", relativePath: "stdin", isStandardInput: true, folder: nil)
    }

    /// Expands command-line paths, in the order given: `-` is standard input
    /// (named `standardInputName` when given), a folder gives the files that
    /// ``FileWalker`` lists under `options` and
    /// `selects` accepts, anything else is taken as a file (named files are
    /// always taken, as ripgrep takes them).
    /// - Returns: the inputs, and an ``InputError`` for each path that does
    ///   not exist and each folder that cannot be read.
    public static func expand(
        _ paths: [String], standardInputName: String? = nil, options: FileWalker.Options = FileWalker.Options(),
        selects: (String) -> Bool = { _ in true }
    ) -> (inputs: [InputFile], errors: [InputError]) {
        var inputs: [InputFile] = [], errors: [InputError] = []
        for path in paths {
            if path == "-" {
                inputs.append(.standardInput(named: standardInputName))
                continue
            }
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                let isLink = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil
                errors.append(InputError(path: path, message: isLink ? "broken symbolic link or link loop" : "no such file or folder"))
                continue
            }
            if isFolder.boolValue {
                let listing = FileWalker.files(under: path, options: options)
                let prefix = FileWalker.prefix(of: path)
                inputs += listing.files.filter(selects).map {
                    InputFile(path: $0, relativePath: String($0.dropFirst(prefix.count)), isStandardInput: false, folder: path)
                }
                errors += listing.errors
            } else {
                inputs.append(InputFile(path: path, relativePath: (path as NSString).lastPathComponent, isStandardInput: false,
                                        folder: nil))
            }
        }
        // A file reached twice (named and inside a named folder, say) is read once.
        var seen: Set<String> = []
        inputs = inputs.filter { $0.isStandardInput || seen.insert(URL(fileURLWithPath: $0.path).standardizedFileURL.path).inserted }
        return (inputs, errors)
    }

    /// A reader over the input, for ``InputPipeline``, or with
    /// `lineFeedsOnly` (lines end at LF alone) for ``JSONLPipeline``.
    /// - Throws: ``InputError`` when the file cannot be opened (the cause included).
    public func open(segmentSize: Int = 16 << 20, lineFeedsOnly: Bool = false) throws(InputError) -> SegmentReader {
        if isStandardInput { return reader(.standardInput, segmentSize: segmentSize, lineFeedsOnly: lineFeedsOnly) }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw InputError(path: path, message: "is a folder, not a file")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            let cause = FileManager.default.isReadableFile(atPath: path) ? "cannot open file" : "permission denied"
            throw InputError(path: path, message: "cannot read file: \(cause)")
        }
        return reader(handle, segmentSize: segmentSize, lineFeedsOnly: lineFeedsOnly)
    }

    /// A reader whose read errors are ``InputError``s naming this input and
    /// the cause; a gzip-compressed input (``Gzip``) is decompressed.
    private func reader(_ handle: FileHandle, segmentSize: Int, lineFeedsOnly: Bool) -> SegmentReader {
        var inflater: Gzip.Inflater?
        var started = false
        let what = isStandardInput ? "standard input" : "file"
        return SegmentReader(segmentSize: segmentSize, lineFeedsOnly: lineFeedsOnly) { buffer, count throws(InputError) in
            do {
                if !started {
                    started = true
                    let start = buffer.count
                    guard try Self.append(from: handle.fileDescriptor, to: &buffer, upTo: count) > 0 else { return false }
                    guard Gzip.isCompressed(buffer[start...]) else { return true }
                    let raw = Array(buffer[start...])
                    buffer.removeSubrange(start...)
                    inflater = Gzip.Inflater()
                    buffer += try inflater!.inflate(raw)
                    if buffer.count > start { return true }
                }
                guard let inflater else { return try Self.append(from: handle.fileDescriptor, to: &buffer, upTo: count) > 0 }
                while true {
                    var raw: [UInt8] = []
                    guard try Self.append(from: handle.fileDescriptor, to: &raw, upTo: 1 << 20) > 0 else {
                        guard inflater.isComplete else { throw GzipError(message: "the gzip data ends early") }
                        return false
                    }
                    let bytes = try inflater.inflate(raw)
                    if !bytes.isEmpty {
                        buffer += bytes
                        return true
                    }
                }
            } catch let error as GzipError {
                throw InputError(path: path, message: "cannot decompress \(what): \(error.message)")
            } catch {
                let cause = (error as? ReadFailure).map { String(cString: strerror($0.code)) } ?? "\(error)"
                throw InputError(path: path, message: "cannot read \(what): \(cause)")
            }
        }
    }

    /// Appends to `buffer` up to `count` bytes read from `descriptor`
    /// (fewer only at the end of the input) and returns how many. The bytes
    /// are read straight into the buffer's storage, grown a step at a time
    /// so that a small file does not cost a whole window.
    /// - Throws: ``ReadFailure`` with `errno` when `read(2)` fails.
    private static func append(from descriptor: Int32, to buffer: inout [UInt8], upTo count: Int) throws -> Int {
        var total = 0
        while total < count {
            let start = buffer.count
            let step = min(count - total, max(64 << 10, buffer.capacity - start))
            buffer.append(contentsOf: repeatElement(0, count: step))
            var code: Int32 = 0
            let got = buffer.withUnsafeMutableBufferPointer { storage in
                let got = read(descriptor, storage.baseAddress! + start, step)
                if got < 0 { code = errno }
                return got
            }
            buffer.removeLast(step - max(got, 0))
            if got < 0 {
                if code == EINTR { continue }
                throw ReadFailure(code: code)
            }
            if got == 0 { break }
            total += got
        }
        return total
    }

    /// A failed `read(2)`, with its `errno`.
    private struct ReadFailure: Error {
        let code: Int32
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

    /// A UTF-16 input (``InputKind/utf16``), which Winnow refuses, with the command that converts it.
    public static func utf16(path: String) -> InputError {
        InputError(path: path, message: "UTF-16 text is not supported; convert it to UTF-8 (iconv -f UTF-16 -t UTF-8)")
    }
}
