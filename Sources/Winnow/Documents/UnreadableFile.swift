import Foundation

/// Why a file that Foundation could not read cannot be read, in the
/// system's words (`strerror`: "No such file or directory", "Permission
/// denied", "Is a directory"), for error messages that give the cause.
enum UnreadableFile {
    /// The cause for `path`; "unreadable" when opening and reading it now succeed.
    static func cause(_ path: String) -> String {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return String(cString: strerror(errno)) }
        defer { close(descriptor) }
        var byte: UInt8 = 0
        return read(descriptor, &byte, 1) < 0 ? String(cString: strerror(errno)) : "unreadable"
    }
}
