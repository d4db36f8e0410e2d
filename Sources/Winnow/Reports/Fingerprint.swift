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

    /// A fingerprint as its two numbers, written as `HASH:N` only where a
    /// report shows it: a corpus run makes one for each finding.
    public struct Value: Sendable, Equatable, CustomStringConvertible {
        /// The 64-bit FNV-1a hash of the rule id, line and matched text.
        public let hash: UInt64
        /// The 0-based count of earlier findings in the file with ``hash``.
        public let occurrence: Int

        /// `HASH:N`: 16 lowercase hex digits, a colon and the decimal occurrence.
        public var description: String {
            String(unsafeUninitializedCapacity: Self.maximumLength) { buffer in
                write(at: buffer.baseAddress!) - buffer.baseAddress!
            }
        }

        /// The most bytes of ``description``: 16 hex digits, a colon and up to 20 decimal digits.
        static let maximumLength = 37

        /// Writes ``description`` at `start`, which has room for
        /// ``maximumLength`` bytes, and returns the address after it.
        func write(at start: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
            let hexDigits: StaticString = "0123456789abcdef"
            for index in 0..<16 { start[index] = hexDigits.utf8Start[Int((hash >> UInt64(60 - 4 * index)) & 0xF)] }
            start[16] = UInt8(ascii: ":")
            return DecimalDigits.write(occurrence, at: start + 17)
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
        public mutating func next(_ finding: Finding, line: ArraySlice<UInt8>) -> Value {
            next(LineState(ruleID: finding.ruleID, line: line), matched: finding.matchedText)
        }

        /// The fingerprint of the next finding whose rule id and line give
        /// `state`, and whose matched text is `matched`.
        public mutating func next(_ state: LineState, matched: String) -> Value {
            var hasher = state.hasher
            var matched = matched
            matched.withUTF8 { Self.combineNormalised($0, into: &hasher) }
            return Value(hash: hasher.value, occurrence: occurrence(of: hasher.value))
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

        fileprivate static func combineNormalised(_ bytes: UnsafeBufferPointer<UInt8>, into hasher: inout FNV1a64) {
            UTF8Validation.forEachWhiteSpaceNormalisedByte(bytes, 0..<bytes.count) { hasher.combine($0) }
        }
    }
}
