/// The forms of an ellipsis that scraped text ends truncated teasers with,
/// treated as one in `ends_with`: an entry that is an ellipsis is met by a
/// unit that ends with an ellipsis in any form, as `ends_with_ellipsis`
/// decides it (``UnitFeatures/ending(of:)``: `…`, `……`, `⋯`, `‥`, two or
/// more full stops, also spaced as `. . .`).
public enum Ellipsis {
    /// Whether `string`, as a whole, is an ellipsis in one of its forms:
    /// only ellipsis characters, full stops and the spaces between them, and
    /// read as an ending that is an ellipsis.
    public static func isEllipsis(_ string: String) -> Bool {
        guard !string.isEmpty, string.unicodeScalars.allSatisfy({
            UnitFeatures.ellipses.contains($0.value) || UnitFeatures.fullStops.contains($0.value)
                || UnitFeatures.ellipsisSeparators.contains($0.value)
        }) else { return false }
        return Array(string.utf8).withUnsafeBufferPointer { UnitFeatures.ending(of: $0) == .ellipsis }
    }
}
