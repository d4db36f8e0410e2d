/// The literals that every match of a pattern must contain, for the
/// prefilter: if none of them occurs in a unit, the pattern cannot match
/// there and PCRE2 is not run. The idea is ripgrep's literal extraction,
/// kept small: a pattern is read as concatenations and alternations of
/// literal characters; anything else (classes, escapes such as `\w`,
/// `.`, lookarounds, backreferences, optional or repeated pieces) cuts a
/// literal. When a pattern cannot be read that far, it has no literals and
/// always runs.
///
/// Caseless literals are compared with the ASCII letters of the text
/// lowercased, so ASCII letters are kept lowercased, and characters without
/// case (CJK, digits, punctuation) as they are. A Latin or Cyrillic letter
/// outside ASCII is spelled out in each of its cases (``caseVariants(of:)``),
/// so a caseless literal is a set: `đồ` gives `đồ`, `Đồ`, `đỒ` and `ĐỒ`.
/// Other cased letters (Greek, Latin ones with a third case form) cut a literal.
enum RequiredLiterals {
    /// Most spellings one caseless literal is expanded to; a longer run is
    /// cut there, so that the automaton stays small.
    static let maxVariants = 16

    /// One of these byte strings occurs in every match of `pattern`, or
    /// `nil` when no such set is known. Caseless literals are lowercased.
    static func of(pattern: String, caseless: Bool) -> [[UInt8]]? {
        var parser = Parser(scalars: Array(pattern.unicodeScalars), caseless: caseless)
        guard let node = parser.alternation(), parser.atEnd else { return nil }
        guard let literals = node.required, !literals.isEmpty else { return nil }
        return literals
    }

    /// The byte strings that stand for `scalar` in a literal compared as the
    /// prefilter compares, or `nil` when it cannot be part of one.
    static func spellings(of scalar: Unicode.Scalar, caseless: Bool) -> [[UInt8]]? {
        if scalar.isASCII {
            let byte = UInt8(scalar.value)
            return [[caseless ? Prefilter.lowercased(byte) : byte]]
        }
        guard caseless else { return [utf8(scalar)] }
        return caseVariants(of: scalar)?.map(utf8)
    }

    private static func utf8(_ scalar: Unicode.Scalar) -> [UInt8] {
        Array(UTF8.encode(scalar)!)
    }

    /// `scalar` and the other scalars PCRE2's caseless matching takes for it:
    /// itself alone when it has no case; for a Latin letter (U+00C0–U+024F,
    /// U+1E00–U+1EFF) or a Cyrillic one (U+0400–U+052F) whose forms are
    /// single scalars mapping to each other, its lower, upper and title case
    /// forms, and for the Cyrillic letters that Unicode's case folding
    /// (CaseFolding.txt) also gives an old form (`в` and `ᲀ`, `т`, `ᲄ` and
    /// `ᲅ`…), that form too; `nil` otherwise. Left out are the Latin letters
    /// with a further case form: `ß` and `ẞ`, `å` and `Å` (ANGSTROM SIGN),
    /// `ſ`, `ṡ` and `ẛ`, and any whose form is ASCII (`ı`) or two scalars (`İ`).
    static func caseVariants(of scalar: Unicode.Scalar) -> [Unicode.Scalar]? {
        func single(_ text: String) -> Unicode.Scalar? {
            let scalars = text.unicodeScalars
            return scalars.count == 1 ? scalars.first : nil
        }
        func forms(_ scalar: Unicode.Scalar) -> [Unicode.Scalar]? {
            let properties = scalar.properties
            guard let lower = single(properties.lowercaseMapping), let upper = single(properties.uppercaseMapping),
                  let title = single(properties.titlecaseMapping) else { return nil }
            return [scalar, lower, upper, title]
        }
        guard let own = forms(scalar) else { return nil }
        if own.allSatisfy({ $0 == scalar }) { return [scalar] }
        let latin = 0xC0...0x24F as ClosedRange<UInt32>, latinAdditional = 0x1E00...0x1EFF as ClosedRange<UInt32>
        let cyrillic = 0x400...0x52F as ClosedRange<UInt32>
        guard latin.contains(scalar.value) || latinAdditional.contains(scalar.value) || cyrillic.contains(scalar.value),
              !"ßẞåÅſṡṠẛ".unicodeScalars.contains(scalar) else { return nil }
        var variants: [Unicode.Scalar] = []
        for form in own where !variants.contains(form) { variants.append(form) }
        // Closed: every form's own forms are among them, and none is ASCII.
        for variant in variants {
            guard !variant.isASCII, let theirs = forms(variant), theirs.allSatisfy(variants.contains) else { return nil }
        }
        for variant in variants { variants += oldCyrillicForms[variant] ?? [] }
        return variants
    }

    /// The old forms of Cyrillic small letters (U+1C80–U+1C88), which fold
    /// to them in CaseFolding.txt: PCRE2's caseless matching takes them for
    /// the letter and its capital.
    private static let oldCyrillicForms: [Unicode.Scalar: [Unicode.Scalar]] = [
        "в": ["\u{1C80}"], "д": ["\u{1C81}"], "о": ["\u{1C82}"], "с": ["\u{1C83}"],
        "т": ["\u{1C84}", "\u{1C85}"], "ъ": ["\u{1C86}"], "ѣ": ["\u{1C87}"],
    ]

    /// What a piece of pattern guarantees.
    private struct Node {
        /// The whole piece is one of these literal texts (only for plain
        /// characters; several for the case forms of a letter).
        var exact: [[UInt8]]?
        /// One of these occurs in every match of the piece; `nil` if unknown.
        var required: [[UInt8]]?
    }

    /// The literals of a run of pieces: plain characters are joined into
    /// the current literal (all its spellings, up to ``maxVariants``), and
    /// the best literal set seen is kept: the one whose shortest literal is
    /// longest, the first of equals.
    private struct LiteralRun {
        private var current: [[UInt8]] = [[]]
        private var bestSoFar: [[UInt8]]?
        private var wasCut = false

        /// Joins a plain character, given as its spellings; where that would
        /// make more than ``maxVariants`` spellings, the literal is cut there.
        mutating func append(_ spellings: [[UInt8]]) {
            guard current.count * spellings.count <= RequiredLiterals.maxVariants else {
                cut()
                current = spellings
                return
            }
            if spellings.count == 1 {
                for index in current.indices { current[index] += spellings[0] }
            } else {
                current = current.flatMap { text in spellings.map { text + $0 } }
            }
        }

        /// Ends the current literal (at a piece that is not a plain character).
        mutating func cut() {
            consider(current)
            current = [[]]
            wasCut = true
        }

        /// Keeps `literals` (one of which every match holds) if they are the best so far.
        mutating func consider(_ literals: [[UInt8]]?) {
            guard let literals, !literals.isEmpty else { return }
            let score = literals.map(\.count).min()!
            if bestSoFar == nil || score > bestSoFar!.map(\.count).min()! { bestSoFar = literals }
        }

        /// The spellings of the whole run when nothing cut it.
        var whole: [[UInt8]]? { wasCut ? nil : current }

        /// The best literal set of the run, or `nil` when it has no non-empty one.
        mutating func best() -> [[UInt8]]? {
            consider(current)
            let literals = bestSoFar?.filter { !$0.isEmpty } ?? []
            return literals.isEmpty ? nil : literals
        }
    }

    private struct Parser {
        let scalars: [Unicode.Scalar]
        let caseless: Bool
        var position = 0

        init(scalars: [Unicode.Scalar], caseless: Bool) {
            self.scalars = scalars
            self.caseless = caseless
        }

        var atEnd: Bool { position == scalars.count }
        private var peek: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

        /// branch ( '|' branch )*: a literal from each branch, or nothing.
        mutating func alternation() -> Node? {
            var branches: [Node] = []
            while true {
                guard let branch = concatenation() else { return nil }
                branches.append(branch)
                guard peek == "|" else { break }
                position += 1
            }
            if branches.count == 1 { return branches[0] }
            var required: [[UInt8]] = []
            for branch in branches {
                guard let literals = branch.required else { return Node(exact: nil, required: nil) }
                required += literals
            }
            return Node(exact: nil, required: required)
        }

        /// A run of pieces: the best literal set among them (the one whose
        /// shortest literal is longest), with plain characters joined.
        mutating func concatenation() -> Node? {
            var literals = LiteralRun()
            while let scalar = peek, scalar != "|", scalar != ")" {
                guard let piece = atom() else { return nil }
                let optional = quantifier()
                if let exact = piece.exact, !optional.allowsZero, !optional.repeats {
                    literals.append(exact)
                    continue
                }
                literals.cut()
                if !optional.allowsZero { literals.consider(piece.required) }
            }
            return Node(exact: nil, required: literals.best())
        }

        /// One atom: a plain character, an escaped literal, a group, or
        /// something that yields no literal (a class, `.`, an anchor…).
        mutating func atom() -> Node? {
            guard let scalar = peek else { return nil }
            position += 1
            switch scalar {
            case "(":
                if peek == "?" {
                    position += 1
                    guard let kind = peek else { return nil }
                    if kind == ":" {
                        position += 1
                    } else if kind == "=" || kind == "!" || kind == "<" {
                        // A lookaround (or a named group: its name, then the group).
                        if kind == "<", let next = scalars.dropFirst(position + 1).first, next != "=" && next != "!" {
                            guard let close = scalars[position...].firstIndex(of: ">") else { return nil }
                            position = close + 1
                        } else {
                            return skipGroup() ? Node(exact: nil, required: nil) : nil
                        }
                    } else {
                        // Inline options such as (?i) change matching: give up.
                        return nil
                    }
                }
                guard let inner = alternation(), peek == ")" else { return nil }
                position += 1
                return Node(exact: nil, required: inner.required ?? inner.exact)
            case "[":
                return skipClass() ? Node(exact: nil, required: nil) : nil
            case "\\":
                guard let escaped = peek else { return nil }
                position += 1
                if escaped == "Q" { return quoted() }
                if escaped.isASCII, !(escaped.properties.isAlphabetic || ("0"..."9").contains(escaped)) {
                    return literal(escaped)
                }
                // Escapes that stand for a class and take no argument: a `{`
                // after one starts a quantifier (`\d{1,2}`).
                if "dDwWsShHvVRX".unicodeScalars.contains(escaped) {
                    return Node(exact: nil, required: nil)
                }
                // Assertions; `\N` is a class unless `\N{U+…}` names a character.
                if "bBAzZGKN".unicodeScalars.contains(escaped), peek != "{" {
                    return Node(exact: nil, required: nil)
                }
                // \p{…}, \P{…}, \pL: a property class.
                if escaped == "p" || escaped == "P" {
                    if peek == "{" {
                        guard let close = scalars[position...].firstIndex(of: "}") else { return nil }
                        position = close + 1
                    } else {
                        position += 1
                    }
                    return Node(exact: nil, required: nil)
                }
                // Anything else (\x41, \101, \cA, \g1, \k<name>, \N{U+41} …) is not
                // read here: the pattern gets no literals and always runs.
                return nil
            case ".", "^", "$":
                return Node(exact: nil, required: nil)
            case "*", "+", "?", "{", ")", "|":
                return nil
            default:
                return literal(scalar)
            }
        }

        private func literal(_ scalar: Unicode.Scalar) -> Node {
            Node(exact: RequiredLiterals.spellings(of: scalar, caseless: caseless), required: nil)
        }

        /// `\Q…\E`: literal text, read as a run of plain characters.
        private mutating func quoted() -> Node {
            var literals = LiteralRun()
            while let scalar = peek {
                if scalar == "\\", position + 1 < scalars.count, scalars[position + 1] == "E" {
                    position += 2
                    break
                }
                position += 1
                if let spellings = RequiredLiterals.spellings(of: scalar, caseless: caseless) {
                    literals.append(spellings)
                } else {
                    literals.cut()
                }
            }
            if let whole = literals.whole { return Node(exact: whole, required: nil) }
            return Node(exact: nil, required: literals.best())
        }

        /// A quantifier after an atom, if any.
        private mutating func quantifier() -> (allowsZero: Bool, repeats: Bool) {
            guard let scalar = peek else { return (false, false) }
            var result = (allowsZero: false, repeats: false)
            switch scalar {
            case "*": result = (true, true); position += 1
            case "+": result = (false, true); position += 1
            case "?": result = (true, false); position += 1
            case "{":
                guard let close = scalars[position...].firstIndex(of: "}") else { return (true, true) }
                let body = String(String.UnicodeScalarView(scalars[(position + 1)..<close]))
                let minimum = Int(body.split(separator: ",", omittingEmptySubsequences: false).first ?? "") ?? 0
                result = (minimum == 0, true)
                position = close + 1
            default: return result
            }
            if let lazy = peek, lazy == "?" || lazy == "+" { position += 1 }
            return result
        }

        /// Skips a character class; false if it does not close.
        private mutating func skipClass() -> Bool {
            if peek == "^" { position += 1 }
            if peek == "]" { position += 1 }
            while let scalar = peek {
                position += 1
                if scalar == "\\" { position += 1 } else if scalar == "[", peek == ":" {
                    guard let close = scalars[position...].firstIndex(of: "]") else { return false }
                    position = close + 1
                } else if scalar == "]" { return true }
            }
            return false
        }

        /// Skips the rest of a group whose contents give no literal.
        private mutating func skipGroup() -> Bool {
            var depth = 1
            while let scalar = peek {
                position += 1
                switch scalar {
                case "\\": position += 1
                case "[": if !skipClass() { return false }
                case "(": depth += 1
                case ")":
                    depth -= 1
                    if depth == 0 { return true }
                default: break
                }
            }
            return false
        }
    }
}
