/// The forms of an ellipsis that scraped text ends truncated teasers with,
/// treated as one: `…` (U+2026, one or more: `……`), three or more full stops
/// (`...`), and three or more full stops each followed by one space, NBSP
/// U+00A0 or narrow NBSP U+202F but the last (`. . .`).
///
/// An `ends_with` condition naming any of these forms is met by a unit
/// ending with any of them.
public enum Ellipsis {
    /// The length in bytes of the ellipsis that the UTF-8 `bytes` end
    /// with, or 0 when they end with none (`..` and `. .` are not one).
    public static func trailingLength<Bytes: BidirectionalCollection>(of bytes: Bytes) -> Int where Bytes.Element == UInt8 {
        var end = bytes.endIndex
        var length = 0
        while let start = bytes.index(end, offsetBy: -3, limitedBy: bytes.startIndex),
              bytes[start...].prefix(3).elementsEqual(horizontalEllipsis) {
            length += 3
            end = start
        }
        if length > 0 { return length }

        var dots = 0
        end = bytes.endIndex
        while end > bytes.startIndex, bytes[bytes.index(before: end)] == fullStop {
            dots += 1
            end = bytes.index(before: end)
        }
        if dots >= 3 { return dots }
        guard dots == 1 else { return 0 }
        // Spaced: ". . ." read from the end.
        length = 1
        while true {
            guard let separator = separators.first(where: { bytes[..<end].reversed().starts(with: $0.reversed()) }) else { break }
            let afterSeparator = bytes.index(end, offsetBy: -separator.count)
            guard afterSeparator > bytes.startIndex, bytes[bytes.index(before: afterSeparator)] == fullStop else { break }
            end = bytes.index(before: afterSeparator)
            length += separator.count + 1
            dots += 1
        }
        return dots >= 3 ? length : 0
    }

    /// Whether `string` is, as a whole, one of the ellipsis forms.
    public static func isEllipsis(_ string: String) -> Bool {
        let length = trailingLength(of: string.utf8)
        return length > 0 && length == string.utf8.count
    }

    private static let horizontalEllipsis: [UInt8] = [0xE2, 0x80, 0xA6]
    private static let fullStop = UInt8(ascii: ".")
    /// Space, NBSP, narrow NBSP.
    private static let separators: [[UInt8]] = [[0x20], [0xC2, 0xA0], [0xE2, 0x80, 0xAF]]
}
