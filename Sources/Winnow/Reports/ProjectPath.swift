/// Paths as CI systems want them: relative to the project root, `/`-separated.
///
/// GitHub code scanning and workflow annotations locate files relative to the
/// repository root, and SARIF 2.1.0 §3.4.3 wants an artifact's `uri` to be a
/// valid URI reference (RFC 3986), so reports name a file by its path below the
/// root (the current folder) rather than as it was spelled on the command line.
public enum ProjectPath {
    /// `path` relative to `root`, with `.` and `..` segments and repeated `/`
    /// resolved (symbolic links are not); `path` may be absolute or relative
    /// to `root`, which must be absolute.
    /// - Returns: the relative path, or the normalised absolute path when it
    ///   lies outside `root`.
    public static func relative(_ path: String, to root: String) -> String {
        let absolute = normalised(path.hasPrefix("/") ? path : root + "/" + path)
        let base = normalised(root)
        let prefix = base == "/" ? "/" : base + "/"
        return absolute.hasPrefix(prefix) ? String(absolute.dropFirst(prefix.count)) : absolute
    }

    /// A URI reference for `path` relative to `root`: the relative path with
    /// every byte outside RFC 3986's unreserved set and `/` percent-encoded
    /// (UTF-8), or a `file://` URI when the file lies outside `root`.
    public static func uri(_ path: String, root: String) -> String {
        let relative = relative(path, to: root)
        return (relative.hasPrefix("/") ? "file://" : "") + percentEncoded(relative)
    }

    private static func normalised(_ absolute: String) -> String {
        var segments: [Substring] = []
        for segment in absolute.split(separator: "/") where segment != "." {
            if segment == ".." {
                _ = segments.popLast()
            } else {
                segments.append(segment)
            }
        }
        return "/" + segments.joined(separator: "/")
    }

    private static func percentEncoded(_ text: String) -> String {
        var encoded = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                encoded += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return encoded
    }
}

extension String {
    /// The string with `0` in front up to `width` characters.
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
