/// The context rule behind `unless_between_prose`, after jusText's
/// context-sensitive classification (Pomikálek 2011, "Removing Boilerplate
/// and Duplicate Content from Web Corpora", PhD thesis, Masaryk University): a short block
/// that stands between two good blocks is kept as good.
///
/// A hit of a rule with `unless_between_prose` is dropped when the units
/// just before and just after it (units of the rule's scope; blank lines are
/// not units) are both prose. A unit is prose when the same rule does not
/// hit it, it ends with sentence-final punctuation (``UnitFeatures/Ending/terminal``)
/// and its trimmed text is at least ``minimumScalars`` Unicode scalars long.
/// The first and last units have a neighbour on one side only, so their hits stand.
enum ProseNeighbours {
    /// jusText's `LENGTH_LOW`: blocks shorter than 70 characters are "short".
    static let minimumScalars = 70

    /// `hits` (in unit order) without those whose neighbours are both prose.
    /// - Parameters:
    ///   - units: the units of the rule's scope in `view`, which the hits index.
    ///   - trimmed: each unit's byte range without its edge white space.
    static func hitsOutsideProse(_ hits: [UnitHit], units: [Unit], trimmed: [Range<Int>], view: Document) -> [UnitHit] {
        let hitUnits = Set(hits.map(\.unitIndex))
        return view.bytes.withUnsafeBufferPointer { buffer in
            func isProse(_ index: Int) -> Bool {
                guard units.indices.contains(index), !hitUnits.contains(index) else { return false }
                let text = trimmed[index]
                guard UTF8Validation.scalarCount(view.bytes[text]) >= minimumScalars else { return false }
                return UnitFeatures(UnsafeBufferPointer(rebasing: buffer[text]), wanted: .ending).ending == .terminal
            }
            return hits.filter { !(isProse($0.unitIndex - 1) && isProse($0.unitIndex + 1)) }
        }
    }
}
