/// A finding's identity that survives edits elsewhere in its file, for
/// baselines and SARIF `partialFingerprints` (SARIF 2.1.0 §3.27.17).
///
/// The fingerprint is `HASH:N`: `HASH` is 16 lowercase hex digits of the
/// 64-bit FNV-1a hash of the UTF-8 of the rule id, the finding's line and the
/// matched text, each with white space normalised (trimmed, every run of
/// Unicode white space made one space) and separated by a NUL; `N` is the
/// 0-based count of earlier findings in the same file with the same hash.
/// Neither the line number nor the column takes part, so inserting or
/// deleting other lines, or re-indenting this one, keeps the fingerprint; a
/// new copy of the same line above it shifts `N` for the copies below it.
/// The path is not part of it: a baseline pairs it with the path.
public enum Fingerprint {
    /// Gives the fingerprints of one file's findings in report order,
    /// counting occurrences across calls (across the segments of a large file).
    public struct Counter: Sendable {
        private var seen: [UInt64: Int] = [:]

        public init() {}

        /// The fingerprint of `finding`, whose first line holds `line` (its
        /// bytes as read; invalid UTF-8 is read as U+FFFD, as reports show it).
        public mutating func next(_ finding: Finding, line: ArraySlice<UInt8>) -> String {
            let text = String(validating: line, as: UTF8.self) != nil ? Array(line) : Array(String(decoding: line, as: UTF8.self).utf8)
            let key = Array(finding.ruleID.utf8) + [0] + normalised(text) + [0] + normalised(Array(finding.matchedText.utf8))
            let hash = fnv1a64(key)
            let occurrence = seen[hash, default: 0]
            seen[hash] = occurrence + 1
            return String(hash, radix: 16).leftPadded(to: 16) + ":" + String(occurrence)
        }
    }

    /// The UTF-8 text `bytes` trimmed, with every run of Unicode white space
    /// replaced by one space.
    static func normalised(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        bytes.withUnsafeBufferPointer { buffer in
            var index = 0, pendingSpace = false
            while index < buffer.count {
                let space = UTF8Validation.whiteSpaceLength(buffer, at: index)
                if space > 0 {
                    pendingSpace = !out.isEmpty
                    index += space
                } else {
                    if pendingSpace { out.append(0x20) }
                    pendingSpace = false
                    out.append(buffer[index])
                    index += 1
                }
            }
        }
        return out
    }

    /// FNV-1a, 64-bit (offset basis 0xcbf29ce484222325, prime 0x100000001b3).
    static func fnv1a64(_ bytes: [UInt8]) -> UInt64 {
        bytes.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }
}
