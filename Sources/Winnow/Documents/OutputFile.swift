import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file a command writes besides its output (a baseline, a `--removed`
/// ledger, `--rejected` records), opened as `>` opens it in a shell: created,
/// or emptied if it exists. Symbolic links are followed and special files
/// (`/dev/null`, a FIFO, `/dev/fd/N`) are written to, never replaced.
public final class OutputFile {
    public let path: String
    private let descriptor: Int32

    /// - Throws: ``InputError`` naming `path` and the cause when it cannot be opened.
    public init(path: String) throws(InputError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            throw InputError(path: path, message: "cannot write file: \(String(cString: strerror(errno)))")
        }
        self.path = path
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// - Throws: ``InputError`` naming the file and the cause when the write fails.
    public func write(_ bytes: [UInt8]) throws(InputError) {
        try writeAll(bytes, to: descriptor, path: path)
    }
}

/// Writes all of `bytes` to `descriptor`, as many `write` calls as it takes.
/// - Throws: ``InputError`` naming `path` and the cause (a full disk, say).
func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws(InputError) {
    var offset = 0
    while offset < bytes.count {
        let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        guard written > 0 else {
            throw InputError(path: path, message: "cannot write: \(String(cString: strerror(errno)))")
        }
        offset += written
    }
}
