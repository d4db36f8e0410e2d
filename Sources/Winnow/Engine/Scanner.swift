import Foundation

/// Runs a ``RuleSet`` over a ``Document`` and returns its findings.
///
/// Each rule judges every non-blank line: first its `when` conditions on the
/// trimmed line, then its `match` clause on the line's bytes (terminator
/// excluded, so `^` and `$` are the line's ends), then its `unless` clause.
/// A rule without `match` hits the whole trimmed line. Rules without a
/// position are decided first; rules with `position: head` or `tail` are
/// decided after them, against the lines the first group strips whole (see
/// ``Rule/Position``). `min_run` then keeps only runs of enough hits.
public struct Scanner: Sendable {
    public let ruleSet: RuleSet
    public let limits: MatchLimits

    public init(ruleSet: RuleSet, limits: MatchLimits = MatchLimits()) {
        self.ruleSet = ruleSet
        self.limits = limits
    }

    /// The findings in report order (``Finding/reportOrder(_:_:)``), and the
    /// rules that stopped on a resource limit.
    public func scan(_ document: Document) -> ScanResult {
        let maxCaptures = ruleSet.rules.map { max($0.match?.maxCaptureCount ?? 0, $0.unless?.maxCaptureCount ?? 0) }.max() ?? 0
        let scratch = MatchScratch(limits: limits, maxCaptureCount: maxCaptures)
        let blank = document.lines.map(document.isBlank)
        var limitHits: [LimitHit] = []
        var decided: [(rule: Rule, hits: [LineHit])] = []

        document.bytes.withUnsafeBufferPointer { buffer in
            let evaluator = LineEvaluator(document: document, buffer: buffer, blank: blank, scratch: scratch)
            let (unpositioned, positioned) = ruleSet.rules.reduce(into: ([Rule](), [Rule]())) { groups, rule in
                if rule.conditions.position == .any { groups.0.append(rule) } else { groups.1.append(rule) }
            }
            for rule in unpositioned {
                let candidates = evaluator.candidates(of: rule, limitHits: &limitHits)
                decided.append((rule, Self.runs(of: candidates, minimum: rule.conditions.minRun, blank: blank)))
            }
            var strippedWhole = [Bool](repeating: false, count: document.lines.count)
            for (rule, hits) in decided where rule.action == .stripLine {
                for hit in hits { strippedWhole[hit.lineIndex] = true }
            }
            for rule in positioned {
                let candidates = evaluator.candidates(of: rule, limitHits: &limitHits)
                let region = Self.region(rule.conditions.position, candidates: candidates, blank: blank, stripped: strippedWhole)
                let placed = candidates.filter { region.contains($0.lineIndex) }
                decided.append((rule, Self.runs(of: placed, minimum: rule.conditions.minRun, blank: blank)))
            }
        }
        let findings = decided.flatMap { rule, hits in
            hits.flatMap { hit in hit.ranges.map { Self.finding(rule: rule, range: $0, lineIndex: hit.lineIndex, in: document) } }
        }
        return ScanResult(findings: findings.sorted(by: Finding.reportOrder), limitHits: limitHits)
    }

    /// The lines at the document's start (`head`) or end (`tail`) in which
    /// every line is blank, a candidate of the rule, or stripped whole.
    static func region(_ position: Rule.Position, candidates: [LineHit], blank: [Bool], stripped: [Bool]) -> Range<Int> {
        var eligible = zip(blank, stripped).map { $0 || $1 }
        for hit in candidates { eligible[hit.lineIndex] = true }
        switch position {
        case .any: return 0..<blank.count
        case .head: return 0..<(eligible.firstIndex(of: false) ?? blank.count)
        case .tail: return ((eligible.lastIndex(of: false) ?? -1) + 1)..<blank.count
        }
    }

    /// The hits that belong to runs of at least `minimum` hits, where a run
    /// is hits on consecutive lines, blank lines between them allowed.
    static func runs(of hits: [LineHit], minimum: Int, blank: [Bool]) -> [LineHit] {
        guard minimum > 1 else { return hits }
        var kept: [LineHit] = [], run: [LineHit] = []
        func close() {
            if run.count >= minimum { kept += run }
            run = []
        }
        for hit in hits {
            if let last = run.last, !(last.lineIndex + 1..<hit.lineIndex).allSatisfy({ blank[$0] }) { close() }
            run.append(hit)
        }
        close()
        return kept
    }

    private static func finding(rule: Rule, range: Range<Int>, lineIndex: Int, in document: Document) -> Finding {
        let line = document.lines[lineIndex]
        let matched = document.text(range)
        let template = rule.message ?? (rule.description.isEmpty ? rule.id : rule.description)
        let message = template
            .replacingOccurrences(of: "{match}", with: matched)
            .replacingOccurrences(of: "{rule}", with: rule.id)
            .replacingOccurrences(of: "{line}", with: String(lineIndex + 1))
        return Finding(
            path: document.name, line: lineIndex + 1, column: document.column(ofByte: range.lowerBound, in: line),
            endLine: lineIndex + 1, endColumn: document.column(ofByte: range.upperBound, in: line),
            byteOffset: range.lowerBound, byteLength: range.count, ruleID: rule.id, category: rule.category,
            severity: rule.severity, action: rule.action, message: message, matchedText: matched)
    }
}

/// What ``Scanner/scan(_:)`` found in one document.
public struct ScanResult: Sendable {
    /// In report order.
    public let findings: [Finding]
    /// At most one per rule: the first line where its pattern hit a limit.
    public let limitHits: [LimitHit]
}

/// A line that a rule hits, with the byte ranges (0-based, in the document)
/// of its matches, or of the whole trimmed line for a rule without `match`.
struct LineHit {
    let lineIndex: Int
    let ranges: [Range<Int>]
}

/// Judges lines against one rule at a time, on the document's bytes.
private struct LineEvaluator {
    let document: Document
    let buffer: UnsafeBufferPointer<UInt8>
    let blank: [Bool]
    let scratch: MatchScratch

    /// The lines that satisfy `rule` before `position` and `min_run` are applied.
    func candidates(of rule: Rule, limitHits: inout [LimitHit]) -> [LineHit] {
        var hits: [LineHit] = []
        var limitReported = false
        for (index, line) in document.lines.enumerated() where !blank[index] {
            do {
                if let ranges = try evaluate(rule, line) { hits.append(LineHit(lineIndex: index, ranges: ranges)) }
            } catch {
                if !limitReported {
                    limitHits.append(LimitHit(path: document.name, ruleID: rule.id, line: index + 1, error: error))
                    limitReported = true
                }
            }
        }
        return hits
    }

    private func evaluate(_ rule: Rule, _ line: Line) throws(MatchError) -> [Range<Int>]? {
        let trimmed = document.trimmedRange(of: line)
        guard satisfies(rule.conditions, trimmed) else { return nil }
        let subject = UnsafeBufferPointer(rebasing: buffer[line.content])
        var ranges = [trimmed]
        if let match = rule.match {
            ranges = try match.matches(in: subject, scratch: scratch).map { ($0.lowerBound + line.start)..<($0.upperBound + line.start) }
            if ranges.isEmpty { return nil }
        }
        if let unless = rule.unless, try unless.hasMatch(in: subject, scratch: scratch) { return nil }
        return ranges
    }

    private func satisfies(_ conditions: Rule.Conditions, _ trimmed: Range<Int>) -> Bool {
        if conditions.minChars != nil || conditions.maxChars != nil {
            let length = UTF8Validation.scalarCount(document.bytes[trimmed])
            if let minimum = conditions.minChars, length < minimum { return false }
            if let maximum = conditions.maxChars, length > maximum { return false }
        }
        if !conditions.endsWith.isEmpty {
            let unit = buffer[trimmed]
            guard conditions.endsWith.contains(where: { unit.reversed().starts(with: $0.utf8.reversed()) }) else { return false }
        }
        return true
    }
}
