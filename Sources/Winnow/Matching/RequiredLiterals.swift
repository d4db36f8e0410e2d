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
/// lowercased, so they keep only characters whose case ASCII lowercasing
/// settles: ASCII, and characters without case (CJK, digits, punctuation).
enum RequiredLiterals {
    /// One of these byte strings occurs in every match of `pattern`, or
    /// `nil` when no such set is known. Caseless literals are lowercased.
    static func of(pattern: String, caseless: Bool) -> [[UInt8]]? {
        var parser = Parser(scalars: Array(pattern.unicodeScalars), caseless: caseless)
        guard let node = parser.alternation(), parser.atEnd else { return nil }
        guard let literals = node.required, !literals.isEmpty else { return nil }
        return literals
    }

    /// Whether `scalar` can be part of a literal compared as the prefilter compares.
    static func usable(_ scalar: Unicode.Scalar, caseless: Bool) -> Bool {
        guard caseless, !scalar.isASCII else { return true }
        let properties = scalar.properties
        return properties.lowercaseMapping == String(scalar) && properties.uppercaseMapping == String(scalar)
            && properties.titlecaseMapping == String(scalar)
    }

    private static func bytes(_ scalar: Unicode.Scalar, caseless: Bool) -> [UInt8] {
        let text = caseless && scalar.isASCII ? String(scalar).lowercased() : String(scalar)
        return Array(text.utf8)
    }

    /// What a piece of pattern guarantees.
    private struct Node {
        /// The whole piece is this literal text (only for plain characters).
        var exact: [UInt8]?
        /// One of these occurs in every match of the piece; `nil` if unknown.
        var required: [[UInt8]]?
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
            var best: [[UInt8]]?
            var run: [UInt8] = []
            func consider(_ literals: [[UInt8]]?) {
                guard let literals, !literals.isEmpty else { return }
                let score = literals.map(\.count).min()!
                if best == nil || score > best!.map(\.count).min()! { best = literals }
            }
            while let scalar = peek, scalar != "|", scalar != ")" {
                guard let piece = atom() else { return nil }
                let optional = quantifier()
                if let exact = piece.exact, !optional.allowsZero, !optional.repeats {
                    run += exact
                    continue
                }
                consider([run])
                run = []
                if !optional.allowsZero { consider(piece.required) }
            }
            consider([run])
            let literals = best?.filter { !$0.isEmpty } ?? []
        return Node(exact: nil, required: literals.isEmpty ? nil : literals)
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
                return Node(exact: nil, required: inner.required ?? inner.exact.map { [$0] })
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
            guard RequiredLiterals.usable(scalar, caseless: caseless) else { return Node(exact: nil, required: nil) }
            return Node(exact: RequiredLiterals.bytes(scalar, caseless: caseless), required: nil)
        }

        /// `\Q…\E`: literal text.
        private mutating func quoted() -> Node {
            var text: [UInt8] = [], usable = true
            while let scalar = peek {
                if scalar == "\\", position + 1 < scalars.count, scalars[position + 1] == "E" {
                    position += 2
                    break
                }
                position += 1
                if RequiredLiterals.usable(scalar, caseless: caseless) { text += RequiredLiterals.bytes(scalar, caseless: caseless) } else { usable = false }
            }
            return usable ? Node(exact: text, required: nil) : Node(exact: nil, required: text.count >= 2 ? [text] : nil)
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
