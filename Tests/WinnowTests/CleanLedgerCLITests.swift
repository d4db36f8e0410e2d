import Foundation
import Testing

/// End-to-end tests of `clean --removed` (the audit trail) and `clean --diff`.
@Suite struct CleanLedgerCLITests {
    typealias Outcome = WinnowProcess.Outcome

    /// One `--removed` record, read as any JSON consumer would.
    struct Record {
        let path: String
        let offset: Int
        let length: Int
        let bytes: [UInt8]
        /// The bytes that took the span's place in the clean text (replace rules).
        let replacement: [UInt8]

        init(_ line: Substring) throws {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            path = try #require(object["path"] as? String)
            offset = try #require(object["byte_offset"] as? Int)
            length = try #require(object["byte_length"] as? Int)
            if let base64 = object["text_base64"] as? String {
                bytes = [UInt8](try #require(Data(base64Encoded: base64)))
            } else {
                bytes = Array(try #require(object["text"] as? String).utf8)
            }
            replacement = Array((object["replacement"] as? String ?? "").utf8)
        }
    }

    /// The original bytes, rebuilt from the clean bytes and the records of that file.
    private func rebuild(clean: [UInt8], records: [Record]) -> [UInt8] {
        var original: [UInt8] = [], cleanPosition = 0
        for record in records.sorted(by: { $0.offset < $1.offset }) {
            let kept = record.offset - original.count
            original += clean[cleanPosition..<(cleanPosition + kept)] + record.bytes
            cleanPosition += kept + record.replacement.count
        }
        return original + clean[cleanPosition...]
    }

    /// Cleans `folder/input` into `folder/clean` with a ledger and checks that
    /// every input is rebuilt exactly from its clean text and its records.
    private func expectEveryInputRebuilt(_ folder: URL, input: String, rules: [String] = []) throws {
        let outcome = try WinnowProcess.run(["clean"] + rules + [input, "--output", "clean", "--removed", "removed.jsonl"], in: folder)
        #expect(outcome.status == 0)
        let ledger = String(decoding: try Support.bytes(folder.appendingPathComponent("removed.jsonl")), as: UTF8.self)
        let records = try ledger.split(separator: "\n").map(Record.init)
        for record in records { #expect(record.bytes.count == record.length) }
        let names = FileManager.default.enumerator(atPath: folder.appendingPathComponent(input).path)!
            .compactMap { $0 as? String }.filter { name in
                var isFolder: ObjCBool = false
                return FileManager.default.fileExists(atPath: folder.appendingPathComponent("clean/\(name)").path, isDirectory: &isFolder)
                    && !isFolder.boolValue
            }
        #expect(!names.isEmpty)
        for name in names {
            let original = try Support.bytes(folder.appendingPathComponent(input).appendingPathComponent(name))
            let clean = try Support.bytes(folder.appendingPathComponent("clean").appendingPathComponent(name))
            #expect(rebuild(clean: clean, records: records.filter { $0.path == "\(input)/\(name)" }) == original, "\(name)")
        }
    }

    // The audit trail rebuilds every sample from its clean output.
    @Test func ledgerRebuildsEverySample() throws {
        let folder = try WinnowProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: Support.root.appendingPathComponent("samples/input"), to: folder.appendingPathComponent("samples"))
        try expectEveryInputRebuilt(folder, input: "samples")
    }

    // The documentation-site sample: replace and strip-block rules, Markdown, a configuration file.
    @Test func ledgerRebuildsTheProjectSample() throws {
        let folder = try WinnowProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let site = folder.appendingPathComponent("site")
        try FileManager.default.copyItem(at: Support.root.appendingPathComponent("samples/docs-site"), to: site)
        try FileManager.default.removeItem(at: site.appendingPathComponent("expected"))
        try expectEveryInputRebuilt(folder, input: "site", rules: ["--config", "site/.winnow.yml"])
        let ledger = String(decoding: try Support.bytes(folder.appendingPathComponent("removed.jsonl")), as: UTF8.self)
        #expect(ledger.contains(#"{"byte_length":7,"byte_offset":59,"line":7,"path":"site/content/guide.md","replacement":"use","rule":"utilize","text":"utilize"}"#))
    }

    // Line endings, a byte order mark, invalid UTF-8, strip-match cuts, an empty file and the bug-report cases.
    @Test func ledgerRebuildsAwkwardInputs() throws {
        let folder = try WinnowProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("input")
        try FileManager.default.copyItem(at: Support.fixture("cases"), to: input)
        let files: [String: [UInt8]] = [
            "crlf.txt": Array("Body\r\nRead more\r\nText [ad] here\r\n\r\nJUNK\r\n".utf8),
            "bom.txt": [0xEF, 0xBB, 0xBF] + Array("Read more\nBody [ad]\n".utf8),
            "invalid.txt": Array("Caf".utf8) + [0xE9] + Array(" [ad]\nJUNK ".utf8) + [0xFF, 0xFE] + Array("\nend".utf8),
            "lone-cr.txt": Array("a\rJUNK\rb [ad]".utf8),
            "empty.txt": [],
        ]
        for (name, bytes) in files { try Data(bytes).write(to: input.appendingPathComponent(name)) }
        try Data("""
            rules:
              - {id: ad, action: strip-match, match: {regex: [' ?\\[ad\\]']}}
              - {id: junk, action: strip-line, match: {regex: ['^JUNK']}}
            """.utf8).write(to: folder.appendingPathComponent("cut.yml"))
        try expectEveryInputRebuilt(folder, input: "input", rules: ["--rules", "cut.yml"])
        let ledger = String(decoding: try Support.bytes(folder.appendingPathComponent("removed.jsonl")), as: UTF8.self)
        #expect(ledger.contains(#"{"byte_length":8,"byte_offset":10,"line":2,"path":"input/invalid.txt","rule":"junk","text":"JUNK ��\n","text_base64":"SlVOSyD//go="}"#))
        #expect(ledger.contains(#"{"byte_length":5,"byte_offset":8,"line":3,"path":"input/lone-cr.txt","rule":"ad","text":" [ad]"}"#))
    }

    @Test func ledgerOfTheSampleIsExact() throws {
        let folder = try WinnowProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let ledger = folder.appendingPathComponent("removed.jsonl")
        let outcome = try WinnowProcess.run(["clean", "--removed", ledger.path, "samples/input/000_b65178fd440193c6.txt"])
        #expect(outcome.status == 0)
        #expect(try Support.bytes(ledger) == Support.bytes(Support.fixture("reports/samples.removed.jsonl")))
    }

    @Test func ledgerNamesStandardInputAndAnUnwritableLedgerIsExitTwo() throws {
        let folder = try WinnowProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try WinnowProcess.run(["clean", "--removed", "cut.jsonl", "--stdin-filename", "news.md", "-"],
                                            stdin: Array("Body.\nRead more\n".utf8), in: folder)
        #expect(outcome == Outcome(status: 0, stdout: "Body.\n", stderr: ""))
        #expect(String(decoding: try Support.bytes(folder.appendingPathComponent("cut.jsonl")), as: UTF8.self) ==
            #"{"byte_length":10,"byte_offset":6,"line":2,"path":"news.md","rule":"read-more-link","text":"Read more\n"}"# + "\n")
        #expect(try WinnowProcess.run(["clean", "--removed", "no/such/dir/cut.jsonl", "-"], in: folder) ==
            Outcome(status: 2, stdout: "", stderr: "no/such/dir/cut.jsonl: error: cannot write file: No such file or directory\n"))
    }

    @Test func diffOfTheSamplesIsExactAndNothingIsWritten() throws {
        let folder = try WinnowProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("samples"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Support.root.appendingPathComponent("samples/input"),
                                         to: folder.appendingPathComponent("samples/input"))
        let before = try FileManager.default.subpathsOfDirectory(atPath: folder.path).sorted()
        #expect(try WinnowProcess.run(["clean", "--diff", "samples/input"], in: folder) == Outcome(
            status: 0, stdout: String(decoding: try Support.bytes(Support.fixture("reports/samples.diff")), as: UTF8.self), stderr: ""))
        #expect(try FileManager.default.subpathsOfDirectory(atPath: folder.path).sorted() == before)
    }

    @Test func diffNamesStandardInputAndRefusesOutputOptions() throws {
        #expect(try WinnowProcess.run(["clean", "--diff", "--stdin-filename", "news.md", "-"], stdin: Array("Body.\r\nRead more »\r\n".utf8)) ==
            Outcome(status: 0, stdout: "--- news.md\n+++ news.md\n@@ -1,2 +1 @@\n Body.\r\n-Read more »\r\n", stderr: ""))
        #expect(try WinnowProcess.run(["clean", "--diff", "-"], stdin: Array("Nothing to cut.\n".utf8)) ==
            Outcome(status: 0, stdout: "", stderr: ""))
        for option in ["--output", "--removed"] {
            let outcome = try WinnowProcess.run(["clean", "--diff", option, "x", "samples/input"])
            #expect(outcome.status == 2)
            #expect(outcome.stderr.hasPrefix("Error: --diff writes nothing; leave out --output, --in-place and --removed\n"))
        }
    }
}
