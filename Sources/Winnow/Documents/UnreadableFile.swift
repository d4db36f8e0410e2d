import Foundation

/// Why a file that Foundation could not read cannot be read, in the
/// system's words (`strerror`: "No such file or directory", "Permission
/// denied", "Is a directory"), for error messages that give the cause.
enum UnreadableFile {
    /// The cause for `path`; "not a regular file" for a device or a pipe
    /// (`/dev/null`), "unreadable" when opening and reading it now succeed.
    static func cause(_ path: String) -> String {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK)
        guard descriptor >= 0 else { return String(cString: strerror(errno)) }
        defer { close(descriptor) }
        var status = stat()
        if fstat(descriptor, &status) == 0 && status.st_mode & S_IFMT != S_IFREG && status.st_mode & S_IFMT != S_IFDIR {
            return "not a regular file"
        }
        var byte: UInt8 = 0
        return read(descriptor, &byte, 1) < 0 ? String(cString: strerror(errno)) : "unreadable"
    }
}
