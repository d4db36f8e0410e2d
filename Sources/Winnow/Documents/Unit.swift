/// A unit that a rule judges (see ``Rule/Scope``): a line, a block, or the
/// whole document. Blank lines are never part of a unit's edges.
public struct Unit: Sendable, Equatable {
    /// 0-based indices of its first and last line.
    public let lines: ClosedRange<Int>
    /// 0-based byte range from its first line's first content byte to its
    /// last line's last content byte (terminators inside included).
    public let bytes: Range<Int>

    public init(lines: ClosedRange<Int>, bytes: Range<Int>) {
        self.lines = lines
        self.bytes = bytes
    }
}

extension Document {
    /// The units of `scope`, in document order: every non-blank line, every
    /// paragraph (maximal run of non-blank lines), or one unit from the first
    /// to the last non-blank line. A document of blank lines has no units.
    public func units(of scope: Rule.Scope) -> [Unit] {
        switch scope {
        case .line:
            var units: [Unit] = []
            units.reserveCapacity(lines.count)
            for index in lines.indices where !blankLines[index] {
                units.append(Unit(lines: index...index, bytes: lines[index].content))
            }
            return units
        case .document:
            guard let first = blankLines.firstIndex(of: false), let last = blankLines.lastIndex(of: false) else { return [] }
            return [unit(first...last)]
        case .block:
            return paragraphs()
        }
    }

    /// The paragraphs: maximal runs of non-blank lines.
    public func paragraphs() -> [Unit] {
        var units: [Unit] = []
        var start: Int?
        for index in lines.indices {
            if blankLines[index] {
                if let first = start { units.append(unit(first...(index - 1))) }
                start = nil
            } else if start == nil {
                start = index
            }
        }
        if let first = start { units.append(unit(first...(lines.count - 1))) }
        return units
    }

    private func unit(_ range: ClosedRange<Int>) -> Unit {
        Unit(lines: range, bytes: lines[range.lowerBound].start..<lines[range.upperBound].contentEnd)
    }
}
