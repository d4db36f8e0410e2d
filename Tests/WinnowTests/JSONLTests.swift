import Foundation
import Testing
@testable import Winnow

@Suite struct JSONLRecordTests {
    private func record(_ text: String) throws -> JSONLRecord { try JSONLRecord(Array(text.utf8)) }

    @Test func takesOutOneFieldAndSplicesItBack() throws {
        let line = #"{"id": 7, "text": "A\nB \"q\" \u00e9\ud83d\ude00", "meta": {"text": "inner"}, "tags": ["x", null, true, -1.5e3]}"#
        let record = try record(line)
        #expect(try record.string("text") == Array("A\nB \"q\" é😀".utf8))
        #expect(try record.string("missing") == nil)
        #expect(String(decoding: record.replacing("text", with: Array("Tab\there \"ok\" é\u{1}".utf8)), as: UTF8.self) ==
            #"{"id": 7, "text": "Tab\there \"ok\" é\u0001", "meta": {"text": "inner"}, "tags": ["x", null, true, -1.5e3]}"#)
    }

    @Test func unpairedSurrogatesSurviveARoundTrip() throws {
        let record = try record(#"{"text": "a\ud800b\udc00"}"#)
        let text = try #require(try record.string("text"))
        #expect(text == [0x61, 0xED, 0xA0, 0x80, 0x62, 0xED, 0xB0, 0x80])
        #expect(String(decoding: record.replacing("text", with: text + Array(" c".utf8)), as: UTF8.self) ==
            #"{"text": "a\ud800b\udc00 c"}"#)
    }

    @Test func aRepeatedKeyCountsByItsLastValue() throws {
        let record = try record(#"{"text": "first", "n": 1, "text": "last"}"#)
        #expect(try record.string("text") == Array("last".utf8))
        #expect(String(decoding: record.replacing("text", with: Array("new".utf8)), as: UTF8.self) ==
            #"{"text": "first", "n": 1, "text": "new"}"#)
    }

    @Test func keysAreComparedDecoded() throws {
        let record = try record(#"{"te\u0078t": "escaped", "título": "accented", "tex": "short"}"#)
        #expect(try record.string("text") == Array("escaped".utf8))
        #expect(try record.string("título") == Array("accented".utf8))
        #expect(try record.string("te") == nil)
        #expect(String(decoding: record.replacing("text", with: Array("new".utf8)), as: UTF8.self) ==
            #"{"te\u0078t": "new", "título": "accented", "tex": "short"}"#)
    }

    @Test func malformedLinesSayWhereAndWhy() {
        let cases: [(String, JSONLError)] = [
            ("[1]", JSONLError(offset: 0, message: "a record must be a JSON object")),
            (#"{"a" 1}"#, JSONLError(offset: 5, message: "expected ':'")),
            (#"{"a": "x}"#, JSONLError(offset: 6, message: "unterminated string")),
            (#"{"a": 1} x"#, JSONLError(offset: 9, message: "text after the object")),
            (#"{"a": [1, }"#, JSONLError(offset: 10, message: "expected a value")),
            (#"{"a": tru}"#, JSONLError(offset: 6, message: "expected a value")),
            // Escapes and numbers as RFC 8259 writes them, in keys too: nothing is guessed or rewritten.
            (#"{"text": "a\x41"}"#, JSONLError(offset: 11, message: "invalid escape in a string")),
            (#"{"text": "bell \a"}"#, JSONLError(offset: 15, message: "invalid escape in a string")),
            (#"{"te\xt": "x"}"#, JSONLError(offset: 4, message: "invalid escape in a string")),
            (#"{"text": "short \u12"}"#, JSONLError(offset: 16, message: "\\u not followed by four hex digits")),
            (#"{"text": "bad \uZZZZ"}"#, JSONLError(offset: 14, message: "\\u not followed by four hex digits")),
            (#"{"n": 01}"#, JSONLError(offset: 7, message: "bad number: a leading zero")),
            (#"{"n": -01}"#, JSONLError(offset: 8, message: "bad number: a leading zero")),
            (#"{"n": 1.}"#, JSONLError(offset: 8, message: "bad number")),
            (#"{"n": -}"#, JSONLError(offset: 7, message: "bad number")),
            (#"{"n": 1e}"#, JSONLError(offset: 8, message: "bad number")),
            (#"{"n": 1.5e+}"#, JSONLError(offset: 11, message: "bad number")),
            (#"{"n": +1}"#, JSONLError(offset: 6, message: "expected a value")),
        ]
        for (text, error) in cases {
            #expect(throws: error, "\(text)") { try JSONLRecord(Array(text.utf8)) }
        }
        #expect(throws: JSONLError(offset: 9, message: "field 'text' is not a string")) {
            try JSONLRecord(Array(#"{"text": 42}"#.utf8)).string("text")
        }
        let valid = #"{"n": [0, -0, 10, -2.50, 1e9, 1E-3, 6.02e+23], "s": "\"\\\/\b\f\n\r\t\u00e9\uD83D\uDE00"}"#
        #expect(throws: Never.self) { try JSONLRecord(Array(valid.utf8)) }
    }
}

@Suite struct JSONLCLITests {
    typealias Outcome = WinnowProcess.Outcome

    private let corpus = """
        {"id": "a1", "text": "Body of the article.\\nRead more\\n", "meta": {"lang": "en", "x": [1, 2, "é"]}}
        {"text": "Chúng tôi sử dụng cookie.\\nNội dung chính.", "id": "b2"}
        {"id": "c3", "text": "Nothing to remove \\u00e9."}

        not json
        {"id": "d4", "text": "Stub"}

        """

    @Test func cleanSplicesTheTextAndKeepsEverythingElse() throws {
        let folder = try WinnowProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("rules:\n  - {id: stub, action: reject, scope: document, when: {max_chars: 5}}\n".utf8)
            .write(to: folder.appendingPathComponent("stub.yml"))
        let outcome = try WinnowProcess.run(
            ["clean", "--jsonl", "--id-field", "id", "--rules", "stub.yml", "--rejected", "rejected.jsonl", "-"],
            stdin: Array(corpus.utf8), in: folder)
        #expect(outcome == Outcome(status: 2, stdout: """
            {"id": "a1", "text": "Body of the article.\\n", "meta": {"lang": "en", "x": [1, 2, "é"]}}
            {"text": "Nội dung chính.", "id": "b2"}
            {"id": "c3", "text": "Nothing to remove \\u00e9."}


            """, stderr: """
            <stdin>:5: error: not a JSONL record: a record must be a JSON object at byte 0
            rejected.jsonl: 2 records written

            """))
        #expect(try String(contentsOf: folder.appendingPathComponent("rejected.jsonl"), encoding: .utf8) ==
            "not json\n{\"id\": \"d4\", \"text\": \"Stub\"}\n")
    }

    @Test func numericIdsNameDocuments() throws {
        let input = #"{"id": 17, "text": "Read more"}"# + "\n" + #"{"id": true, "text": "Read more"}"# + "\n"
        let outcome = try WinnowProcess.run(["check", "--jsonl", "--id-field", "id", "--format", "github", "-"], stdin: Array(input.utf8))
        #expect(outcome.stdout.split(separator: "\n").map { $0.split(separator: ",").first ?? "" } ==
            ["::warning file=17", "::warning file=<stdin>%3A2", "::warning file=<stdin>"])  // the last: true is no id (record.missing-id)
    }

    @Test func aMissingIdIsReportedOncePerInput() throws {
        let notice = "no string or number field 'id' to name the record; named <stdin>:2 (only the first such record is reported)"
        let input = #"{"id": "a", "text": "x"}"# + "\n" + #"{"idd": "b", "text": "x"}"# + "\n" + #"{"id": {}, "text": "Read more"}"# + "\n"
        #expect(try WinnowProcess.run(["check", "--jsonl", "--id-field", "id", "--format", "github", "-"], stdin: Array(input.utf8)) == Outcome(
            status: 1,
            stdout: "::warning file=<stdin>%3A3,line=1,col=1,endLine=1,endColumn=10,title=read-more-link::Read-more link: Read more\n"
                + "::warning file=<stdin>,line=2,title=record.missing-id::\(notice)\n",
            stderr: "<stdin>:2: warning: \(notice)\n"))
        #expect(try WinnowProcess.run(["check", "--jsonl", "--id-field", "id", "-"], stdin: Array(#"{"id": "a", "text": "x"}"#.utf8)).stderr
            == "no findings in 1 document\n")
    }

    /// Only LF ends a record (CRLF too): a lone CR is white space inside a
    /// record, or text after one, never a record boundary that shifts the
    /// line numbers of the records after it.
    @Test func aLoneCRIsNotARecordBoundary() throws {
        let input = "{\"text\"\r:\"Read more\"}\n{\"text\":\"a\"}\r{\"text\":\"b\"}\r\n\r\n{\"text\": \"Read more\"}\n"
        let outcome = try WinnowProcess.run(["check", "--jsonl", "--format", "github", "-"], stdin: Array(input.utf8))
        #expect(outcome.status == 2)
        #expect(outcome.stdout.split(separator: "\n").map { $0.split(separator: ",").prefix(2).joined(separator: ",") } ==
            ["::warning file=<stdin>%3A1,line=1", "::warning file=<stdin>%3A4,line=1", "::error file=<stdin>,line=2"])
        #expect(outcome.stderr == "<stdin>:2: error: not a JSONL record: text after the object at byte 13\n")
        let clean = try WinnowProcess.run(["clean", "--jsonl", "-"], stdin: Array(input.utf8))
        #expect(clean.stdout == "{\"text\"\r:\"\"}\n{\"text\":\"a\"}\r{\"text\":\"b\"}\r\n\r\n{\"text\": \"\"}\n")
    }

    @Test func aRecordIsPlainTextWhateverItsIdSays() throws {
        // Were "notes.md" read as Markdown, the code fence would hide the label.
        let input = #"{"id": "notes.md", "text": "```\nRead more\n```"}"# + "\n"
        let outcome = try WinnowProcess.run(["check", "--jsonl", "--id-field", "id", "--format", "github", "-"], stdin: Array(input.utf8))
        #expect(outcome.stdout.split(separator: "\n").map { $0.split(separator: ",").prefix(3).joined(separator: ",") } ==
            ["::warning file=notes.md,line=2,col=1"])
    }

    @Test func invalidUTF8InARecordIsReportedOncePerInput() throws {
        let input: [UInt8] = Array(#"{"text": "Good."}"#.utf8) + [0x0A] + Array(#"{"text": "Good."#.utf8) + [0xFF] + Array(#"\nRead more"}"#.utf8)
            + [0x0A] + Array(#"{"text": "x"#.utf8) + [0xFE] + Array(#""}"#.utf8) + [0x0A]
        let notice = "<stdin>:2: warning: invalid UTF-8 in the record's text (first bad byte at byte offset 5 of the text); matched as is, every byte kept"
        let check = try WinnowProcess.run(["check", "--jsonl", "-"], stdin: input)
        #expect(check.status == 1)
        #expect(check.stderr.split(separator: "\n").filter { $0.contains("UTF-8") } == [Substring(notice)])
        let clean = try WinnowProcess.run(["clean", "--jsonl", "--threads", "2", "-"], stdin: input)
        #expect(clean.stderr.split(separator: "\n").filter { $0.contains("UTF-8") } == [Substring(notice)])
        // Only the read-more line goes (the output is compared as decoded here).
        let expected: [UInt8] = input.prefix(18) + Array(#"{"text": "Good."#.utf8) + [0xFF] + Array(#"\n"}"#.utf8)
            + [0x0A] + Array(#"{"text": "x"#.utf8) + [0xFE] + Array(#""}"#.utf8) + [0x0A]
        #expect(clean.stdout == String(decoding: expected, as: UTF8.self))
    }

    @Test func checkNamesDocumentsByIdOrLine() throws {
        let outcome = try WinnowProcess.run(["check", "--jsonl", "--format", "jsonl", "-"], stdin: Array(corpus.utf8))
        #expect(outcome.status == 2)
        let paths = outcome.stdout.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["path"] as? String
        }
        #expect(paths == ["<stdin>:1", "<stdin>:2", "<stdin>"])
    }

    @Test func eventsOfManySegmentsComeInInputOrderOnEveryThreadCount() throws {
        let rules = try Support.rules("rules:\n  - {id: more, action: strip-line, match: {regex: ['^Read more$']}}\n")
        let pipeline = { (threads: Int) in JSONLPipeline(scanner: Scanner(ruleSet: try RuleSet(rules: rules)), threads: threads) }
        // Segments of 256 bytes: about six records each, and one record longer than a segment.
        var lines = (0..<60).map { #"{"text": "Body \#($0).\nRead more"}"# }
        lines.insert(#"{"text": "\#(String(repeating: "x", count: 600))"}"#, at: 31)
        let input = Array((lines.joined(separator: "\n") + "\n").utf8)
        func events(threads: Int) throws -> [String] {
            var remaining = input[...]
            var reader = SegmentReader(segmentSize: 256, lineFeedsOnly: true) { buffer, count in
                defer { remaining = remaining.dropFirst(count) }
                buffer += remaining.prefix(count)
                return !remaining.isEmpty
            }
            var seen: [String] = []
            try pipeline(threads).run(name: "in.jsonl", reader: &reader, cleaning: true) { event in
                switch event {
                case .output(let bytes): seen.append("output " + String(decoding: bytes, as: UTF8.self))
                case .findings(let findings, let document, _): seen.append("findings \(document.name) \(findings.count)")
                case .longRecord(let line): seen.append("long \(line)")
                default: break
                }
            }
            return seen
        }
        let one = try events(threads: 1)
        #expect(try events(threads: 3) == one)
        #expect(one.prefix(3) == ["findings in.jsonl:1 1", "output {\"text\": \"Body 0.\\n\"}\n", "findings in.jsonl:2 1"])
        #expect(one.filter { $0.hasPrefix("long") } == ["long 32"])
        #expect(one.last == "output {\"text\": \"Body 59.\\n\"}\n")
        #expect(one.filter { $0.hasPrefix("findings") }.count == 60)
    }

    /// A record's summary, made on the scanning thread, stands for its
    /// findings and document: the event then carries neither, so that they
    /// are released on the thread that made them. A record without one
    /// keeps them.
    @Test func aSummaryStandsForTheFindingsAndDocument() throws {
        let rules = try Support.rules("rules:\n  - {id: more, match: {regex: ['^Read more$']}}\n")
        let pipeline = JSONLPipeline(scanner: Scanner(ruleSet: try RuleSet(rules: rules)), threads: 2)
        let input = Array((#"{"text": "Body.\nRead more"}"# + "\n" + #"{"text": "Body."}"# + "\n").utf8)
        var remaining = input[...]
        var reader = SegmentReader(lineFeedsOnly: true) { buffer, count in
            defer { remaining = remaining.dropFirst(count) }
            buffer += remaining.prefix(count)
            return !remaining.isEmpty
        }
        var seen: [String] = []
        try pipeline.run(name: "in.jsonl", reader: &reader, cleaning: false, summarize: { findings, document in
            findings.isEmpty ? nil : "\(document.name): \(findings.map { "\($0.line):\($0.column) \($0.ruleID)" })"
        }) { event, summary in
            guard case .findings(let findings, let document, let length) = event else { return }
            seen.append("\(summary ?? "no summary") | \(findings.count) findings in '\(document.name)' (\(document.bytes.count) bytes), \(length)")
        }
        #expect(seen == [#"in.jsonl:1: ["2:1 more"] | 0 findings in '' (0 bytes), 29"#,
                         "no summary | 0 findings in 'in.jsonl:2' (5 bytes), 18"])
    }

    @Test func outputIsTheSameWhateverTheThreadCount() throws {
        let lines = (0..<400).map { index in
            let text = index % 3 == 0 ? "Body \(index).\nRead more" : index % 3 == 1 ? "This website uses cookies.\nText \(index)." : "Plain \(index)."
            return #"{"n": \#(index), "text": "\#(text.replacingOccurrences(of: "\n", with: "\\n"))"}"#
        }
        let input = Array((lines.joined(separator: "\n") + "\n").utf8)
        let one = try WinnowProcess.run(["clean", "--jsonl", "--threads", "1", "-"], stdin: input)
        let four = try WinnowProcess.run(["clean", "--jsonl", "--threads", "4", "-"], stdin: input)
        #expect(one.status == 0)
        #expect(one == four)
        #expect(one.stdout.split(separator: "\n").prefix(3) == [#"{"n": 0, "text": "Body 0.\n"}"#, #"{"n": 1, "text": "Text 1."}"#, #"{"n": 2, "text": "Plain 2."}"#])
    }
}

@Suite struct GzipTests {
    @Test func roundTripInPiecesAndConcatenatedMembers() throws {
        let text = Array(String(repeating: "{\"text\": \"Đọc thêm\"}\n", count: 5_000).utf8)
        let deflater = Gzip.Deflater()
        let member = deflater.deflate(Array(text[..<40_000])) + deflater.deflate(Array(text[40_000...]), finish: true)
        #expect(Gzip.isCompressed(member))
        #expect(member.count < text.count / 10)
        let inflater = Gzip.Inflater()
        var out: [UInt8] = []
        let twice = member + member
        for start in stride(from: 0, to: twice.count, by: 777) {
            out += try inflater.inflate(Array(twice[start..<min(twice.count, start + 777)]))
        }
        #expect(out == text + text)
        #expect(inflater.isComplete)
        #expect(throws: GzipError.self) { try Gzip.Inflater().inflate([0x1F, 0x8B, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]) }
    }

    @Test func compressedCorpusIsReadAndWritten() throws {
        let folder = try WinnowProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let lines = #"{"id": 1, "text": "Body.\nRead more"}"# + "\n" + #"{"id": 2, "text": "Plain."}"# + "\n"
        let deflater = Gzip.Deflater()
        try Data(deflater.deflate(Array(lines.utf8), finish: true)).write(to: folder.appendingPathComponent("in.jsonl.gz"))
        #expect(try WinnowProcess.run(["clean", "--jsonl", "in.jsonl.gz", "--output", "out"], in: folder).status == 0)
        let written = try Support.bytes(folder.appendingPathComponent("out/in.jsonl.gz"))
        #expect(try Gzip.Inflater().inflate(written) == Array((#"{"id": 1, "text": "Body.\n"}"# + "\n" + #"{"id": 2, "text": "Plain."}"# + "\n").utf8))
        let truncated = Array(try Support.bytes(folder.appendingPathComponent("in.jsonl.gz")).prefix(20))
        #expect(try WinnowProcess.run(["check", "--jsonl", "-"], stdin: truncated).stderr.hasPrefix(
            "<stdin>: error: cannot decompress standard input: the gzip data ends early\n"))
    }
}

@Suite struct JSONLEdgeCLITests {
    @Test func byteOrderMarkBeforeTheFirstRecordIsKept() throws {
        let input: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(#"{"text": "Body.\nRead more"}"#.utf8) + [0x0A]
        let outcome = try WinnowProcess.run(["clean", "--jsonl", "-"], stdin: input)
        #expect(outcome == WinnowProcess.Outcome(status: 0, stdout: "\u{FEFF}" + #"{"text": "Body.\n"}"# + "\n", stderr: ""))
    }

    @Test func compressedFileCleanedInPlaceStaysCompressed() throws {
        let folder = try WinnowProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("notes.txt")
        try Data(Gzip.Deflater().deflate(Array("Body\nRead more\n".utf8), finish: true)).write(to: file)
        #expect(try WinnowProcess.run(["clean", "--in-place", "notes.txt"], in: folder).status == 0)
        let bytes = try Support.bytes(file)
        #expect(Gzip.isCompressed(bytes))
        #expect(try Gzip.Inflater().inflate(bytes) == Array("Body\n".utf8))
    }
}
