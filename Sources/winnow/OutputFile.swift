import Foundation
import Winnow

/// A file a command writes (a baseline, a `--removed` ledger), created or
/// emptied when opened.
final class OutputFile {
    let path: String
    private let handle: FileHandle

    /// - Throws: ``InputError`` naming `path` when it cannot be created.
    init(path: String) throws(InputError) {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw InputError(path: path, message: "cannot write file")
        }
        self.path = path
        self.handle = handle
    }

    deinit {
        try? handle.close()
    }

    /// - Throws: ``InputError`` naming the file when the write fails.
    func write(_ bytes: [UInt8]) throws(InputError) {
        do {
            try handle.write(contentsOf: Data(bytes))
        } catch {
            throw InputError(path: path, message: "cannot write file: \(error.localizedDescription)")
        }
    }
}
