import Foundation

/// The one JSON encoder of every JSON format Winnow writes: keys sorted, `/`
/// not escaped, non-ASCII text as UTF-8, so output is byte-for-byte stable.
enum JSONOutput {
    /// `value` indented by two spaces, ending with a newline.
    static func pretty(_ value: some Encodable) -> [UInt8] {
        encode(value, [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]) + [0x0A]
    }

    /// `value` on one line, ending with a newline (one JSON Lines record).
    static func line(_ value: some Encodable) -> [UInt8] {
        encode(value, [.sortedKeys, .withoutEscapingSlashes]) + [0x0A]
    }

    private static func encode(_ value: some Encodable, _ formatting: JSONEncoder.OutputFormatting) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = formatting
        // Encoding plain structs of strings, integers and arrays cannot fail.
        return [UInt8](try! encoder.encode(value))
    }
}
