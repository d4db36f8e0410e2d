/// In how many documents of each group each normalised line occurs: the
/// counts behind the `min_repeats` condition and `winnow learn`.
///
/// A corpus run fills it in a first pass over its inputs (``CorpusReader``)
/// and scans in a second pass with the counts of each document's group
/// (``Counts``). Only the 64-bit key of each line is kept (``LineKey``), not
/// its text: memory grows with the number of distinct lines of a group,
/// 16 to 32 bytes each (an 8-byte key and a 4-byte count in a Swift
/// dictionary, which grows by doubling when three quarters full), and
/// never with their length.
///
/// A line counts once per document however often that document repeats it,
/// so the counts do not depend on the order of the documents.
public struct RepetitionIndex: Sendable {
    /// Per group, per line key: the number of documents that hold the line.
    private var tables: [String: [UInt64: UInt32]] = [:]

    public init() {}

    /// Counts one document of `group`: each of `keys` (its distinct line
    /// keys, ``LineKey/keys(of:)``) occurs in one more document.
    public mutating func add(_ keys: Set<UInt64>, group: String) {
        for key in keys { tables[group, default: [:]][key, default: 0] += 1 }
    }

    /// The same index without the lines held by fewer than `minimum`
    /// documents, which no `min_repeats` of at least `minimum` can use.
    public func keeping(minimum: Int) -> RepetitionIndex {
        var index = RepetitionIndex()
        for (group, table) in tables {
            let kept = table.filter { $0.value >= minimum }
            if !kept.isEmpty { index.tables[group] = kept }
        }
        return index
    }

    /// The names of the groups that hold at least one counted line, in
    /// ascending order of their UTF-8 bytes.
    public var groups: [String] { tables.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) } }

    /// The counts of `group`; empty for a group the index does not know.
    public func counts(of group: String) -> Counts {
        Counts(table: tables[group] ?? [:])
    }

    /// The counts of one group, handed to ``Scanner/scan(_:isStart:isEnd:scratch:repeats:)``.
    public struct Counts: Sendable {
        fileprivate let table: [UInt64: UInt32]

        /// In how many documents of the group the line with `key` occurs (0 when none).
        public func documents(containing key: UInt64) -> Int {
            Int(table[key] ?? 0)
        }

        /// For each line of `document` (0-based, as ``Document/lines``): in
        /// how many documents of the group it occurs; 0 for a blank line.
        public func lineCounts(of document: Document) -> [Int] {
            document.lines.indices.map { index in
                document.blankLines[index] ? 0 : documents(containing: LineKey.hash(document.bytes, document.lines[index].content))
            }
        }
    }
}

/// The key a line is counted under: its text normalised, then hashed.
///
/// Normalisation: white space (the Unicode `White_Space` property) is
/// trimmed from both ends and each run of it inside the line becomes one
/// space (U+0020); everything else, letter case and digits included, is
/// kept byte for byte (bytes that are not valid UTF-8 too). Case is kept
/// because the boilerplate of one site repeats byte for byte, and folding
/// would join lines that a site writes differently on purpose.
///
/// The hash is 64-bit FNV-1a (``FNV1a64``). Two distinct
/// lines share a key with probability about n² / 2⁶⁵ for n distinct lines
/// (3 × 10⁻⁶ for ten million).
public enum LineKey {
    /// The key of the line `range` of `bytes` (0-based byte offsets, terminator excluded).
    public static func hash(_ bytes: [UInt8], _ range: Range<Int>) -> UInt64 {
        var hasher = FNV1a64()
        bytes.withUnsafeBufferPointer { buffer in
            UTF8Validation.forEachWhiteSpaceNormalisedByte(buffer, range) { hasher.combine($0) }
        }
        return hasher.value
    }

    /// The normalised text of the line `range` of `bytes`, as UTF-8 bytes.
    public static func normalised(_ bytes: [UInt8], _ range: Range<Int>) -> [UInt8] {
        var text: [UInt8] = []
        bytes.withUnsafeBufferPointer { buffer in
            UTF8Validation.forEachWhiteSpaceNormalisedByte(buffer, range) { text.append($0) }
        }
        return text
    }

    /// The distinct keys of the non-blank lines of `document`.
    public static func keys(of document: Document) -> Set<UInt64> {
        var keys: Set<UInt64> = []
        for (index, line) in document.lines.enumerated() where !document.blankLines[index] {
            keys.insert(hash(document.bytes, line.content))
        }
        return keys
    }
}
