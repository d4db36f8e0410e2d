import Testing
@testable import Winnow

@Suite struct DocumentTests {
    private func lines(_ bytes: [UInt8]) -> [[Int]] {
        Document(name: "d", bytes: bytes).lines.map { [$0.start, $0.contentEnd, $0.end] }
    }

    @Test func lineEndingsAreLFCRLFAndLoneCR() {
        #expect(lines(Array("a\nbc\r\nd\re".utf8)) == [[0, 1, 2], [2, 4, 6], [6, 7, 8], [8, 9, 9]])
    }

    @Test func emptyAndBlankInputs() {
        #expect(lines([]) == [])
        #expect(lines([0x0A]) == [[0, 0, 1]])
        #expect(lines(Array("a\n".utf8)) == [[0, 1, 2]])
        let blank = Document(name: "d", bytes: Array("  \n\t\u{00A0}\n".utf8))
        #expect(blank.lines.map(blank.isBlank) == [true, true])
    }

    // BR-18 (ripgrep #1163): the BOM is not part of line 1.
    @Test func byteOrderMarkIsNotPartOfLineOne() {
        let document = Document(name: "d", bytes: [0xEF, 0xBB, 0xBF] + Array("ab\nc".utf8))
        #expect(document.byteOrderMarkLength == 3)
        #expect(document.lines.map { [$0.start, $0.contentEnd, $0.end] } == [[3, 5, 6], [6, 7, 7]])
        #expect(document.column(ofByte: 3, in: document.lines[0]) == 1)
        #expect(lines([0xEF, 0xBB, 0xBF]) == [])
    }

    // BR-25 (gitleaks #1962): columns count Unicode scalars, not bytes.
    @Test func columnsCountScalars() {
        let document = Document(name: "d", bytes: Array("Tin nóng 🔥 Đọc thêm".utf8))
        let line = document.lines[0]
        #expect(document.column(ofByte: 15, in: line) == 12)
    }

    @Test func trimmedRangeSkipsUnicodeWhiteSpace() {
        let document = Document(name: "d", bytes: Array("\u{3000} ab\u{00A0}\t".utf8))
        #expect(document.trimmedRange(of: document.lines[0]) == 4..<6)
    }

    @Test func invalidUTF8IsLocated() {
        #expect(Document(name: "d", bytes: Array("Đọc".utf8)).firstInvalidUTF8Offset == nil)
        #expect(Document(name: "d", bytes: [0x61, 0xC3, 0x28]).firstInvalidUTF8Offset == 1)
        #expect(Document(name: "d", bytes: [0x61, 0xE0, 0x80, 0x80]).firstInvalidUTF8Offset == 1)  // overlong
        #expect(Document(name: "d", bytes: [0xED, 0xA0, 0x80]).firstInvalidUTF8Offset == 0)  // surrogate
        #expect(Document(name: "d", bytes: [0x61, 0xE2, 0x80]).firstInvalidUTF8Offset == 1)  // truncated
    }

    @Test func binaryMarkerIsANulInTheFirst8KiB() {
        #expect(Document(name: "d", bytes: [0x61, 0x00]).binaryMarkerOffset == 1)
        #expect(Document(name: "d", bytes: [UInt8](repeating: 0x61, count: 8192) + [0]).binaryMarkerOffset == nil)
    }
}
