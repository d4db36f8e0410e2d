/// Applies the actions of a document's findings and returns the clean bytes
/// with an account of every byte removed or replaced (SPEC section 4).
///
/// - `reject` drops the whole document. Otherwise:
/// - `strip-block` removes the finding's ``Finding/block``; `strip-line`
///   removes every line the match touches, terminators included;
///   `strip-match` removes the matched bytes; `replace` puts the finding's
///   ``Finding/replacement`` in their place; `flag` changes nothing.
/// - Where edits overlap, the stronger action wins (``RuleAction`` order) and
///   the weaker edit is dropped whole; overlapping `strip-match` edits merge.
/// - Blank lines that stand between removed lines go with them, and so do
///   adjacent blank separators where the removal would otherwise join two
///   runs of blank lines into a longer one, or leave new blank lines at the
///   start or end of the document (usually one separator, as SPEC section 4
///   says), so no new run of blank lines appears where the removed lines stood.
/// - A line that holds a suppression comment (``Suppressions``) is never
///   removed and no edit touches the comment, so the clean text is
///   suppressed as the input was and a second clean finds what the first did.
/// - Everything else, byte order mark, line terminators and a missing final
///   newline included, is copied unchanged.
public enum Cleaner {
    public static func clean(_ document: Document, findings: [Finding]) -> CleanResult {
        if let rejection = findings.first(where: { $0.action == .reject }) {
            let all = RemovedSpan(ruleID: rejection.ruleID, line: 1, byteOffset: 0, byteLength: document.bytes.count)
            return CleanResult(bytes: [], removed: document.bytes.isEmpty ? [] : [all], rejection: rejection)
        }
        let directives = Suppressions(document: document, ruleIDs: []).directives
        var removedBy = [String?](repeating: nil, count: document.lines.count)
        var edits: [Edit] = []
        for finding in findings {
            let range = finding.byteOffset..<(finding.byteOffset + finding.byteLength)
            if finding.action == .replace || finding.action == .stripMatch, directives.contains(where: { $0.overlaps(range) }) {
                continue
            }
            switch finding.action {
            case .flag, .reject: break
            case .replace: edits.append(Edit(range: range, replacement: finding.replacement ?? "", action: .replace, ruleID: finding.ruleID))
            case .stripMatch: edits.append(Edit(range: range, replacement: nil, action: .stripMatch, ruleID: finding.ruleID))
            case .stripLine:
                let last = finding.byteLength == 0 ? finding.line : document.lineIndex(ofByte: range.upperBound - 1) + 1
                for line in finding.line...last { removedBy[line - 1] = removedBy[line - 1] ?? finding.ruleID }
            case .stripBlock:
                for line in finding.block { removedBy[line - 1] = removedBy[line - 1] ?? finding.ruleID }
            }
        }
        for (index, line) in document.lines.enumerated() where directives.contains(where: { $0.overlaps(line.content) }) {
            removedBy[index] = nil
        }
        removeSeparators(&removedBy, blank: document.blankLines)
        for (index, ruleID) in removedBy.enumerated() {
            guard let ruleID else { continue }
            let line = document.lines[index]
            edits.append(Edit(range: line.start..<line.end, replacement: nil, action: .stripLine, ruleID: ruleID))
        }

        var output = Array(document.bytes[0..<document.byteOrderMarkLength])
        output.reserveCapacity(document.bytes.count)
        var removed: [RemovedSpan] = []
        var position = document.byteOrderMarkLength
        for edit in resolved(edits) {
            output += document.bytes[position..<edit.range.lowerBound]
            if let replacement = edit.replacement { output += replacement.utf8 }
            removed.append(RemovedSpan(
                ruleID: edit.ruleID, line: document.lineIndex(ofByte: edit.range.lowerBound) + 1,
                byteOffset: edit.range.lowerBound, byteLength: edit.range.count, replacement: edit.replacement))
            position = edit.range.upperBound
        }
        output += document.bytes[position...]
        return CleanResult(bytes: output, removed: removed, rejection: nil)
    }

    private struct Edit {
        let range: Range<Int>
        /// `nil` for a removal.
        let replacement: String?
        let action: RuleAction
        let ruleID: String
    }

    /// The edits in document order with no two overlapping: the stronger
    /// action wins, removals by `strip-match` merge.
    private static func resolved(_ edits: [Edit]) -> [Edit] {
        var result: [Edit] = []
        // By start; at the same start, the stronger first.
        for var edit in edits.sorted(by: { ($0.range.lowerBound, $1.action) < ($1.range.lowerBound, $0.action) }) {
            var keep = true
            while let last = result.last, edit.range.lowerBound < last.range.upperBound {
                if last.action == .stripMatch && edit.action == .stripMatch {
                    edit = Edit(range: last.range.lowerBound..<max(last.range.upperBound, edit.range.upperBound),
                                replacement: nil, action: .stripMatch, ruleID: last.ruleID)
                    result.removeLast()
                } else if edit.action > last.action {
                    result.removeLast()
                } else {
                    keep = false
                    break
                }
            }
            if keep { result.append(edit) }
        }
        return result
    }

    /// Marks the blank lines that go with removed lines (see the type's summary).
    /// For a removed run with `before` kept blank lines above it and `after`
    /// below: between text, `min(before, after)` of those below go, so the
    /// merged run is no longer than either; at the start of the document those
    /// below go, at the end those above, so the document starts and ends as it did.
    private static func removeSeparators(_ removedBy: inout [String?], blank: [Bool]) {
        let count = removedBy.count
        var index = 0
        while index < count {
            guard let ruleID = removedBy[index] else { index += 1; continue }
            // The run: removed lines, and blank lines between removed lines.
            var last = index
            var next = index + 1
            while next < count, blank[next] || removedBy[next] != nil {
                if removedBy[next] != nil { last = next }
                next += 1
            }
            for inner in index...last where removedBy[inner] == nil { removedBy[inner] = ruleID }
            var before = 0, after = 0
            while index - before > 0, blank[index - before - 1], removedBy[index - before - 1] == nil { before += 1 }
            while last + after + 1 < count, blank[last + after + 1] { after += 1 }
            let textBefore = index - before > 0, textAfter = last + after + 1 < count
            let separators: Range<Int> = switch (textBefore, textAfter) {
            case (true, true): (last + 1)..<(last + 1 + min(before, after))
            case (true, false): (index - before)..<index
            case (false, _): (last + 1)..<(last + 1 + after)
            }
            for line in separators { removedBy[line] = ruleID }
            index = max(last, separators.upperBound - 1) + 1
        }
    }
}

/// The output of ``Cleaner/clean(_:findings:)``.
public struct CleanResult: Sendable, Equatable {
    /// The clean text; empty for a rejected document.
    public let bytes: [UInt8]
    /// Every span removed or replaced, in document order; with ``bytes`` they
    /// rebuild the input.
    public let removed: [RemovedSpan]
    /// The first `reject` finding, when the document was rejected.
    public let rejection: Finding?
}

/// A span of the original document that `clean` removed or replaced.
public struct RemovedSpan: Sendable, Equatable {
    /// The rule that removed it (for a blank separator, the rule of the lines it went with).
    public let ruleID: String
    /// 1-based line where the span starts.
    public let line: Int
    /// 0-based offset in the original bytes.
    public let byteOffset: Int
    public let byteLength: Int
    /// What took the span's place, for `replace`; `nil` for a removal.
    public let replacement: String?

    public init(ruleID: String, line: Int, byteOffset: Int, byteLength: Int, replacement: String? = nil) {
        self.ruleID = ruleID
        self.line = line
        self.byteOffset = byteOffset
        self.byteLength = byteLength
        self.replacement = replacement
    }

    /// The same span `lines` lines and `bytes` bytes further into its input.
    public func shifted(lines: Int, bytes: Int) -> RemovedSpan {
        RemovedSpan(ruleID: ruleID, line: line + lines, byteOffset: byteOffset + bytes, byteLength: byteLength,
                    replacement: replacement)
    }
}
