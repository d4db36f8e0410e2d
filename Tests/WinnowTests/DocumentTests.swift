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
        #expect(blank.blankLines == [true, true])
    }

    // BR-18 (ripgrep #1163): the BOM is not part of line 1.
    @Test func byteOrderMarkIsNotPartOfLineOne() {
        let document = Document(name: "d", bytes: [0xEF, 0xBB, 0xBF] + Array("ab\nc".utf8))
        #expect(document.byteOrderMarkLength == 3)
        #expect(document.lines.map { [$0.start, $0.contentEnd, $0.end] } == [[3, 5, 6], [6, 7, 7]])
        #expect(document.position(ofByte: 3) == (1, 1))
        #expect(lines([0xEF, 0xBB, 0xBF]) == [])
    }

    // BR-25 (gitleaks #1962): columns count Unicode scalars, not bytes.
    @Test func columnsCountScalars() {
        let document = Document(name: "d", bytes: Array("Tin nóng 🔥 Đọc thêm".utf8))
        #expect(document.position(ofByte: 15) == (1, 12))
    }

    @Test func positionsAcrossLines() {
        let document = Document(name: "d", bytes: Array("ab\r\nĐọc\n".utf8))
        #expect(document.position(ofByte: 0) == (1, 1))
        #expect(document.position(ofByte: 2) == (1, 3))
        #expect(document.position(ofByte: 3) == (1, 3))  // inside the terminator
        #expect(document.position(ofByte: 4) == (2, 1))
        #expect(document.position(ofByte: 9) == (2, 3))
    }

    // `positions(of:)` counts a range's end on from its start when both lie on one line.
    @Test func positionsOfARangeAgreeWithPositionOfEachEnd() {
        let document = Document(name: "d", bytes: Array("ab\r\nĐọc 🔥 x\n\nlast\rz".utf8) + [0xFF, 0x80, 0x41])
        for lower in 0...document.bytes.count {
            for upper in lower...document.bytes.count {
                let (start, end) = document.positions(of: lower..<upper)
                #expect(start == document.position(ofByte: lower) && end == document.position(ofByte: upper),
                        "\(lower)..<\(upper)")
            }
        }
        let inLine = document.positions(of: 4..<13), acrossLines = document.positions(of: 4..<18)
        #expect(inLine.start == (2, 1) && inLine.end == (2, 6))
        #expect(acrossLines.start == (2, 1) && acrossLines.end == (3, 1))
    }

    @Test func unitsOfEachScope() {
        let document = Document(name: "d", bytes: Array("\na\nb\n\n\nc\n  \n".utf8))
        #expect(document.units(of: .line) == [Unit(lines: 1...1, bytes: 1..<2), Unit(lines: 2...2, bytes: 3..<4), Unit(lines: 5...5, bytes: 7..<8)])
        #expect(document.units(of: .block) == [Unit(lines: 1...2, bytes: 1..<4), Unit(lines: 5...5, bytes: 7..<8)])
        #expect(document.units(of: .document) == [Unit(lines: 1...5, bytes: 1..<8)])
        #expect(Document(name: "d", bytes: Array(" \n".utf8)).units(of: .document) == [])
    }

    @Test func formatFollowsTheExtension() {
        #expect(DocumentFormat(path: "a/b/post.MD") == .markdown)
        #expect(DocumentFormat(path: "page.html") == .html)
        #expect(DocumentFormat(path: "notes.txt") == .plain)
        #expect(DocumentFormat(path: "dir.md/README") == .plain)
    }

    @Test func trimmedRangeSkipsUnicodeWhiteSpace() {
        let document = Document(name: "d", bytes: Array("\u{3000} ab\u{00A0}\t".utf8))
        #expect(document.trimmedRange(of: document.lines[0].content) == 4..<6)
    }

    // Invalid UTF-8 counts as the U+FFFD characters that reports show in
    // its place: a surrogate's three bytes three, a stray continuation byte
    // one, a truncated sequence one.
    @Test func columnsCountInvalidUTF8AsItsReplacementCharacters() {
        let surrogate = Document(name: "d", bytes: [0x78, 0xED, 0xA0, 0x80, 0x20] + Array("We".utf8))
        #expect(surrogate.position(ofByte: 5) == (1, 6))
        #expect(surrogate.positions(of: 1..<7).end == (1, 8))
        #expect(Document(name: "d", bytes: [0x80, 0x80, 0x41]).position(ofByte: 2) == (1, 3))
        #expect(Document(name: "d", bytes: [0x78, 0xE1, 0x80, 0x41]).position(ofByte: 3) == (1, 3))
        let valid = Array("Đọc ".utf8)
        #expect(Document(name: "d", bytes: valid + [0xFF, 0x41]).position(ofByte: valid.count + 1) == (1, 6))
    }

    @Test func invalidUTF8IsLocated() {
        #expect(Document(name: "d", bytes: Array("Đọc".utf8)).firstInvalidUTF8Offset == nil)
        #expect(Document(name: "d", bytes: [0x61, 0xC3, 0x28]).firstInvalidUTF8Offset == 1)
        #expect(Document(name: "d", bytes: [0x61, 0xE0, 0x80, 0x80]).firstInvalidUTF8Offset == 1)  // overlong
        #expect(Document(name: "d", bytes: [0xED, 0xA0, 0x80]).firstInvalidUTF8Offset == 0)  // surrogate
        #expect(Document(name: "d", bytes: [0x61, 0xE2, 0x80]).firstInvalidUTF8Offset == 1)  // truncated
    }

    /// 2,000 byte strings of up to 11 bytes drawn from the edges of table
    /// 3-7's ranges (leads, continuation bounds, bytes that never occur).
    private static func sequenceEdges(seed: UInt64) -> [[UInt8]] {
        var generator = SeededGenerator(seed: seed)
        let alphabet: [UInt8] = [0x41, 0x7F, 0x80, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE,
                                 0xEF, 0xF0, 0xF4, 0xF5, 0xFF]
        return (0..<2_000).map { length in
            (0..<(length % 12)).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
        }
    }

    // The validator's fast paths for common sequences agree with stepping
    // by the table of well-formed sequences (Unicode 15.0, table 3-7).
    @Test func invalidUTF8IsLocatedAsTheTableSays() {
        for bytes in Self.sequenceEdges(seed: 11) {
            var expected: Int?, index = 0
            while index < bytes.count {
                let sequence = UTF8Validation.sequenceLength(bytes, at: index)
                if sequence == 0 {
                    expected = index
                    break
                }
                index += sequence
            }
            #expect(UTF8Validation.firstInvalidOffset(in: bytes) == expected, "\(bytes)")
        }
    }

    // Stepping by well-formed sequences and maximal subparts reads as many
    // scalars as Swift's decoder, which replaces each maximal subpart with one U+FFFD.
    @Test func maximalSubpartsAgreeWithSwiftsDecoder() {
        for bytes in Self.sequenceEdges(seed: 12) {
            var count = 0, index = 0
            while index < bytes.count {
                let sequence = UTF8Validation.sequenceLength(bytes, at: index)
                index += sequence > 0 ? sequence : UTF8Validation.maximalSubpartLength(bytes, at: index)
                count += 1
            }
            #expect(count == String(decoding: bytes, as: UTF8.self).unicodeScalars.count, "\(bytes)")
        }
    }

    @Test func whiteSpaceBytesAgreeWithTheUnicodeProperty() {
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let bytes = Array(String(scalar).utf8) + [0x61]
            let expected = scalar.properties.isWhitespace ? bytes.count - 1 : 0
            bytes.withUnsafeBufferPointer { buffer in
                #expect(UTF8Validation.whiteSpaceLength(buffer, at: 0) == expected, "U+\(String(value, radix: 16))")
                #expect(UTF8Validation.whiteSpaceLength(UnsafeBufferPointer(rebasing: buffer[..<(bytes.count - 1)]),
                                                        endingAt: bytes.count - 1) == expected)
            }
        }
    }

    @Test func validationAgreesWithTheStandardLibraryAfterLongASCIIRuns() {
        let prefix = Array("sixteen ascii b.".utf8)
        let cases: [[UInt8]] = [[0xC3, 0xA9], [0xC3], [0xE0, 0xA0, 0x80], [0xE0, 0x9F, 0x80], [0xED, 0x9F, 0xBF],
                                [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xC0, 0x80]]
        for tail in cases {
            let bytes = prefix + tail + prefix
            let valid = String(validating: bytes, as: UTF8.self) != nil
            #expect((Document(name: "d", bytes: bytes).firstInvalidUTF8Offset == nil) == valid, "\(tail)")
            if !valid { #expect(Document(name: "d", bytes: bytes).firstInvalidUTF8Offset == prefix.count) }
        }
    }

    @Test func inputKindFromTheFirstBytes() {
        #expect(InputKind(prefix: Array("Đọc thêm\n".utf8)) == .text)
        #expect(InputKind(prefix: [0x61, 0x00]) == .binary(nulOffset: 1))
        #expect(InputKind(prefix: [UInt8](repeating: 0x61, count: 8192) + [0]) == .text)
        #expect(InputKind(prefix: [0xFF, 0xFE, 0x61, 0x00]) == .utf16)
        #expect(InputKind(prefix: Array("Read more\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })) == .utf16)
    }
}
