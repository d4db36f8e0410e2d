/// Applies the actions of a document's findings and returns the clean bytes
/// with an account of every byte removed (SPEC section 4).
///
/// - `strip-line` removes the line with its terminator; `strip-match`
///   removes the matched bytes; `flag` changes nothing. On a line hit by
///   several rules the strongest action wins.
/// - Blank lines that stand between removed lines go with them, and one
///   adjacent blank separator goes too when the removal would otherwise leave
///   two separators in a row (or one at the start or end of the document), so
///   no new run of blank lines appears where the removed lines stood.
/// - Everything else, byte order mark, line terminators and a missing final
///   newline included, is copied unchanged.
public enum Cleaner {
    public static func clean(_ document: Document, findings: [Finding]) -> CleanResult {
        let lines = document.lines
        var removedBy = [String?](repeating: nil, count: lines.count)
        var cutRanges = [[(range: Range<Int>, ruleID: String)]](repeating: [], count: lines.count)
        for finding in findings {
            let index = finding.line - 1
            switch finding.action {
            case .flag: break
            case .stripMatch: cutRanges[index].append((finding.byteOffset..<(finding.byteOffset + finding.byteLength), finding.ruleID))
            case .stripLine: removedBy[index] = removedBy[index] ?? finding.ruleID
            }
        }
        removeSeparators(&removedBy, blank: lines.map(document.isBlank))

        var output = Array(document.bytes[0..<document.byteOrderMarkLength])
        output.reserveCapacity(document.bytes.count)
        var removed: [RemovedSpan] = []
        for (index, line) in lines.enumerated() {
            if let ruleID = removedBy[index] {
                removed.append(RemovedSpan(ruleID: ruleID, line: index + 1, byteOffset: line.start, byteLength: line.end - line.start))
                continue
            }
            var position = line.start
            for cut in merged(cutRanges[index]) {
                output += document.bytes[position..<cut.range.lowerBound]
                removed.append(RemovedSpan(ruleID: cut.ruleID, line: index + 1, byteOffset: cut.range.lowerBound, byteLength: cut.range.count))
                position = cut.range.upperBound
            }
            output += document.bytes[position..<line.end]
        }
        return CleanResult(bytes: output, removed: removed)
    }

    /// Marks the blank lines that go with removed lines (see the type's summary).
    private static func removeSeparators(_ removedBy: inout [String?], blank: [Bool]) {
        let count = removedBy.count
        var index = 0
        while index < count {
            guard let ruleID = removedBy[index] else { index += 1; continue }
            // Extend the run over blank lines that lead to another removed line.
            var last = index
            var next = index + 1
            while next < count, blank[next] || removedBy[next] != nil {
                if removedBy[next] != nil { last = next }
                next += 1
            }
            for inner in index...last where removedBy[inner] == nil { removedBy[inner] = ruleID }
            let before = index - 1, after = last + 1
            let blankBefore = before >= 0 && blank[before] && removedBy[before] == nil
            let blankAfter = after < count && blank[after]
            if blankAfter && (blankBefore || before < 0) {
                removedBy[after] = ruleID
                last = after
            } else if blankBefore && after >= count {
                removedBy[before] = ruleID
            }
            index = last + 1
        }
    }

    /// Cut ranges sorted and with overlaps merged (the first rule's id kept).
    private static func merged(_ cuts: [(range: Range<Int>, ruleID: String)]) -> [(range: Range<Int>, ruleID: String)] {
        var result: [(range: Range<Int>, ruleID: String)] = []
        for cut in cuts.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            if let last = result.last, cut.range.lowerBound <= last.range.upperBound {
                result[result.count - 1].range = last.range.lowerBound..<max(last.range.upperBound, cut.range.upperBound)
            } else {
                result.append(cut)
            }
        }
        return result
    }
}

/// The output of ``Cleaner/clean(_:findings:)``.
public struct CleanResult: Sendable, Equatable {
    /// The clean text.
    public let bytes: [UInt8]
    /// Every span removed, in document order; with ``bytes`` they rebuild the input.
    public let removed: [RemovedSpan]
}

/// A span of the original document that `clean` removed.
public struct RemovedSpan: Sendable, Equatable {
    /// The rule that removed it (for a blank separator, the rule of the lines it went with).
    public let ruleID: String
    /// 1-based line where the span starts.
    public let line: Int
    /// 0-based offset in the original bytes.
    public let byteOffset: Int
    public let byteLength: Int
}
