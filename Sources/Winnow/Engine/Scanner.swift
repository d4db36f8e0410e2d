/// Runs a ``RuleSet`` over a ``Document`` and returns its findings.
///
/// Each rule judges the units of its scope (``Document/units(of:)``): first
/// its `when` conditions on the trimmed unit, then its `match` clause on the
/// unit's text as patterns see it (``NormalizedText``; `^` and `$` are the
/// unit's ends), then its `unless`
/// clause. A rule without `match` hits the whole trimmed unit. In Markdown,
/// rules see the prose only (``MarkdownMask``) unless they set `scan_code`.
/// Matches on lines where a suppression comment turns the rule off are
/// dropped (``Suppressions``).
///
/// Rules without a position are decided first; rules with `position: head`,
/// `tail` or `outside_main_content` are decided after them, against the
/// lines the first group strips whole (see ``Rule/Position`` and
/// ``MainContent``). `min_run` then keeps only runs of enough hits on
/// consecutive units.
public struct Scanner: Sendable {
    public let ruleSet: RuleSet
    public let limits: MatchLimits
    /// Skips the rules whose required literals a unit lacks.
    let prefilter: Prefilter
    private let ruleIDs: Set<String>
    /// What the scan loop needs of each rule, read without copying the rule.
    private let plans: [Plan]
    /// The non-prose rules that the prefilter cannot skip, in rule-set order.
    private let ungated: [Int]
    /// The views and scopes whose units the prefilter reads: those of the gated rules.
    private let gatedViews: [View]
    private let hasProseRules: Bool
    /// The rules, each behind one reference: the scan loop passes a rule on
    /// without copying its many fields.
    private let boxes: [RuleBox]

    fileprivate final class RuleBox: Sendable {
        let rule: Rule
        /// Whether the rule sets a condition, decided once: comparing the conditions cost more than many a match.
        let hasConditions: Bool
        init(_ rule: Rule) {
            self.rule = rule
            hasConditions = !rule.conditions.isEmpty
        }
    }
    /// Whether some rule has `min_repeats`, so that a scan looks up its lines' counts.
    private let usesRepeats: Bool

    private struct Plan: Sendable {
        let scope: Rule.Scope
        let position: Rule.Position
        let scanCode: Bool
        let isProse: Bool
        let gated: Bool

        /// Whether the rule applies to a part of an input that does or does not start and end it.
        func applies(isStart: Bool, isEnd: Bool) -> Bool {
            guard !isProse else { return false }
            return switch (scope, position) {
            case (.document, _), (_, .outsideMainContent): isStart && isEnd
            case (_, .head): isStart
            case (_, .tail): isEnd
            default: true
            }
        }
    }

    /// The units of one scope in the whole text (`scanCode`) or in its prose.
    private struct View: Hashable, Sendable {
        let scope: Rule.Scope
        let scanCode: Bool
    }

    /// The rule id of the findings that report a suppression comment naming
    /// a rule that is not loaded.
    public static let unknownSuppressionRuleID = "unknown-suppression"

    public init(ruleSet: RuleSet, limits: MatchLimits = MatchLimits()) {
        self.ruleSet = ruleSet
        self.limits = limits
        let prefilter = Prefilter(rules: ruleSet.rules)
        self.prefilter = prefilter
        self.ruleIDs = Set(ruleSet.rules.map(\.id))
        let plans = ruleSet.rules.enumerated().map { index, rule in
            Plan(scope: rule.scope, position: rule.conditions.position, scanCode: rule.scanCode,
                 isProse: rule.prose != nil, gated: prefilter.gated[index])
        }
        self.plans = plans
        self.ungated = plans.indices.filter { !plans[$0].isProse && !plans[$0].gated }
        var views: [View] = []
        for plan in plans where plan.gated && !plan.isProse {
            let view = View(scope: plan.scope, scanCode: plan.scanCode)
            if !views.contains(view) { views.append(view) }
        }
        self.gatedViews = views
        self.hasProseRules = plans.contains(where: \.isProse)
        self.boxes = ruleSet.rules.map(RuleBox.init)
        self.usesRepeats = ruleSet.usesRepeats
    }

    /// Match state sized for this rule set, for ``scan(_:isStart:isEnd:scratch:repeats:)``:
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

        // The rules to run: those the prefilter cannot skip, and those whose
        // literals occur in some unit. Rules are read by index, and copied
        // only when they run.
        var applicable = ungated.filter { plans[$0].applies(isStart: isStart, isEnd: isEnd) }
        for view in gatedViews {
            let evaluator = view.scanCode ? whole : prose
            let rulesHit = evaluator.rulesHit(in: view.scope)
            applicable.reserveCapacity(applicable.count + rulesHit.count)
            for index in rulesHit {
                let plan = plans[index]
                if plan.scope == view.scope && plan.scanCode == view.scanCode && plan.applies(isStart: isStart, isEnd: isEnd) {
                    applicable.append(index)
                }
            }
        }
        applicable.sort()

        var limitHits: [LimitHit] = []
        var decided: [(box: RuleBox, evaluator: UnitEvaluator, hits: [UnitHit])] = []
        for index in applicable where plans[index].position == .any {
            let evaluator = plans[index].scanCode ? whole : prose
            let box = boxes[index]
            let candidates = evaluator.candidates(of: box, at: index, limitHits: &limitHits)
            if !candidates.isEmpty { decided.append((box, evaluator, Self.runs(of: candidates, minimum: box.rule.conditions.minRun))) }
        }
        var strippedWhole: [Bool] = []
        // Found once, for the first rule that needs it.
        var mainContent: ClosedRange<Int>?, mainContentFound = false
        for index in applicable where plans[index].position != .any {
            if strippedWhole.isEmpty {
                strippedWhole = [Bool](repeating: false, count: document.lines.count)
                for (box, evaluator, hits) in decided {
                    for hit in hits {
                        for line in evaluator.linesRemoved(by: box.rule.action, hit: hit) { strippedWhole[line] = true }
                    }
                }
            }
            let evaluator = plans[index].scanCode ? whole : prose
            let box = boxes[index]
            let rule = box.rule
            let units = evaluator.units(of: rule.scope)
            let candidates = evaluator.candidates(of: box, at: index, limitHits: &limitHits)
            if candidates.isEmpty { continue }
            let placed: [UnitHit]
            if rule.conditions.position == .outsideMainContent {
                if !mainContentFound {
                    mainContent = MainContent.lines(of: document, strippedWhole: strippedWhole)
                    mainContentFound = true
                }
                placed = candidates.filter { hit in mainContent.map { !units[hit.unitIndex].lines.overlaps($0) } ?? true }
            } else {
                var eligible = units.map { unit in unit.lines.allSatisfy { strippedWhole[$0] } }
                for hit in candidates { eligible[hit.unitIndex] = true }
                let region: Range<Int> = switch rule.conditions.position {
                case .any, .outsideMainContent: 0..<units.count
                case .head: 0..<(eligible.firstIndex(of: false) ?? units.count)
                case .tail: ((eligible.lastIndex(of: false) ?? -1) + 1)..<units.count
                }
                placed = candidates.filter { region.contains($0.unitIndex) }
            }
            decided.append((box, evaluator, Self.runs(of: placed, minimum: rule.conditions.minRun)))
        }

        // Gathered into one array sized first: nested arrays would copy each finding again.
        var findingCount = suppressions.unknown.count
        for (_, _, hits) in decided {
            for hit in hits { findingCount += hit.matches.count }
        }
        var findings: [Finding] = []
        findings.reserveCapacity(findingCount)
        for (box, evaluator, hits) in decided {
            for hit in hits {
                for match in hit.matches { findings.append(evaluator.finding(rule: box.rule, match: match, original: document)) }
            }
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
        if findings.count > 1 {
            // Sorting indices moves integers instead of findings, structs of
            // several strings; every finding of a scan has the document's path,
            // so positions decide before the strings are compared.
            var order = findings.indices.sorted { a, b in
                let (lineA, columnA, lineB, columnB) = (findings[a].line, findings[a].column, findings[b].line, findings[b].column)
                guard lineA == lineB && columnA == columnB else { return (lineA, columnA) < (lineB, columnB) }
                return Finding.reportOrder(findings[a], findings[b])
            }
            // The order applied in place, a cycle of the permutation at a time:
            // swaps move findings without copying them.
            for start in order.indices where order[start] != start {
                var current = start
                while order[current] != start {
                    let next = order[current]
                    findings.swapAt(current, next)
                    order[current] = current
                    current = next
                }
                order[current] = current
            }
        }
        return ScanResult(findings: findings, limitHits: limitHits)
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
    /// The view's bytes as patterns see them (a `let`, so that the matching
    /// loop borrows it instead of copying it for each rule).
    private let text: NormalizedText
    // The three per-scope caches below are filled once and then read for
    // every rule a scan runs, on one thread and never during a write, so
    // Swift's run-time check for overlapping accesses is turned off for them.
    /// Per scope: the units, and each unit's trimmed byte range.
    @exclusivity(unchecked) private var unitsByScope = PerScope<[Unit]?>(repeating: nil)
    @exclusivity(unchecked) private var trimmedByScope = PerScope<[Range<Int>]>(repeating: [])
    /// Per scope: `rule << 32 | unit` for every gated rule whose literals
    /// occur in a unit, sorted and without repeats.
    @exclusivity(unchecked) private var prefilterHits = PerScope<[UInt64]?>(repeating: nil)
    /// For each 0-based line, the lines of its paragraph (the line alone when blank).
    private lazy var paragraphOfLine: [ClosedRange<Int>] = {
        var map = (0..<view.lines.count).map { $0...$0 }
        for paragraph in view.paragraphs() { for line in paragraph.lines { map[line] = paragraph.lines } }
        return map
    }()

    init(view: Document, scratch: MatchScratch, suppressions: Suppressions, prefilter: Prefilter, lineRepeats: [Int]?) {
        self.view = view
        self.scratch = scratch
        self.suppressions = suppressions
        self.prefilter = prefilter
        self.lineRepeats = lineRepeats
        self.text = NormalizedText(view.bytes, isNormalizationFree: view.isNormalizationFree)
    }

    func units(of scope: Rule.Scope) -> [Unit] {
        if let units = unitsByScope[scope] { return units }
        let units = view.units(of: scope)
        unitsByScope[scope] = units
        trimmedByScope[scope] = units.map { view.trimmedRange(of: $0.bytes) }
        return units
    }

    /// The gated rules whose literals occur in some unit of `scope`, in
    /// rule-set order (rules of every scope: the caller keeps its own).
    func rulesHit(in scope: Rule.Scope) -> [Int] {
        let pairs = hits(in: scope)
        var rules: [Int] = []
        rules.reserveCapacity(min(pairs.count, prefilter.gated.count))
        for pair in pairs where rules.last != Int(pair >> 32) { rules.append(Int(pair >> 32)) }
        return rules
    }

    private func hits(in scope: Rule.Scope) -> [UInt64] {
        if let pairs = prefilterHits[scope] { return pairs }
        let units = units(of: scope)
        var pairs: [UInt64] = []
        let unsafeUnits = text.withBytes(of: units.map(\.bytes), in: .nfc) { subject, ranges in
            prefilter.scan(subject, units: ranges) { rule, unit in
                // Room for a typical document's hits at the first, so that the array is not grown hit by hit.
                if pairs.isEmpty { pairs.reserveCapacity(32) }
                pairs.append(UInt64(rule) << 32 | UInt64(unit))
            }
        }
        if !unsafeUnits.isEmpty {
            for unitIndex in unsafeUnits {
                for rule in prefilter.gated.indices where prefilter.gated[rule] {
                    pairs.append(UInt64(rule) << 32 | UInt64(unitIndex))
                }
            }
            // Units ascend again, as grouping needs.
            pairs.sort()
        }
        let distinct = Prefilter.groupedByRule(pairs, ruleCount: prefilter.gated.count)
        prefilterHits[scope] = distinct
        return distinct
    }

    /// The units of `scope` that rule `ruleIndex` must be run on: its
    /// prefilter pairs (found by binary search: those from its key up to the
    /// next rule's), or every unit for a rule the prefilter does not gate.
    /// Read in place rather than copied into an array of indices, since a
    /// scan asks once for every rule it runs.
    private struct UnitSelection {
        /// The scope's pairs, `rule << 32 | unit`; empty when every unit is
        /// selected (a gated rule's pairs are empty only when its span is).
        let pairs: [UInt64]
        /// The rule's pairs in `pairs`, or the indices of every unit.
        let span: Range<Int>

        /// The index of the `position`th selected unit (0-based).
        subscript(position: Int) -> Int {
            pairs.isEmpty ? span.lowerBound + position : Int(pairs[span.lowerBound + position] & 0xFFFF_FFFF)
        }
    }

    /// The ``UnitSelection`` of rule `ruleIndex` in `scope`.
    private func unitSelection(for ruleIndex: Int, scope: Rule.Scope) -> UnitSelection {
        guard prefilter.gated[ruleIndex] else { return UnitSelection(pairs: [], span: units(of: scope).indices) }
        let pairs = hits(in: scope)
        func firstPair(from key: UInt64) -> Int {
            var low = 0, high = pairs.count
            while low < high {
                let middle = (low + high) / 2
                if pairs[middle] < key { low = middle + 1 } else { high = middle }
            }
            return low
        }
        let key = UInt64(ruleIndex) << 32
        return UnitSelection(pairs: pairs, span: firstPair(from: key)..<firstPair(from: key + (1 << 32)))
    }

    /// The units that satisfy `rule` (the rule set's rule `ruleIndex`)
    /// before `position` and `min_run` are applied; units where the
    /// prefilter rules it out are not tried. A rule that hits a resource
    /// limit is recorded once in `limitHits`; the unit where it did is not a hit.
    func candidates(of box: Scanner.RuleBox, at ruleIndex: Int, limitHits: inout [LimitHit]) -> [UnitHit] {
        // The rule is read through its box: a closure that captured the
        // rule itself would copy all its fields for every call.
        var hits: [UnitHit] = []
        var limitReported = false
        let units = units(of: box.rule.scope)
        let trimmed = trimmedByScope[box.rule.scope]
        let selection = unitSelection(for: ruleIndex, scope: box.rule.scope)
        // Most rules have no `when`: their units are not measured at all.
        let checksConditions = box.hasConditions
        view.bytes.withUnsafeBufferPointer { buffer in
            for position in 0..<selection.span.count {
                let index = selection[position]
                let unit = units[index]
                do throws(MatchError) {
                    var matches = try evaluate(box.rule, unit, trimmed: trimmed[index], buffer, checksConditions: checksConditions)
                    if !suppressions.isEmpty {
                        matches = matches.filter {
                            let offset = $0.range.lowerBound
                            return !suppressions.isSuppressed(box.rule.id, at: offset, onLine: view.lineIndex(ofByte: offset))
                        }
                    }
                    if !matches.isEmpty { hits.append(UnitHit(unitIndex: index, matches: matches)) }
                } catch {
                    if !limitReported {
                        limitHits.append(LimitHit(path: view.name, ruleID: box.rule.id, line: unit.lines.lowerBound + 1, error: error))
                        limitReported = true
                    }
                }
            }
        }
        return box.rule.conditions.unlessBetweenProse ? ProseNeighbours.hitsOutsideProse(hits, units: units, trimmed: trimmed, view: view) : hits
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
        let (start, end) = original.positions(of: range)
        let matched = original.text(range)
        let line = start.line
        // A message is one line: a match that spans lines is shown with spaces.
        var message = rule.message.expand(ruleID: rule.id, line: line, matched: matched, match: hit.match,
                                          text: { original.text($0) })
        if message.withUTF8({ $0.contains { $0 == 0x0A || $0 == 0x0D } }) {
            message = message.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline).joined(separator: " ")
        }
        let replacement = rule.replacement?.expand(ruleID: rule.id, line: line, matched: matched, match: hit.match,
                                                   text: { original.text($0) })
        let block = self.block(of: range)
        return Finding(
            path: original.name, line: line, column: start.column, endLine: end.line, endColumn: end.column,
            byteOffset: range.lowerBound, byteLength: range.count, ruleID: rule.id, category: rule.category,
            severity: rule.severity, action: rule.action, message: message, matchedText: matched,
            replacement: replacement, block: (block.lowerBound + 1)...(block.upperBound + 1))
    }

    /// 0-based lines holding the bytes of `range`.
    private func lines(of range: Range<Int>) -> ClosedRange<Int> {
        view.lineIndex(ofByte: range.lowerBound)...view.lineIndex(ofByte: max(range.lowerBound, range.upperBound - 1))
    }

    /// 0-based lines of the paragraph where `range` starts.
    private func block(of range: Range<Int>) -> ClosedRange<Int> {
        let line = view.lineIndex(ofByte: range.lowerBound)
        return line < paragraphOfLine.count ? paragraphOfLine[line] : line...line
    }

    private func evaluate(_ rule: Rule, _ unit: Unit, trimmed: Range<Int>, _ buffer: UnsafeBufferPointer<UInt8>,
                          checksConditions: Bool) throws(MatchError) -> [Hit] {
        if checksConditions {
            guard satisfies(rule.conditions, trimmed, buffer),
                  rule.conditions.minRepeats.map({ repeats(unit, atLeast: $0) }) ?? true else { return [] }
        }
        let hits: [Hit]
        if let match = rule.match {
            hits = try match.matches(in: text, unit: unit.bytes, scratch: scratch).map { Hit(range: $0.range, match: $0) }
            if hits.isEmpty { return [] }
        } else {
            hits = [Hit(range: trimmed, match: nil)]
        }
        if let unless = rule.unless, try unless.hasMatch(in: text, unit: unit.bytes, scratch: scratch) { return [] }
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
            guard conditions.endsWith.contains(where: {
                unit.reversed().starts(with: $0.utf8.reversed())
                    || (Ellipsis.isEllipsis($0) && UnitFeatures.ending(of: UnsafeBufferPointer(rebasing: unit)) == .ellipsis)
            }) else { return false }
        }
        return conditions.holdStructurally(in: UnsafeBufferPointer(rebasing: buffer[trimmed]))
    }
}

/// One value for each scope, held in place: a document's scan makes one
/// of each table, and an array of them would be one more allocation.
private struct PerScope<Value> {
    private var line: Value, block: Value, document: Value

    init(repeating value: Value) {
        (line, block, document) = (value, value, value)
    }

    subscript(scope: Rule.Scope) -> Value {
        get {
            switch scope {
            case .line: line
            case .block: block
            case .document: document
            }
        }
        set {
            switch scope {
            case .line: line = newValue
            case .block: block = newValue
            case .document: document = newValue
            }
        }
    }
}
