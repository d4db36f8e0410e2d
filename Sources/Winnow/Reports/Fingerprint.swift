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
    /// The hash of a finding's rule id and line, the part of its
    /// fingerprint that the findings of one rule on one line share.
    public struct LineState: Sendable {
        fileprivate let hasher: FNV1a64

        /// - Parameters:
        ///   - line: the bytes of the finding's first line, as read; invalid
        ///     UTF-8 is read as U+FFFD, as reports show it.
        ///   - isValidUTF8: true when `line` is known to be valid UTF-8, so
        ///     that it is not checked again.
        public init(ruleID: String, line: ArraySlice<UInt8>, isValidUTF8: Bool = false) {
            var hasher = FNV1a64()
            hasher.combine(ruleID.utf8)
            hasher.combine(0)
            if isValidUTF8 || line.withUnsafeBufferPointer({ UTF8Validation.firstInvalidOffset(in: $0) }) == nil {
                line.withUnsafeBufferPointer { Counter.combineNormalised($0, into: &hasher) }
            } else {
                var decoded = String(decoding: line, as: UTF8.self)
                decoded.withUTF8 { Counter.combineNormalised($0, into: &hasher) }
            }
            hasher.combine(0)
            self.hasher = hasher
        }
    }

    /// Gives the fingerprints of one file's findings in report order,
    /// counting occurrences across calls (across the segments of a large file).
    public struct Counter: Sendable {
        /// How many findings had each hash so far: the first few hashes in
        /// a short list searched in order (most files, and every record of
        /// a corpus, have a few findings, and a dictionary costs more to
        /// set up than such a list to search), the others in `seen`.
        private var first: [(hash: UInt64, count: Int)] = []
        private var seen: [UInt64: Int] = [:]
        private static let listLength = 16

        public init() {}

        /// The fingerprint of `finding`, whose first line holds `line` (its
        /// bytes as read; invalid UTF-8 is read as U+FFFD, as reports show it).
        public mutating func next(_ finding: Finding, line: ArraySlice<UInt8>) -> String {
            next(LineState(ruleID: finding.ruleID, line: line), matched: finding.matchedText)
        }

        /// The fingerprint of the next finding whose rule id and line give
        /// `state`, and whose matched text is `matched`.
        public mutating func next(_ state: LineState, matched: String) -> String {
            var hasher = state.hasher
            var matched = matched
            matched.withUTF8 { Self.combineNormalised($0, into: &hasher) }
            return Self.text(hash: hasher.value, occurrence: occurrence(of: hasher.value))
        }

        /// The number of earlier findings with `hash`, counting this one for the next.
        private mutating func occurrence(of hash: UInt64) -> Int {
            func postIncrement(_ count: inout Int) -> Int {
                defer { count += 1 }
                return count
            }
            if let index = first.firstIndex(where: { $0.hash == hash }) { return postIncrement(&first[index].count) }
            if first.count < Self.listLength {
                if first.isEmpty { first.reserveCapacity(Self.listLength) }
                first.append((hash, 1))
                return 0
            }
            return postIncrement(&seen[hash, default: 0])
        }

        /// `HASH:N`, written digit by digit into one new string, as a corpus
        /// run makes one fingerprint per finding.
        private static func text(hash: UInt64, occurrence: Int) -> String {
            let hexDigits: StaticString = "0123456789abcdef"
            let decimalDigits = DecimalDigits.count(UInt(occurrence))
            return String(unsafeUninitializedCapacity: 17 + decimalDigits) { buffer in
                for index in 0..<16 { buffer[index] = hexDigits.utf8Start[Int((hash >> UInt64(60 - 4 * index)) & 0xF)] }
                buffer[16] = UInt8(ascii: ":")
                DecimalDigits.write(UInt(occurrence), endingBefore: buffer.baseAddress! + 17 + decimalDigits)
                return 17 + decimalDigits
            }
        }

        fileprivate static func combineNormalised(_ bytes: UnsafeBufferPointer<UInt8>, into hasher: inout FNV1a64) {
            UTF8Validation.forEachWhiteSpaceNormalisedByte(bytes, 0..<bytes.count) { hasher.combine($0) }
        }
    }
}
