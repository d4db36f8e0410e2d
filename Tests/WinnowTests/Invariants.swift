@testable import Winnow

/// What must hold for every document and rule set (SPEC section 4), checked
/// by the property tests and, through a link to this file, by the fuzz
/// targets in `Fuzz/`. Each check returns the broken invariants, described,
/// or `[]`.
enum Invariants {
    /// Every finding lies inside the document, starts and ends on UTF-8
    /// boundaries when the document is valid UTF-8, has positions of at least
    /// 1, and its `line` and `endLine` are the lines of its first byte and of
    /// its end, counted afresh from the line terminators.
    static func findingProblems(_ findings: [Finding], in document: Document) -> [String] {
        let bytes = document.bytes
        let lineOfByte = lineNumbers(of: bytes, lineCount: document.lines.count)
        var problems: [String] = []
        for finding in findings {
            let start = finding.byteOffset, end = finding.byteOffset + finding.byteLength
            let name = "\(finding.ruleID) at \(start)..<\(end)"
            guard start >= 0, finding.byteLength >= 0, end <= bytes.count else {
                problems.append("\(name): outside the document of \(bytes.count) bytes")
                continue
            }
            if document.firstInvalidUTF8Offset == nil, !isBoundary(start, bytes) || !isBoundary(end, bytes) {
                problems.append("\(name): not on UTF-8 boundaries")
            }
            if finding.line < 1 || finding.column < 1 || finding.endLine < finding.line || finding.endColumn < 1
                || (finding.endLine == finding.line && finding.endColumn < finding.column) {
                problems.append("\(name): bad position \(finding.line):\(finding.column)-\(finding.endLine):\(finding.endColumn)")
            }
            if finding.line != lineOfByte[start] || finding.endLine != lineOfByte[end] {
                problems.append("\(name): lines \(finding.line)-\(finding.endLine), bytes say \(lineOfByte[start])-\(lineOfByte[end])")
            }
            if !finding.block.contains(finding.line) || finding.block.upperBound > document.lines.count {
                problems.append("\(name): block \(finding.block) does not hold line \(finding.line)")
            }
        }
        return problems
    }

    /// The clean output with each removed span's original bytes put back in
    /// place of its replacement: the input, when nothing was lost. `nil` when
    /// the spans are out of order, overlap, leave the document, or do not
    /// fit the output.
    static func rebuilt(_ result: CleanResult, original: [UInt8]) -> [UInt8]? {
        var rebuilt: [UInt8] = []
        var position = 0, output = 0
        for span in result.removed {
            let replacement = Array((span.replacement ?? "").utf8)
            let kept = span.byteOffset - position
            guard span.byteLength > 0, kept >= 0, span.byteOffset + span.byteLength <= original.count,
                  output + kept + replacement.count <= result.bytes.count,
                  result.bytes[(output + kept)..<(output + kept + replacement.count)].elementsEqual(replacement)
            else { return nil }
            rebuilt += result.bytes[output..<(output + kept)]
            rebuilt += original[span.byteOffset..<(span.byteOffset + span.byteLength)]
            output += kept + replacement.count
            position = span.byteOffset + span.byteLength
        }
        return rebuilt + result.bytes[output...]
    }

    /// Nothing is lost: the output and the removed spans rebuild the input
    /// (``rebuilt(_:original:)``), each span names the line it starts on, and
    /// a rejected document leaves no output and one span over all of it.
    static func cleanProblems(_ result: CleanResult, of document: Document) -> [String] {
        var problems: [String] = []
        if rebuilt(result, original: document.bytes) != document.bytes {
            problems.append("output and removed spans do not rebuild the input")
        }
        let lineOfByte = lineNumbers(of: document.bytes, lineCount: document.lines.count)
        for span in result.removed where span.byteOffset < document.bytes.count && span.line != lineOfByte[span.byteOffset] {
            problems.append("span at \(span.byteOffset) names line \(span.line), bytes say \(lineOfByte[span.byteOffset])")
        }
        if result.rejection != nil, !result.bytes.isEmpty || result.removed.count > 1 {
            problems.append("a rejected document left output or several spans")
        }
        return problems
    }

    /// Whether `output` is the byte order mark of `document`, if any, followed
    /// by some of its lines in order, each whole with its terminator.
    static func isSubsequenceOfLines(_ output: [UInt8], of document: Document) -> Bool {
        let bom = document.byteOrderMarkLength
        guard output.starts(with: document.bytes[0..<bom]) else { return false }
        // Output offsets reachable by concatenating some of the lines seen so far.
        var reachable: Set<Int> = [bom]
        for line in document.lines {
            let bytes = document.bytes[line.start..<line.end]
            for offset in reachable where output.count - offset >= bytes.count
                && output[offset..<(offset + bytes.count)].elementsEqual(bytes) {
                reachable.insert(offset + bytes.count)
            }
        }
        return reachable.contains(output.count)
    }

    /// Whether `clean` is idempotent on plain text under `ruleSet`: every rule
    /// judges single lines (`scope: line`, no `position`, no `min_run`) and
    /// flags or removes whole lines, so each line is judged on its own bytes.
    static func isLineLocal(_ ruleSet: RuleSet) -> Bool {
        ruleSet.rules.allSatisfy { rule in
            [.flag, .stripLine, .stripBlock].contains(rule.action) && rule.scope == .line
                && rule.conditions.position == .any && rule.conditions.minRun == 1 && rule.prose == nil
        }
    }

    /// `result[i]`: the 1-based line of byte offset i, for i in 0...count: one
    /// more than the terminators (LF, CRLF as one, lone CR) that end at or
    /// before i, at most the number of lines.
    private static func lineNumbers(of bytes: [UInt8], lineCount: Int) -> [Int] {
        var numbers = [Int](repeating: 1, count: bytes.count + 1)
        var line = 1
        for index in bytes.indices {
            let byte = bytes[index]
            let isLF = byte == 0x0A, isLoneCR = byte == 0x0D && (index + 1 == bytes.count || bytes[index + 1] != 0x0A)
            if isLF || isLoneCR { line += 1 }
            numbers[index + 1] = min(line, max(lineCount, 1))
        }
        return numbers
    }

    private static func isBoundary(_ offset: Int, _ bytes: [UInt8]) -> Bool {
        offset == bytes.count || bytes[offset] & 0xC0 != 0x80
    }
}
