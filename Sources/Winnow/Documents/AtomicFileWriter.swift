import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a file so that it is either entirely the old file or entirely the
/// new one: the bytes go to a temporary file in the same folder, which is
/// flushed to disk (`fsync`) and then renamed over the destination — the
/// pattern of git's lock files and rsync. The new file keeps the permissions
/// and, where the process may set it, the owner of the file it replaces, or
/// gets the default permissions (0666 less the umask). Like every atomic
/// replacement, it gives a hard-linked file a copy of its own.
///
/// If the process is interrupted (SIGINT, SIGTERM, SIGHUP) while a writer is
/// open, the temporary file is removed and the destination is left as it was.
public final class AtomicFileWriter {
    /// The file that ``commit()`` replaces or creates.
    public let destination: String
    private let temporary: String
    private let descriptor: Int32
    private var finished = false

    /// Creates the temporary file beside `destination`.
    /// - Throws: ``InputError`` naming `destination` when it cannot be created.
    public init(destination: String) throws(InputError) {
        self.destination = destination
        let folder = (destination as NSString).deletingLastPathComponent
        let name = (destination as NSString).lastPathComponent
        var template = Array(((folder.isEmpty ? "" : folder + "/") + ".\(name).winnow-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw InputError(path: destination, message: "cannot write: \(String(cString: strerror(errno)))")
        }
        self.descriptor = descriptor
        self.temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        InterruptCleanup.register(temporary)
    }

    deinit { discard() }

    /// Appends `bytes` to the temporary file.
    /// - Throws: ``InputError`` naming the destination and the cause (a full disk, say).
    public func write(_ bytes: [UInt8]) throws(InputError) {
        try writeAll(bytes, to: descriptor, path: destination)
    }

    /// Flushes the temporary file, gives it the destination's permissions and
    /// renames it over the destination.
    /// - Throws: ``InputError``; the destination is then unchanged.
    public func commit() throws(InputError) {
        var status = stat()
        let mode: mode_t
        if stat(destination, &status) == 0 {
            mode = status.st_mode & 0o7777
            // Keep the owner too, where allowed (as root, or the same user).
            _ = fchown(descriptor, status.st_uid, status.st_gid)
        } else {
            let mask = umask(0)
            umask(mask)
            mode = 0o666 & ~mask
        }
        var error: InputError?
        if fchmod(descriptor, mode) != 0 || fsync(descriptor) != 0 { error = failure() }
        if close(descriptor) != 0, error == nil { error = failure() }
        finished = true
        if error == nil, rename(temporary, destination) != 0 { error = failure() }
        InterruptCleanup.unregister()
        if let error {
            unlink(temporary)
            throw error
        }
    }

    /// Removes the temporary file; the destination is left as it was.
    public func discard() {
        guard !finished else { return }
        finished = true
        close(descriptor)
        unlink(temporary)
        InterruptCleanup.unregister()
    }

    private func failure() -> InputError {
        InputError(path: destination, message: "cannot write: \(String(cString: strerror(errno)))")
    }
}

/// Removes the open temporary file when a signal stops the process, then
/// exits with 128 + the signal number, as shells report it. One file at a
/// time: Winnow writes its outputs one after another.
private enum InterruptCleanup {
    /// The temporary file's path as a C string, read by the signal handler
    /// (which may only call async-signal-safe functions such as `unlink`).
    nonisolated(unsafe) static var path: UnsafeMutablePointer<CChar>?
    nonisolated(unsafe) static var installed = false

    static func register(_ temporary: String) {
        unregister()
        path = strdup(temporary)
        guard !installed else { return }
        installed = true
        // A parent may start Winnow with these signals blocked (the mask is
        // inherited); they must reach the handler for the cleanup to run.
        var signals = sigset_t()
        sigemptyset(&signals)
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            sigaddset(&signals, signalNumber)
            signal(signalNumber) { number in
                if let path = InterruptCleanup.path { unlink(path) }
                _exit(128 + number)
            }
        }
        sigprocmask(SIG_UNBLOCK, &signals, nil)
    }

    static func unregister() {
        let old = path
        path = nil
        free(old)
    }
}
