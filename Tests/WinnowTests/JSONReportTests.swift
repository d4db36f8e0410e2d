import Foundation
import Testing
@testable import Winnow

@Suite struct JSONReportTests {
    /// The JSON Lines findings, written without JSONEncoder, hold the same
    /// objects as the encoder's `json` report, on text that needs escaping.
    @Test func linesAgreeWithTheEncodedDocument() throws {
        let text = "say \"hi\"\\ / \u{01}\u{08}\u{0C}\t tab\u{2028}Đọc thêm » ok\nsecond \u{7F} line\n"
        let yaml = "rules:\n  - id: any\n    match: {regex: ['.+']}\n    message: 'seen: {match}'\n"
        let report = try Support.report(Array(text.utf8), yaml, path: "dir/a \"b\".txt")
        let lines = String(decoding: JSONReport.LinesFormatter().render(report), as: UTF8.self).split(separator: "\n")
        let fromLines = try lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! NSDictionary }
        let document = try JSONSerialization.jsonObject(with: Data(JSONReport.DocumentFormatter().render(report))) as! [String: Any]
        let files = document["files"] as! [[String: Any]]
        let fromDocument = files[0]["findings"] as! [NSDictionary]
        #expect(fromLines.count == 2)
        #expect(fromLines == fromDocument)
        #expect(lines[1] == #"{"action":"flag","byte_length":13,"byte_offset":42,"category":"boilerplate","column":1,"#
            + #""end_column":14,"end_line":2,"fingerprint":"\#(report.files[0].findings[1].fingerprint)","line":2,"#
            + #""match":"second \#u{7F} line","message":"seen: second \#u{7F} line","path":"dir/a \"b\".txt","#
            + #""rule":"any","severity":"warning","type":"finding"}"#)
    }

    @Test func decimalDigitsAreTheDigitsOfString() {
        for value in [0, 7, 9, 10, 99, 100, 12_345, 1_000_000, Int.max, -1, -10, Int.min] {
            let written = [UInt8](unsafeUninitializedCapacity: 21) { buffer, count in
                buffer[0] = 0x2C
                count = DecimalDigits.write(value, at: buffer.baseAddress! + 1) - buffer.baseAddress!
            }
            #expect(written == [0x2C] + Array(String(value).utf8))
        }
    }

    /// Every byte of the strings escaped to six (`\u0001`): the line still
    /// fits the room reserved for it, and reads back as the same finding.
    @Test func lineOfControlCharactersFitsItsRoom() throws {
        let controls = String(repeating: "\u{01}", count: 40)
        let yaml = "rules:\n  - id: c\n    match: {regex: ['\\x01+']}\n    message: '{match}'\n"
        let report = try Support.report(Array("a\(controls)b\n".utf8), yaml, path: controls)
        let line = JSONReport.LinesFormatter().render(report)
        let object = try JSONSerialization.jsonObject(with: Data(line)) as! [String: Any]
        #expect(object["match"] as? String == controls)
        #expect(object["message"] as? String == controls)
        #expect(object["path"] as? String == controls)
        #expect(object["column"] as? Int == 2)
    }
}
