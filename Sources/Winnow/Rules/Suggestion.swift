/// "Did you mean …" suggestions for misspelt keys and rule ids, as git and
/// Cargo make them: the candidate with the smallest Levenshtein distance,
/// if that distance is at most a third of the word's length (at least 1);
/// failing that, the shortest candidate that the word begins (`teaser` →
/// `teaser-line`).
enum Suggestion {
    static func closest(to word: String, among candidates: some Sequence<String>) -> String? {
        let limit = max(1, word.count / 3)
        let scored = candidates.map { ($0, distance(word, $0)) }
        if let best = scored.filter({ $0.1 <= limit }).min(by: { ($0.1, $0.0) < ($1.1, $1.0) }) { return best.0 }
        guard !word.isEmpty else { return nil }
        return scored.map(\.0).filter { $0.hasPrefix(word) }.min { ($0.count, $0) < ($1.count, $1) }
    }

    /// Levenshtein edit distance in Unicode scalars (insert, delete, substitute).
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + [Int](repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
