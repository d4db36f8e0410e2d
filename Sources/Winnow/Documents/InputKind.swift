/// What an input's first bytes say it is, decided before anything is scanned.
public enum InputKind: Equatable, Sendable {
    /// Text to scan (UTF-8, possibly with invalid bytes).
    case text
    /// A NUL byte in the first 8 KiB, as git and ripgrep decide: skipped.
    case binary(nulOffset: Int)
    /// UTF-16 text: a UTF-16 byte order mark, or NUL bytes on every other
    /// position (at least a quarter of the first 8 KiB, all on one parity).
    /// Refused: Winnow reads UTF-8 only.
    case utf16

    /// The kind of an input that starts with `prefix` (its first 8 KiB or more).
    public init(prefix: some Collection<UInt8>) {
        let head = Array(prefix.prefix(8192))
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) {
            self = .utf16
            return
        }
        guard let nul = head.firstIndex(of: 0) else {
            self = .text
            return
        }
        let nulPositions = head.indices.filter { head[$0] == 0 }
        let parities = Set(nulPositions.map { $0 % 2 })
        self = head.count >= 16 && nulPositions.count * 4 >= head.count && parities.count == 1 ? .utf16 : .binary(nulOffset: nul)
    }
}
