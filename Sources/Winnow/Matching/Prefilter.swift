/// Decides, with one pass over a unit's bytes, which rules' patterns can
/// match there: the required literals of every rule (``RequiredLiterals``)
/// go into one Aho–Corasick automaton (Aho and Corasick, "Efficient string
/// matching", CACM 1975), built as a full DFA over the byte classes that
/// occur in the literals; a rule whose literals do not occur is not run.
/// Rules without literals always run.
///
/// The text is compared with its ASCII letters lowercased, and so are the
/// literals (case-sensitive ones too: a necessary condition stays one).
/// PCRE2's caseless matching also folds KELVIN SIGN (U+212A) to `k` and LONG
/// S (U+017F) to `s`: a unit that holds either runs every rule.
///
/// The prefilter reads a unit in NFC (``NormalizedText/Form/nfc``), the
/// form regexes see. Keywords see the unit without invisible format
/// characters (``NormalizedText/isInvisibleFormatCharacter(_:)``), where a
/// keyword literal may occur although it does not in NFC (`Daten` U+00AD
/// `schutz`): the automaton passes over those characters, in the text and
/// in the literals, so it finds what either form holds. A regex whose
/// literal it then finds only across such a character is run and does not
/// match there, as before.
///
/// A reference type: every document's scan holds it, and a copy of its
/// tables would retain each of them.
public final class Prefilter: Sendable {
    /// For each rule, in rule-set order: whether it needs a literal to occur.
    let gated: [Bool]
    /// Byte → the class of the byte lowercased; 0 for bytes in no literal.
    private let foldedClasses: [UInt8]
    /// ``foldedClasses`` with the bytes that need a look (``needsLook(_:)``)
    /// sent to the last column of the table, whose entries are all
    /// negative: the plain loop stops at them as at a literal's end, and
    /// tests no byte itself.
    private let scanClasses: [UInt8]
    /// The number of columns of a row: the byte classes, then the look column.
    private let stride: Int
    /// `transitions[state * stride + class]`: the next state `s`, as its
    /// row `s * stride`, complemented (`~row`) when a literal ends at `s`;
    /// -1 in the look column.
    private let transitions: [Int32]
    /// Rules whose literal ends at a state: `outputs[outputStart[s]..<outputStart[s + 1]]`.
    private let outputStart: [Int32]
    private let outputs: [Int32]

    /// Builds the automaton for `rules`.
    public init(rules: [Rule]) {
        var literalsByRule: [[[UInt8]]?] = rules.map { rule in
            guard let match = rule.match else { return nil }
            var all: [[UInt8]] = []
            for pattern in match.patterns {
                guard let literals = pattern.requiredLiterals else { return nil }
                all += literals
            }
            // A literal that is nothing but invisible characters occurs in every unit's automaton view.
            let visible = all.map { Self.withoutInvisibleCharacters($0).map(Self.lowercased) }
            return visible.isEmpty || visible.contains(where: \.isEmpty) ? nil : visible
        }
        // Rules with a resource-hungry number of literals stay ungated rather than bloat the automaton.
        literalsByRule = literalsByRule.map { literals in literals.flatMap { $0.count <= 10_000 ? $0 : nil } }
        gated = literalsByRule.map { $0 != nil }

        // Classes 1 to 254 at most, so that the look class fits a byte too.
        // UTF-8 has 243 distinct bytes, so no two bytes share a class; if
        // they did, the automaton would only find more.
        var classes = [UInt8](repeating: 0, count: 256)
        var classCount = 1
        for literal in literalsByRule.compactMap({ $0 }).joined() {
            for byte in literal where classes[Int(byte)] == 0 {
                classes[Int(byte)] = UInt8(min(classCount, 254))
                classCount = min(classCount + 1, 255)
            }
        }
        let foldedClasses = (0...255).map { classes[Int(Self.lowercased(UInt8($0)))] }
        self.foldedClasses = foldedClasses
        let stride = classCount + 1
        self.stride = stride
        scanClasses = (0...255).map { Self.needsLook(UInt8($0)) ? UInt8(classCount) : foldedClasses[$0] }

        // The trie, one row of `stride` entries a state; the look column stays -1.
        var transitions = [Int32](repeating: -1, count: stride)
        var ruleOutputs: [[Int32]] = [[]]
        for (ruleIndex, literals) in literalsByRule.enumerated() {
            for literal in literals ?? [] {
                var state = 0
                for byte in literal {
                    let slot = state * stride + Int(classes[Int(byte)])
                    if transitions[slot] < 0 {
                        transitions[slot] = Int32(ruleOutputs.count)
                        ruleOutputs.append([])
                        transitions.append(contentsOf: repeatElement(-1, count: stride))
                    }
                    state = Int(transitions[slot])
                }
                if ruleOutputs[state].last != Int32(ruleIndex) { ruleOutputs[state].append(Int32(ruleIndex)) }
            }
        }
        // Failure links, breadth first, folded into a full DFA.
        var failure = [Int](repeating: 0, count: ruleOutputs.count)
        var queue: [Int] = []
        for byteClass in 0..<classCount {
            let slot = byteClass
            if transitions[slot] < 0 {
                transitions[slot] = 0
            } else {
                queue.append(Int(transitions[slot]))
            }
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            ruleOutputs[state] += ruleOutputs[failure[state]].filter { !ruleOutputs[state].contains($0) }
            for byteClass in 0..<classCount {
                let slot = state * stride + byteClass
                let fallback = transitions[failure[state] * stride + byteClass]
                if transitions[slot] < 0 {
                    transitions[slot] = fallback
                } else {
                    let next = Int(transitions[slot])
                    failure[next] = Int(fallback)
                    queue.append(next)
                }
            }
        }
        // Each next state becomes its row, marked where a literal ends.
        for state in ruleOutputs.indices {
            for slot in (state * stride)..<(state * stride + classCount) {
                let next = transitions[slot]
                let row = next * Int32(stride)
                transitions[slot] = ruleOutputs[Int(next)].isEmpty ? row : ~row
            }
        }
        self.transitions = transitions
        var start: [Int32] = [0]
        for list in ruleOutputs { start.append(start.last! + Int32(list.count)) }
        outputStart = start
        outputs = Array(ruleOutputs.joined())
    }

    /// Calls `hit` with the index of every gated rule whose literal occurs
    /// in a unit, and the unit's index in `units` (possibly more than once;
    /// units ascending); `units` are 0-based byte ranges of `text`. Returns,
    /// ascending, the units that hold a character that makes the prefilter
    /// unsafe, where every rule must run.
    ///
    /// The table outgrows the first-level cache with a few dozen rules, so
    /// each byte's step waits on a load from a slower one, and the next
    /// step needs its result. The units are therefore read as two lanes,
    /// the first half of their bytes and the second, a byte of each in
    /// turn, so that the processor overlaps the two lanes' loads
    /// (interleaved automata). The loop that does so holds the lanes in
    /// registers and stops for anything but a plain step: a unit's end, a
    /// literal's end, a character that needs a look (``Lane``).
    func scan(_ text: UnsafeBufferPointer<UInt8>, units: [Range<Int>], hit: (_ rule: Int, _ unit: Int) -> Void) -> [Int] {
        var total = 0
        for range in units { total += range.count }
        var split = 0, before = 0
        while split < units.count && 2 * (before + units[split].count) <= total {
            before += units[split].count
            split += 1
        }
        var first = Lane(units: 0..<split), second = Lane(units: split..<units.count)
        scanClasses.withUnsafeBufferPointer { classes in
            transitions.withUnsafeBufferPointer { transitions in
                let automaton = Automaton(text: text, classes: foldedClasses, transitions: transitions, stride: stride)
                guard let base = text.baseAddress else { return }
                while !first.isDone && !second.isDone {
                    // One counter for both lanes, up to the nearer unit end.
                    let steps = min(first.end - first.position, second.end - second.position)
                    let one = base + first.position, two = base + second.position
                    var oneRow = first.row, twoRow = second.row, step = 0
                    while step < steps {
                        let oneNext = Int(transitions[oneRow &+ Int(classes[Int(one[step])])])
                        let twoNext = Int(transitions[twoRow &+ Int(classes[Int(two[step])])])
                        if oneNext | twoNext < 0 { break }
                        oneRow = oneNext
                        twoRow = twoNext
                        step &+= 1
                    }
                    first.position += step
                    first.row = oneRow
                    second.position += step
                    second.row = twoRow
                    automaton.step(&first, units: units)
                    automaton.step(&second, units: units)
                }
                // One lane is done; the other goes on alone.
                func finish(_ lane: inout Lane) {
                    while !lane.isDone {
                        var position = lane.position, row = lane.row
                        let end = lane.end
                        while position < end {
                            let next = Int(transitions[row &+ Int(classes[Int(base[position])])])
                            if next < 0 { break }
                            row = next
                            position &+= 1
                        }
                        lane.position = position
                        lane.row = row
                        automaton.step(&lane, units: units)
                    }
                }
                finish(&first)
                finish(&second)
            }
        }
        func report(_ literalEnds: [UInt64]) {
            for end in literalEnds {
                let state = Int(end >> 32), unit = Int(end & 0xFFFF_FFFF)
                for output in Int(outputStart[state])..<Int(outputStart[state + 1]) { hit(Int(outputs[output]), unit) }
            }
        }
        report(first.literalEnds)
        report(second.literalEnds)
        return first.unsafeUnits + second.unsafeUnits
    }

    /// Whether `byte` may start a character that the automaton does not
    /// simply step over: an invisible format character or one that makes
    /// the prefilter unsafe (C2, C5, E2 and EF lead them all).
    @inline(__always)
    private static func needsLook(_ byte: UInt8) -> Bool {
        byte >= 0xC2 && (byte == 0xC5 || byte == 0xE2 || byte == 0xC2 || byte == 0xEF)
    }

    /// One of ``scan(_:units:hit:)``'s lanes: a run of units read in order.
    private struct Lane {
        /// The index of the unit being read, and the end of the lane's units.
        var unit: Int
        let lastUnit: Int
        /// The offset of the next byte, the unit's end, and the automaton's
        /// state as its row in the table.
        var position = 0, end = 0, row = 0
        /// Where literals ended: state << 32 | unit, units ascending.
        var literalEnds: [UInt64] = []
        var unsafeUnits: [Int] = []

        init(units: Range<Int>) {
            unit = units.lowerBound - 1
            lastUnit = units.upperBound
        }

        var isDone: Bool { unit >= lastUnit }
    }

    /// The tables, borrowed for one scan.
    private struct Automaton {
        let text: UnsafeBufferPointer<UInt8>
        /// ``Prefilter/foldedClasses``: a byte's own class, needed where the loop stopped.
        let classes: [UInt8]
        let transitions: UnsafeBufferPointer<Int32>
        let stride: Int

        /// Moves `lane` on by one step that the plain loop stopped at: to
        /// its next unit at a unit's end (the first call starts the first);
        /// over an invisible format character, which the automaton passes
        /// over; to the unit's end at a character that makes the prefilter
        /// unsafe, recording the unit; else over one byte, recording a
        /// literal that ends there.
        func step(_ lane: inout Lane, units: [Range<Int>]) {
            let index = lane.position, end = lane.end
            if index >= end {
                lane.unit += 1
                if lane.unit < lane.lastUnit {
                    lane.position = units[lane.unit].lowerBound
                    lane.end = units[lane.unit].upperBound
                    lane.row = 0
                }
                return
            }
            let byte = text[index]
            if Prefilter.needsLook(byte) {
                // U+017F LONG S is C5 BF; U+212A KELVIN SIGN is E2 84 AA.
                let second = index + 1 < end ? text[index + 1] : 0
                let third = index + 2 < end ? text[index + 2] : 0
                switch (byte, second, third) {
                case (0xC5, 0xBF, _), (0xE2, 0x84, 0xAA):
                    lane.unsafeUnits.append(lane.unit)
                    lane.position = end
                    return
                default:
                    let invisible = Prefilter.invisibleCharacterLength(byte, second, third)
                    if invisible > 0 {
                        lane.position = index + invisible
                        return
                    }
                }
            }
            let next = Int(transitions[lane.row + Int(classes[Int(byte)])])
            lane.position = index + 1
            if next >= 0 {
                lane.row = next
            } else {
                lane.row = ~next
                // Room for a typical document's literals at the first, so that the array is not grown one by one.
                if lane.literalEnds.isEmpty { lane.literalEnds.reserveCapacity(16) }
                lane.literalEnds.append(UInt64(lane.row / stride) << 32 | UInt64(lane.unit))
            }
        }
    }

    /// `pairs` (rule << 32 | unit, gathered unit by unit, so units ascend)
    /// in ascending order without repeats. A few pairs (most documents'
    /// count) are put in order by insertion sort; more by a
    /// least-significant-digit radix sort on the rule index (Knuth, TAOCP
    /// vol. 3, section 5.2.5), one byte a pass: stable, so units stay
    /// ascending within a rule, and linear in the pairs with 256 buckets a
    /// pass, however many rules the set has (a counting sort over every rule
    /// cost more than the prefilter itself with 5,000 rules; a comparison
    /// sort of every document's pairs did with 50).
    static func groupedByRule(_ pairs: [UInt64], ruleCount: Int) -> [UInt64] {
        guard pairs.count > 1 else { return pairs }
        var sorted = pairs
        if pairs.count <= insertionSortLimit {
            sorted.withUnsafeMutableBufferPointer { items in
                for index in 1..<items.count {
                    let item = items[index]
                    var slot = index
                    while slot > 0 && items[slot - 1] > item {
                        items[slot] = items[slot - 1]
                        slot -= 1
                    }
                    items[slot] = item
                }
            }
        } else {
            var buffer = [UInt64](repeating: 0, count: pairs.count)
            withUnsafeTemporaryAllocation(of: Int.self, capacity: 257) { starts in
                var digit = 0
                while (ruleCount - 1) >> (8 * digit) > 0 {
                    let shift = UInt64(32 + 8 * digit)
                    starts.initialize(repeating: 0)
                    for pair in sorted { starts[Int((pair >> shift) & 0xFF) + 1] += 1 }
                    for bucket in 0..<256 { starts[bucket + 1] += starts[bucket] }
                    for pair in sorted {
                        let bucket = Int((pair >> shift) & 0xFF)
                        buffer[starts[bucket]] = pair
                        starts[bucket] += 1
                    }
                    swap(&sorted, &buffer)
                    digit += 1
                }
            }
        }
        // Repeats are now neighbours: kept once, in place.
        var kept = 1
        sorted.withUnsafeMutableBufferPointer { items in
            for index in 1..<items.count where items[index] != items[kept - 1] {
                items[kept] = items[index]
                kept += 1
            }
        }
        sorted.removeLast(sorted.count - kept)
        return sorted
    }

    /// The most pairs ``groupedByRule(_:ruleCount:)`` sorts by insertion:
    /// up to this many, the moves cost less than a radix pass's 257 buckets.
    private static let insertionSortLimit = 32

    /// The length of the invisible format character that starts with
    /// `first`, `second`, `third` (C2 AD, E2 80 8B, E2 81 A0, EF BB BF: the
    /// UTF-8 of ``NormalizedText/isInvisibleFormatCharacter(_:)``'s
    /// characters, which a test checks), or 0.
    @inline(__always)
    static func invisibleCharacterLength(_ first: UInt8, _ second: UInt8, _ third: UInt8) -> Int {
        switch (first, second, third) {
        case (0xC2, 0xAD, _): 2
        case (0xE2, 0x80, 0x8B), (0xE2, 0x81, 0xA0), (0xEF, 0xBB, 0xBF): 3
        default: 0
        }
    }

    /// `literal` without its invisible format characters.
    private static func withoutInvisibleCharacters(_ literal: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var index = 0
        while index < literal.count {
            let invisible = invisibleCharacterLength(literal[index], index + 1 < literal.count ? literal[index + 1] : 0,
                                                     index + 2 < literal.count ? literal[index + 2] : 0)
            if invisible > 0 {
                index += invisible
            } else {
                out.append(literal[index])
                index += 1
            }
        }
        return out
    }

    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }
}
