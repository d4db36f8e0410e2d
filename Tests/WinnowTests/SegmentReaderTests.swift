import Testing
@testable import Winnow

@Suite struct SegmentReaderTests {
    /// A reader over `bytes` that hands out at most `chunk` bytes a read.
    private func reader(_ bytes: [UInt8], segmentSize: Int, chunk: Int = 3, lineFeedsOnly: Bool = false) -> SegmentReader {
        var position = 0
        return SegmentReader(segmentSize: segmentSize, lineFeedsOnly: lineFeedsOnly) { buffer, count in
            let end = min(bytes.count, position + min(count, chunk))
            defer { position = end }
            buffer += bytes[position..<end]
            return end > position
        }
    }

    /// Each piece as `segment OFFSET+LINES first/last: TEXT` or `long LINE@OFFSET: TEXT`.
    private func pieces(_ text: String, segmentSize: Int, lineFeedsOnly: Bool = false) throws -> [String] {
        var reader = reader(Array(text.utf8), segmentSize: segmentSize, lineFeedsOnly: lineFeedsOnly)
        var pieces: [String] = []
        while let piece = try reader.next(name: "in") {
            switch piece {
            case .segment(let segment):
                let edges = (segment.isFirst ? "F" : "") + (segment.isLast ? "L" : "")
                pieces.append("segment \(segment.byteOffset)+\(segment.lineOffset)\(edges): \(String(decoding: segment.bytes, as: UTF8.self))")
            case .longLine(let chunk):
                pieces.append("long \(chunk.line)@\(chunk.byteOffset)\(chunk.isStart ? "^" : ""): \(String(decoding: chunk.bytes, as: UTF8.self))")
            }
        }
        return pieces
    }

    @Test func smallInputIsOneSegment() throws {
        #expect(try pieces("a\nb\n", segmentSize: 16) == ["segment 0+0FL: a\nb\n"])
        #expect(try pieces("", segmentSize: 16) == ["segment 0+0FL: "])
    }

    @Test func cutsAfterABlankLineInTheSecondHalf() throws {
        #expect(try pieces("aaaa\n\nbb\ncc\ndd\nee\n", segmentSize: 12) ==
            ["segment 0+0F: aaaa\n\n", "segment 6+2L: bb\ncc\ndd\nee\n"])
    }

    @Test func cutsAfterTheLastLineEndWithoutABlankLine() throws {
        #expect(try pieces("a1\nb2\nc3\nd4\ne5\n", segmentSize: 8) ==
            ["segment 0+0F: a1\nb2\n", "segment 6+2: c3\nd4\n", "segment 12+4L: e5\n"])
    }

    /// JSON Lines: a lone CR neither ends a line nor counts as one.
    @Test func withLineFeedsOnlyALoneCRIsNoCut() throws {
        #expect(try pieces("a\rb\rc\nd\re\n", segmentSize: 8, lineFeedsOnly: true) ==
            ["segment 0+0F: a\rb\rc\n", "segment 6+1L: d\re\n"])
        #expect(try pieces("ok\n0123\r456789\nend", segmentSize: 4, lineFeedsOnly: true) ==
            ["segment 0+0F: ok\n", "long 2@3^: 0123", "long 2@7: \r456", "long 2@11: 789\n", "segment 15+2L: end"])
    }

    @Test func crlfIsNeverSplit() throws {
        #expect(try pieces("abc\r\ndef\r\nghi", segmentSize: 5) ==
            ["segment 0+0F: abc\r\n", "segment 5+1: def\r\n", "segment 10+2L: ghi"])
    }

    @Test func longLinesPassThroughInChunks() throws {
        #expect(try pieces("ok\n0123456789\nend", segmentSize: 4) ==
            ["segment 0+0F: ok\n", "long 2@3^: 0123", "long 2@7: 4567", "long 2@11: 89\n", "segment 14+2L: end"])
        #expect(try pieces("0123456789", segmentSize: 4) == ["long 1@0^: 0123", "long 1@4: 4567", "long 1@8: 89"])
    }

    @Test func byteOrderMarkOnlyAtTheStart() throws {
        var reader = reader([0xEF, 0xBB, 0xBF] + Array("a\n".utf8) + [0xEF, 0xBB, 0xBF] + Array("b\n".utf8), segmentSize: 6)
        var marks: [Int] = []
        while case .segment(let segment)? = try reader.next(name: "in") { marks.append(segment.document.byteOrderMarkLength) }
        #expect(marks == [3, 0])
    }
}

@Suite struct InputPipelineTests {
    private let yaml = """
        rules:
          - id: read-more
            action: strip-line
            match: {keywords: [read more]}
          - id: teaser
            action: strip-line
            when: {ends_with: ["…"], position: tail, min_run: 2}
          - id: stub
            action: reject
            scope: document
            when: {max_chars: 5}
        """

    /// Runs the pipeline over `text` in segments of `segmentSize` bytes.
    private func run(_ text: String, segmentSize: Int) throws -> (events: [String], clean: String, findings: [Finding]) {
        try run(Array(text.utf8), segmentSize: segmentSize)
    }

    /// Runs the pipeline over `bytes` in segments of `segmentSize` bytes.
    private func run(_ bytes: [UInt8], segmentSize: Int) throws -> (events: [String], clean: String, findings: [Finding]) {
        var position = 0
        var reader = SegmentReader(segmentSize: segmentSize) { buffer, count in
            let end = min(bytes.count, position + count)
            defer { position = end }
            buffer += bytes[position..<end]
            return end > position
        }
        let pipeline = InputPipeline(scanner: Scanner(ruleSet: try RuleSet(rules: try Support.rules(yaml))))
        var events: [String] = [], clean: [UInt8] = [], findings: [Finding] = []
        try pipeline.run(name: "in.txt", reader: &reader, cleaning: true) { event in
            switch event {
            case .findings(let list, _): findings += list
            case .output(let bytes, _): clean += bytes
            case .removed(let spans, _): events += spans.map { "removed \($0.ruleID) \($0.line)@\($0.byteOffset)" }
            case .longLine(let line, let offset): events.append("long \(line)@\(offset)")
            case .documentRulesSkipped(let ids): events.append("skipped \(ids)")
            case .rejected(let finding): events.append("rejected \(finding.ruleID)")
            case .notText(let kind): events.append("not text \(kind)")
            case .invalidUTF8(let line, let offset): events.append("invalid \(line)@\(offset)")
            case .limitHits(let hits): events.append("limits \(hits.map(\.ruleID))")
            }
        }
        return (events, String(decoding: clean, as: UTF8.self), findings)
    }

    @Test func positionsAreTheInputsAcrossSegments() throws {
        let text = "Body one.\nRead more\n\nBody two is here.\nRead more\nA…\nB…\n"
        let result = try run(text, segmentSize: 24)
        #expect(Support.spans(result.findings) ==
            ["2:1-2:10 read-more", "5:1-5:10 read-more", "6:1-6:3 teaser", "7:1-7:3 teaser"])
        #expect(result.findings.map(\.byteOffset) == [10, 39, 49, 54])
        #expect(result.clean == "Body one.\n\nBody two is here.\n")
        #expect(result.events == ["skipped [\"stub\"]", "removed read-more 2@10", "removed read-more 5@39",
                                  "removed teaser 6@49", "removed teaser 7@54"])
    }

    /// The first bad byte is reported once, at its line and offset in the
    /// input, although a later segment holds it; later ones are not.
    @Test func invalidUTF8IsLocatedInTheInput() throws {
        let bytes = Array("Body one.\nBody two.\n\nCaf".utf8) + [0xE9] + Array(" au lait\nThé".utf8) + [0xFF, 0x0A]
        let result = try run(bytes, segmentSize: 24)
        #expect(result.events.filter { $0.hasPrefix("invalid") } == ["invalid 4@24"])
    }

    @Test func tailRulesSeeOnlyTheLastSegment() throws {
        // "A…\nB…" ends the first segment, not the input: not a tail teaser run.
        let result = try run("A…\nB…\n\nLast words of the body.\n", segmentSize: 16)
        #expect(result.findings.isEmpty)
    }

    @Test func wholeInputGetsDocumentRules() throws {
        #expect(try run("Hi.\n", segmentSize: 64).events == ["rejected stub"])
    }

    @Test func longLineIsKeptAndReported() throws {
        let result = try run("0123456789abcdef\nRead more\n", segmentSize: 12)
        #expect(result.events == ["skipped [\"stub\"]", "long 1@0", "removed read-more 2@17"])
        #expect(result.clean == "0123456789abcdef\n")
        #expect(Support.spans(result.findings) == ["2:1-2:10 read-more"])
    }

    @Test func binaryAndUTF16StopBeforeScanning() throws {
        #expect(try run("a\u{0}b\nRead more\n", segmentSize: 64).events == ["not text binary(nulOffset: 1)"])
        let utf16 = String(decoding: [0xFF, 0xFE, 0x52, 0x00], as: UTF8.self)
        #expect(try run(utf16, segmentSize: 64).events.first?.hasPrefix("not text") == true)
    }
}
