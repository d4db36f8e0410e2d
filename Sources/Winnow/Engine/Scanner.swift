/// Runs a ``RuleSet`` over a ``Document`` and returns its findings.
///
/// Each rule judges the units of its scope (``Document/units(of:)``): first
/// its `when` conditions on the trimmed unit, then its `match` clause on the
/// unit's bytes (so `^` and `$` are the unit's ends), then its `unless`
/// clause. A rule without `match` hits the whole trimmed unit. In Markdown,
/// rules see the prose only (``MarkdownMask``) unless they set `scan_code`.
/// Matches on lines where a suppression comment turns the rule off are
/// dropped (``Suppressions``).
///
/// Rules without a position are decided first; rules with `position: head`
/// or `tail` are decided after them, against the lines the first group
/// strips whole (see ``Rule/Position``). `min_run` then keeps only runs of
/// enough hits on consecutive units.
public struct Scanner: Sendable {
    public let ruleSet: RuleSet
    public let limits: MatchLimits
    /// Skips the rules whose required literals a unit lacks.
    let prefilter: Prefilter
    private let ruleIDs: Set<String>
    /// What the scan loop needs of each rule, read without copying the rule.
    private let plans: [Plan]
    private let hasProseRules: Bool
    /// Whether some rule has `min_repeats`, so that a scan looks up its lines' counts.
    private let usesRepeats: Bool

    private struct Plan: Sendable {
        let scope: Rule.Scope
        let position: Rule.Position
        let scanCode: Bool
        let isProse: Bool
    }

    /// The rule id of the findings that report a suppression comment naming
    /// a rule that is not loaded.
    public static let unknownSuppressionRuleID = "unknown-suppression"

    public init(ruleSet: RuleSet, limits: MatchLimits = MatchLimits()) {
        self.ruleSet = ruleSet
        self.limits = limits
        self.prefilter = Prefilter(rules: ruleSet.rules)
        self.ruleIDs = Set(ruleSet.rules.map(\.id))
        self.plans = ruleSet.rules.map {
            Plan(scope: $0.scope, position: $0.conditions.position, scanCode: $0.scanCode, isProse: $0.prose != nil)
        }
        self.hasProseRules = plans.contains(where: \.isProse)
        self.usesRepeats = ruleSet.usesRepeats
    }

    /// Match state sized for this rule set, for ``scan(_:isStart:isEnd:scratch:)``:
    /// a caller that scans many small documents on one thread reuses one.
    public func makeScratch() -> MatchScratch {
        let maxCaptures = ruleSet.rules.map { max($0.match?.maxCaptureCount ?? 0, $0.unless?.maxCaptureCount ?? 0) }.max() ?? 0
        return MatchScratch(limits: limits, maxCaptureCount: maxCaptures)
    }

    /// The findings in report order (``Finding/reportOrder(_:_:)``), and the
    /// rules that stopped on a resource limit.
    /// - Parameters:
    ///   - isStart: whether `document` starts its input (else `head` rules do not apply);
    ///   - isEnd: whether it ends its input (else `tail` rules do not apply).
    ///   `document`-scope rules apply only to a whole input.
    ///   - scratch: match state to reuse (from ``makeScratch()``, on one
    ///     thread at a time); a new one by default.
    ///   - repeats: the counts of the document's group, for `min_repeats`
    ///     (without them, `min_repeats` never holds).
    public func scan(_ document: Document, isStart: Bool = true, isEnd: Bool = true,
                     scratch: MatchScratch? = nil, repeats: RepetitionIndex.Counts? = nil) -> ScanResult {
        let suppressions = Suppressions(document: document, ruleIDs: ruleIDs)
        let scratch = scratch ?? makeScratch()
        // Counted on the document's own lines, also when rules see only its prose.
        let lineRepeats = usesRepeats ? repeats?.lineCounts(of: document) : nil
        let whole = UnitEvaluator(view: document, scratch: scratch, suppressions: suppressions, prefilter: prefilter,
                                  lineRepeats: lineRepeats)
        let prose = document.format == .markdown
            ? UnitEvaluator(view: MarkdownMask.prose(of: document), scratch: scratch, suppressions: suppressions,
                            prefilter: prefilter, lineRepeats: lineRepeats) : whole

        var limitHits: [LimitHit] = []
        var decided: [(rule: Rule, evaluator: UnitEvaluator, hits: [UnitHit])] = []
        // Rules are read by index, and copied only when the prefilter lets them run.
        let applicable = plans.indices.filter { index in
            let plan = plans[index]
            guard !plan.isProse else { return false }
            return switch (plan.scope, plan.position) {
            case (.document, _): isStart && isEnd
            case (_, .head): isStart
            case (_, .tail): isEnd
            default: true
            }
        }
        for index in applicable where plans[index].position == .any {
            let evaluator = plans[index].scanCode ? whole : prose
            guard evaluator.mayMatch(ruleAt: index, scope: plans[index].scope) else { continue }
            let rule = ruleSet.rules[index]
            let candidates = evaluator.candidates(of: rule, at: index, limitHits: &limitHits)
            if !candidates.isEmpty { decided.append((rule, evaluator, Self.runs(of: candidates, minimum: rule.conditions.minRun))) }
        }
        var strippedWhole = [Bool](repeating: false, count: document.lines.count)
        for (rule, evaluator, hits) in decided {
            for hit in hits {
                for line in evaluator.linesRemoved(by: rule.action, hit: hit) { strippedWhole[line] = true }
            }
        }
        for index in applicable where plans[index].position != .any {
            let evaluator = plans[index].scanCode ? whole : prose
            guard evaluator.mayMatch(ruleAt: index, scope: plans[index].scope) else { continue }
            let rule = ruleSet.rules[index]
            let units = evaluator.units(of: rule.scope)
            let candidates = evaluator.candidates(of: rule, at: index, limitHits: &limitHits)
            var eligible = units.map { unit in unit.lines.allSatisfy { strippedWhole[$0] } }
            for hit in candidates { eligible[hit.unitIndex] = true }
            let region: Range<Int> = switch rule.conditions.position {
            case .any: 0..<units.count
            case .head: 0..<(eligible.firstIndex(of: false) ?? units.count)
            case .tail: ((eligible.lastIndex(of: false) ?? -1) + 1)..<units.count
            }
            let placed = candidates.filter { region.contains($0.unitIndex) }
            decided.append((rule, evaluator, Self.runs(of: placed, minimum: rule.conditions.minRun)))
        }

        var findings = decided.flatMap { rule, evaluator, hits in
            hits.flatMap { hit in hit.matches.map { evaluator.finding(rule: rule, match: $0, original: document) } }
        }
        if hasProseRules && isStart && isEnd { findings += ProseLinter(rules: ruleSet.rules, document: document).findings() }
        findings += suppressions.unknown.map { unknown in
            Finding(
                path: document.name, line: unknown.line, column: unknown.column, endLine: unknown.line,
                endColumn: unknown.column + unknown.id.unicodeScalars.count, byteOffset: unknown.offset,
                byteLength: unknown.id.utf8.count,
                ruleID: Self.unknownSuppressionRuleID, category: .quality, severity: .warning, action: .flag,
                message: "suppression names unknown rule '\(unknown.id)'"
                    + (ruleSet.closestRuleID(to: unknown.id).map { " (did you mean '\($0)'?)" } ?? ""),
                matchedText: unknown.id, block: unknown.line...unknown.line)
        }
        return ScanResult(findings: findings.sorted(by: Finding.reportOrder), limitHits: limitHits)
    }

    /// The hits that belong to runs of at least `minimum` hits on
    /// consecutive units.
    static func runs(of hits: [UnitHit], minimum: Int) -> [UnitHit] {
        guard minimum > 1 else { return hits }
        var kept: [UnitHit] = [], run: [UnitHit] = []
        for hit in hits {
            if let last = run.last, last.unitIndex + 1 != hit.unitIndex {
                if run.count >= minimum { kept += run }
                run = []
            }
            run.append(hit)
        }
        if run.count >= minimum { kept += run }
        return kept
    }
}

/// What ``Scanner/scan(_:)`` found in one document.
public struct ScanResult: Sendable {
    /// In report order.
    public let findings: [Finding]
    /// At most one per rule: the first line where its pattern hit a limit.
    public let limitHits: [LimitHit]
}

/// A unit that a rule hits, with its matches (byte ranges 0-based in the
/// document), or the whole trimmed unit for a rule without `match`.
struct UnitHit {
    let unitIndex: Int
    let matches: [Hit]
}

/// One match of a rule: its byte range in the document, and the pattern
/// match behind it (`nil` for a rule without `match`).
struct Hit {
    let range: Range<Int>
    let match: PatternMatch?
}

/// Judges the units of one view of a document (the whole text, or its prose).
private final class UnitEvaluator {
    let view: Document
    let scratch: MatchScratch
    let suppressions: Suppressions
    let prefilter: Prefilter
    /// Per line of the document (0-based): in how many documents of its
    /// group it occurs; `nil` when the scan has no counts.
    let lineRepeats: [Int]?
    private var unitsByScope: [Rule.Scope: [Unit]] = [:]
    /// Per scope, per rule index: the units where the prefilter found the rule's literals.
    private var prefilterHits: [Rule.Scope: [Int: [Int]]] = [:]
    private lazy var paragraphOfLine: [Int: ClosedRange<Int>] = {
        var map: [Int: ClosedRange<Int>] = [:]
        for paragraph in view.paragraphs() { for line in paragraph.lines { map[line] = paragraph.lines } }
        return map
    }()

    init(view: Document, scratch: MatchScratch, suppressions: Suppressions, prefilter: Prefilter, lineRepeats: [Int]?) {
        self.view = view
        self.scratch = scratch
        self.suppressions = suppressions
        self.prefilter = prefilter
        self.lineRepeats = lineRepeats
    }

    func units(of scope: Rule.Scope) -> [Unit] {
        if let units = unitsByScope[scope] { return units }
        let units = view.units(of: scope)
        unitsByScope[scope] = units
        return units
    }

    /// Whether rule `ruleIndex` may match some unit of `scope`: it has no
    /// required literals, or they occur in at least one unit.
    func mayMatch(ruleAt ruleIndex: Int, scope: Rule.Scope) -> Bool {
        !prefilter.gated[ruleIndex] || !unitIndices(for: ruleIndex, scope: scope).isEmpty
    }

    /// The indices of the units of `scope` that rule `ruleIndex` must be run on.
    private func unitIndices(for ruleIndex: Int, scope: Rule.Scope) -> [Int] {
        let units = units(of: scope)
        guard prefilter.gated[ruleIndex] else { return Array(units.indices) }
        if let table = prefilterHits[scope] { return table[ruleIndex] ?? [] }
        var table: [Int: [Int]] = [:]
        view.bytes.withUnsafeBufferPointer { buffer in
            for (unitIndex, unit) in units.enumerated() {
                let safe = prefilter.scan(UnsafeBufferPointer(rebasing: buffer[unit.bytes])) { rule in
                    if table[rule]?.last != unitIndex { table[rule, default: []].append(unitIndex) }
                }
                if !safe {
                    for rule in prefilter.gated.indices where prefilter.gated[rule] && table[rule]?.last != unitIndex {
                        table[rule, default: []].append(unitIndex)
                    }
                }
            }
        }
        prefilterHits[scope] = table
        return table[ruleIndex] ?? []
    }

    /// The units that satisfy `rule` (the rule set's rule `ruleIndex`)
    /// before `position` and `min_run` are applied; units where the
    /// prefilter rules it out are not tried. A rule that hits a resource
    /// limit is recorded once in `limitHits`; the unit where it did is not a hit.
    func candidates(of rule: Rule, at ruleIndex: Int, limitHits: inout [LimitHit]) -> [UnitHit] {
        var hits: [UnitHit] = []
        var limitReported = false
        let units = units(of: rule.scope)
        let indices = unitIndices(for: ruleIndex, scope: rule.scope)
        view.bytes.withUnsafeBufferPointer { buffer in
            for index in indices {
                let unit = units[index]
                do throws(MatchError) {
                    let matches = try evaluate(rule, unit, buffer).filter {
                        let offset = $0.range.lowerBound
                        return !suppressions.isSuppressed(rule.id, at: offset, onLine: view.position(ofByte: offset).line - 1)
                    }
                    if !matches.isEmpty { hits.append(UnitHit(unitIndex: index, matches: matches)) }
                } catch {
                    if !limitReported {
                        limitHits.append(LimitHit(path: view.name, ruleID: rule.id, line: unit.lines.lowerBound + 1, error: error))
                        limitReported = true
                    }
                }
            }
        }
        return hits
    }

    /// The 0-based lines that `action` removes whole for `hit`.
    func linesRemoved(by action: RuleAction, hit: UnitHit) -> [Int] {
        hit.matches.flatMap { match -> [Int] in
            switch action {
            case .flag, .replace, .stripMatch: return []
            case .stripLine: return Array(lines(of: match.range))
            case .stripBlock: return Array(block(of: match.range))
            case .reject: return Array(view.lines.indices)
            }
        }
    }

    func finding(rule: Rule, match hit: Hit, original: Document) -> Finding {
        let range = hit.range
        let start = original.position(ofByte: range.lowerBound)
        let end = original.position(ofByte: range.upperBound)
        let matched = original.text(range)
        let line = start.line
        // A message is one line: a match that spans lines is shown with spaces.
        var message = rule.message.expand(ruleID: rule.id, line: line, matched: matched, match: hit.match, text: original.text)
        if message.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) {
            message = message.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline).joined(separator: " ")
        }
        let replacement = rule.replacement?.expand(ruleID: rule.id, line: line, matched: matched, match: hit.match, text: original.text)
        let block = self.block(of: range)
        return Finding(
            path: original.name, line: line, column: start.column, endLine: end.line, endColumn: end.column,
            byteOffset: range.lowerBound, byteLength: range.count, ruleID: rule.id, category: rule.category,
            severity: rule.severity, action: rule.action, message: message, matchedText: matched,
            replacement: replacement, block: (block.lowerBound + 1)...(block.upperBound + 1))
    }

    /// 0-based lines holding the bytes of `range`.
    private func lines(of range: Range<Int>) -> ClosedRange<Int> {
        (view.position(ofByte: range.lowerBound).line - 1)...(view.position(ofByte: max(range.lowerBound, range.upperBound - 1)).line - 1)
    }

    /// 0-based lines of the paragraph where `range` starts.
    private func block(of range: Range<Int>) -> ClosedRange<Int> {
        let line = view.position(ofByte: range.lowerBound).line - 1
        return paragraphOfLine[line] ?? line...line
    }

    private func evaluate(_ rule: Rule, _ unit: Unit, _ buffer: UnsafeBufferPointer<UInt8>) throws(MatchError) -> [Hit] {
        let trimmed = view.trimmedRange(of: unit.bytes)
        guard satisfies(rule.conditions, trimmed, buffer),
              rule.conditions.minRepeats.map({ repeats(unit, atLeast: $0) }) ?? true else { return [] }
        let subject = UnsafeBufferPointer(rebasing: buffer[unit.bytes])
        var hits = [Hit(range: trimmed, match: nil)]
        if let match = rule.match {
            hits = try match.matches(in: subject, scratch: scratch).map {
                let shifted = $0.shifted(by: unit.bytes.lowerBound)
                return Hit(range: shifted.range, match: shifted)
            }
            if hits.isEmpty { return [] }
        }
        if let unless = rule.unless, try unless.hasMatch(in: subject, scratch: scratch) { return [] }
        return hits
    }

    /// Whether each non-blank line of `unit` occurs in at least `minimum` documents.
    private func repeats(_ unit: Unit, atLeast minimum: Int) -> Bool {
        guard let lineRepeats else { return false }
        return unit.lines.allSatisfy { view.blankLines[$0] || lineRepeats[$0] >= minimum }
    }

    private func satisfies(_ conditions: Rule.Conditions, _ trimmed: Range<Int>, _ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        if conditions.minChars != nil || conditions.maxChars != nil {
            let length = UTF8Validation.scalarCount(view.bytes[trimmed])
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
