/// The stop words of one or more languages, for the `when` keys
/// `min_stopword_ratio` and `max_stopword_ratio`.
///
/// The lists are the built-in pack's `stopwords-LANG.txt` files, taken from
/// spaCy's per-language `stop_words.py` (MIT License; `scripts/stopwords.py`
/// writes them), one lowercase word a line. Each word is stored as written,
/// in capitals, and with its first letter capitalised, so that a word of a
/// text is looked up by its bytes alone, without case mapping: "the",
/// "The" and "THE" are stop words, "tHe" is not.
///
/// Lookup hashes the word's UTF-8 bytes (64-bit FNV-1a) into an
/// open-addressing table and allocates nothing.
public struct StopWordSet: Sendable, Equatable {
    /// The language codes the set was built from, as given.
    public let languages: [String]
    /// The longest entry, in Unicode scalars, among those written in a
    /// script without spaces (Han, kana); 0 when there is none.
    let longestUnspacedEntry: Int
    /// All entries' UTF-8 bytes, one after another.
    private let store: [UInt8]
    /// Per table slot: 0 when empty, else 1 + the index of an entry in ``bounds``.
    private let slots: [Int32]
    /// Per table slot: the hash of its entry.
    private let slotHashes: [UInt64]
    /// Per entry: its byte range in ``store``.
    private let bounds: [Range<Int>]

    /// The language codes that have a list, sorted.
    public static let availableLanguages: [String] = lists.keys.sorted()

    /// Per language code, its words as the pack's file lists them.
    static let lists: [String: [String]] = {
        var lists: [String: [String]] = [:]
        for (name, bytes) in BuiltinPack.files where name.hasPrefix("stopwords-") && name.hasSuffix(".txt") && name != "stopwords-LICENSE.txt" {
            let language = String(name.dropFirst("stopwords-".count).dropLast(".txt".count))
            lists[language] = String(decoding: bytes, as: UTF8.self).split(separator: "\n").compactMap { line in
                let word = String(line).trimmingWhitespace()
                return word.isEmpty || word.hasPrefix("#") ? nil : word
            }
        }
        return lists
    }()

    /// The union of the lists of `languages`, or `nil` when one of them has
    /// no list (see ``availableLanguages``).
    public init?(languages: [String]) {
        var words: Set<String> = []
        for language in languages {
            guard let list = Self.lists[language] else { return nil }
            for word in list {
                words.insert(word)
                words.insert(word.uppercased())
                if let first = word.first { words.insert(first.uppercased() + word.dropFirst()) }
            }
        }
        let entries = words.sorted()
        var capacity = 16
        while capacity < entries.count * 2 { capacity *= 2 }
        var store: [UInt8] = [], bounds: [Range<Int>] = []
        var slots = [Int32](repeating: 0, count: capacity), slotHashes = [UInt64](repeating: 0, count: capacity)
        var longest = 0
        for entry in entries {
            let start = store.count
            store += entry.utf8
            bounds.append(start..<store.count)
            let hash = store.withUnsafeBufferPointer { Self.hash(UnsafeBufferPointer(rebasing: $0[start...])) }
            var slot = Int(truncatingIfNeeded: hash) & (capacity - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (capacity - 1) }
            slots[slot] = Int32(bounds.count)
            slotHashes[slot] = hash
            if let first = entry.unicodeScalars.first, UnitFeatures.isWrittenWithoutSpaces(first.value) {
                longest = max(longest, entry.unicodeScalars.count)
            }
        }
        self.languages = languages
        self.longestUnspacedEntry = longest
        self.store = store
        self.slots = slots
        self.slotHashes = slotHashes
        self.bounds = bounds
    }

    /// Whether these UTF-8 bytes are exactly one entry.
    func contains(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        let hash = Self.hash(word)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            if slotHashes[slot] == hash {
                let range = bounds[Int(slots[slot]) - 1]
                if range.count == word.count, store.withUnsafeBufferPointer({ $0[range].elementsEqual(word) }) { return true }
            }
            slot = (slot + 1) & mask
        }
        return false
    }

    /// 64-bit FNV-1a (Fowler, Noll and Vo).
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// Two sets are equal when they were built from the same languages.
    public static func == (lhs: StopWordSet, rhs: StopWordSet) -> Bool {
        lhs.languages == rhs.languages
    }
}
