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

        /// The fingerprint of `finding`, whose first line's text is `line`.
        public mutating func next(_ finding: Finding, line: String) -> String {
            let key = [finding.ruleID, normalised(line), normalised(finding.matchedText)].joined(separator: "\u{0}")
            let hash = fnv1a64(Array(key.utf8))
            let occurrence = seen[hash, default: 0]
            seen[hash] = occurrence + 1
            return String(hash, radix: 16).leftPadded(to: 16) + ":" + String(occurrence)
        }
    }

    /// `text` trimmed, with every run of white space replaced by one space.
    static func normalised(_ text: String) -> String {
        text.unicodeScalars.split(whereSeparator: \.properties.isWhitespace)
            .map { String(String.UnicodeScalarView($0)) }
            .joined(separator: " ")
    }

    /// FNV-1a, 64-bit (offset basis 0xcbf29ce484222325, prime 0x100000001b3).
    static func fnv1a64(_ bytes: [UInt8]) -> UInt64 {
        bytes.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }
}
