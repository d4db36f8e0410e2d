import Foundation

/// `clean --removed FILE`: one JSON object a line (JSON Lines, keys sorted)
/// for every span that `clean` cut, enough to rebuild each input exactly
/// (SPEC section 3):
///
/// ```json
/// {"byte_length":10,"byte_offset":57,"line":3,"path":"notes.txt","rule":"read-more-link","text":"Read more\n"}
/// ```
///
/// - `path`: the input's name as in reports; `rule`: the rule that cut it (a
///   blank separator taken with stripped lines carries their rule).
/// - `line`: 1-based line where the span starts; `byte_offset`, `byte_length`:
///   0-based offset and length in the original file's bytes (byte order mark
///   included), line terminators included when a whole line went.
/// - `text`: the bytes cut, as a JSON string. When they are not valid UTF-8,
///   `text` shows each bad sequence as U+FFFD and `text_base64` (RFC 4648
///   base64) holds the exact bytes: a reader must take `text_base64` when it is
///   there.
///
/// - `replacement`: for `action: replace`, the text that took the span's
///   place in the clean output (absent for a removal).
///
/// Spans are listed in document order and do not overlap, so walking the
/// clean output and putting each span's bytes back at its offset, first to
/// last (skipping the replacement's bytes where there is one), rebuilds the
/// original.
public enum RemovedLedger {
    /// The records of one document's removed spans, each ending with a newline.
    /// - Parameters:
    ///   - path: the name to record (the path as given, or the standard-input name).
    ///   - document: the bytes the spans were cut from: the whole input, or a
    ///     part of it that starts at byte `byteOffset` of the input.
    ///   - removed: spans with offsets in the input.
    public static func records(path: String, document: Document, byteOffset: Int = 0, removed: [RemovedSpan]) -> [UInt8] {
        removed.flatMap { span in
            let start = span.byteOffset - byteOffset
            let bytes = Array(document.bytes[start..<(start + span.byteLength)])
            let valid = String(validating: bytes, as: UTF8.self)
            return JSONOutput.line(Record(
                path: path, rule: span.ruleID, line: span.line, byteOffset: span.byteOffset, byteLength: span.byteLength,
                text: valid ?? String(decoding: bytes, as: UTF8.self),
                textBase64: valid == nil ? Data(bytes).base64EncodedString() : nil, replacement: span.replacement))
        }
    }

    private struct Record: Encodable {
        let path: String
        let rule: String
        let line: Int
        let byteOffset: Int
        let byteLength: Int
        let text: String
        let textBase64: String?
        let replacement: String?

        enum CodingKeys: String, CodingKey {
            case path, rule, line, text, replacement
            case byteOffset = "byte_offset", byteLength = "byte_length", textBase64 = "text_base64"
        }
    }
}
