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
public struct Prefilter: Sendable {
    /// For each rule, in rule-set order: whether it needs a literal to occur.
    let gated: [Bool]
    /// Byte → the class of the byte lowercased; 0 for bytes in no literal.
    private let foldedClasses: [UInt8]
    private let classCount: Int
    /// `transitions[state * classCount + class]`: the next state `s`, as
    /// its row `s * classCount`, complemented (`~row`) when a literal ends at `s`.
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

        var classes = [UInt8](repeating: 0, count: 256)
        var classCount = 1
        for literal in literalsByRule.compactMap({ $0 }).joined() {
            for byte in literal where classes[Int(byte)] == 0 {
                classes[Int(byte)] = UInt8(min(classCount, 255))
                classCount = min(classCount + 1, 256)
            }
        }
        self.foldedClasses = (0...255).map { classes[Int(Self.lowercased(UInt8($0)))] }
        self.classCount = classCount

        // The trie.
        var transitions = [Int32](repeating: -1, count: classCount)
        var ruleOutputs: [[Int32]] = [[]]
        for (ruleIndex, literals) in literalsByRule.enumerated() {
            for literal in literals ?? [] {
                var state = 0
                for byte in literal {
                    let slot = state * classCount + Int(classes[Int(byte)])
                    if transitions[slot] < 0 {
                        transitions[slot] = Int32(ruleOutputs.count)
                        ruleOutputs.append([])
                        transitions += [Int32](repeating: -1, count: classCount)
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
                let slot = state * classCount + byteClass
                let fallback = transitions[failure[state] * classCount + byteClass]
                if transitions[slot] < 0 {
                    transitions[slot] = fallback
                } else {
                    let next = Int(transitions[slot])
                    failure[next] = Int(fallback)
                    queue.append(next)
                }
            }
        }
        self.transitions = transitions.map { next in
            let row = next * Int32(classCount)
            return ruleOutputs[Int(next)].isEmpty ? row : ~row
        }
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
    func scan(_ text: UnsafeBufferPointer<UInt8>, units: [Range<Int>], hit: (_ rule: Int, _ unit: Int) -> Void) -> [Int] {
        var unsafeUnits: [Int] = []
        // The states where a literal ended, with their units (state << 32 |
        // unit): the loop only records them, as a call inside it would keep
        // the automaton's state in memory rather than in a register.
        var ends = [UInt64](repeating: 0, count: 64)
        var endCount = 0
        foldedClasses.withUnsafeBufferPointer { classes in
            transitions.withUnsafeBufferPointer { transitions in
                for (unit, range) in units.enumerated() {
                    var row = 0
                    var index = range.lowerBound
                    let end = range.upperBound
                    while index < end {
                        let byte = text[index]
                        if byte >= 0xC2 && (byte == 0xC5 || byte == 0xE2 || byte == 0xC2 || byte == 0xEF) {
                            // U+017F LONG S is C5 BF; U+212A KELVIN SIGN is E2 84 AA.
                            let second = index + 1 < end ? text[index + 1] : 0
                            let third = index + 2 < end ? text[index + 2] : 0
                            switch (byte, second, third) {
                            case (0xC5, 0xBF, _), (0xE2, 0x84, 0xAA):
                                unsafeUnits.append(unit)
                                index = end
                                continue
                            default:
                                let invisible = Self.invisibleCharacterLength(byte, second, third)
                                if invisible > 0 {
                                    index &+= invisible
                                    continue
                                }
                            }
                        }
                        let next = Int(transitions[row &+ Int(classes[Int(byte)])])
                        index &+= 1
                        if next >= 0 {
                            row = next
                            continue
                        }
                        row = ~next
                        if endCount == ends.count { ends += ends }
                        ends[endCount] = UInt64(row / classCount) << 32 | UInt64(unit)
                        endCount &+= 1
                    }
                }
            }
        }
        for end in ends[..<endCount] {
            let state = Int(end >> 32), unit = Int(end & 0xFFFF_FFFF)
            for output in Int(outputStart[state])..<Int(outputStart[state + 1]) { hit(Int(outputs[output]), unit) }
        }
        return unsafeUnits
    }

    /// `pairs` (rule << 32 | unit, gathered unit by unit, so units ascend)
    /// in ascending order without repeats, by a least-significant-digit
    /// radix sort on the rule index (Knuth, TAOCP vol. 3, section 5.2.5), one
    /// byte a pass: stable, so units stay ascending within a rule, and linear
    /// in the pairs with 256 buckets a pass, however many rules the set has
    /// (a counting sort over every rule cost more than the prefilter itself
    /// with 5,000 rules; a comparison sort did with 50).
    static func groupedByRule(_ pairs: [UInt64], ruleCount: Int) -> [UInt64] {
        guard pairs.count > 1 else { return pairs }
        var sorted = pairs
        var buffer = [UInt64](repeating: 0, count: pairs.count)
        var digit = 0
        while (ruleCount - 1) >> (8 * digit) > 0 {
            let shift = UInt64(32 + 8 * digit)
            var starts = [Int](repeating: 0, count: 257)
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
        var distinct: [UInt64] = []
        distinct.reserveCapacity(sorted.count)
        for pair in sorted where distinct.last != pair { distinct.append(pair) }
        return distinct
    }

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
