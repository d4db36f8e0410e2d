import Foundation

/// The one JSON encoder of every JSON format Winnow writes: keys sorted, `/`
/// not escaped, non-ASCII text as UTF-8, so output is byte-for-byte stable.
enum JSONOutput {
    /// `value` indented by two spaces, ending with a newline.
    static func pretty(_ value: some Encodable) -> [UInt8] {
        encode(value, [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]) + [0x0A]
    }

    /// `value` as `pretty` writes it where it stands `depth` levels deep in a
    /// larger pretty-printed document (as an array element or after a key):
    /// each line after the first gets two more spaces a level, except the
    /// blank line the encoder writes inside an empty array or object; no
    /// trailing newline. The caller writes the first line's indentation.
    static func pretty(_ value: some Encodable, depth: Int) -> [UInt8] {
        let lines = encode(value, [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]).split(separator: 0x0A, omittingEmptySubsequences: false)
        var out: [UInt8] = []
        for (index, line) in lines.enumerated() {
            if index > 0 {
                out.append(0x0A)
                if !line.isEmpty { out += indentation(depth) }
            }
            out += line
        }
        return out
    }

    /// The indentation of a line `depth` levels deep: two spaces a level.
    static func indentation(_ depth: Int) -> [UInt8] {
        [UInt8](repeating: 0x20, count: 2 * depth)
    }

    /// `value` on one line, ending with a newline (one JSON Lines record).
    static func line(_ value: some Encodable) -> [UInt8] {
        encode(value, [.sortedKeys, .withoutEscapingSlashes]) + [0x0A]
    }

    /// Writes a pretty-printed array whose elements come one by one, as
    /// `pretty` writes an array `depth` levels deep: the caller writes the
    /// opening `[`, then each element (indented, see `pretty(_:depth:)`),
    /// then ``close(to:)``.
    struct ArrayWriter {
        let depth: Int
        private var isEmpty = true

        init(depth: Int) {
            self.depth = depth
        }

        mutating func element(_ bytes: [UInt8], to output: ([UInt8]) throws -> Void) rethrows {
            try output((isEmpty ? [0x0A] : [UInt8(ascii: ","), 0x0A]) + bytes)
            isEmpty = false
        }

        /// The closing bracket; the encoder writes an empty array as `[`, a blank line and `]`.
        func close(to output: ([UInt8]) throws -> Void) rethrows {
            try output((isEmpty ? [0x0A, 0x0A] : [0x0A]) + JSONOutput.indentation(depth) + [UInt8(ascii: "]")])
        }
    }

    private static func encode(_ value: some Encodable, _ formatting: JSONEncoder.OutputFormatting) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = formatting
        // Encoding plain structs of strings, integers and arrays cannot fail.
        return [UInt8](try! encoder.encode(value))
    }
}
