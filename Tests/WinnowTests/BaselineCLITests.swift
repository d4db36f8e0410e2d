import Foundation
import Testing

/// End-to-end tests of `check --write-baseline` and `check --baseline`.
@Suite struct BaselineCLITests {
    typealias Outcome = WinnowProcess.Outcome

    /// A folder holding `article.txt`, a copy of the seed sample (nine findings).
    private func project() throws -> URL {
        let folder = try WinnowProcess.temporaryFolder()
        try Data(Support.bytes(Support.root.appendingPathComponent("samples/input/000_b65178fd440193c6.txt")))
            .write(to: folder.appendingPathComponent("article.txt"))
        return folder
    }

    private func winnow(_ arguments: String..., in folder: URL) throws -> Outcome {
        try WinnowProcess.run(arguments, in: folder)
    }

    private func prepend(_ text: String, to file: URL) throws {
        try Data(Array(text.utf8) + Support.bytes(file)).write(to: file)
    }

    @Test func baselinedFindingsStayBaselinedWhenLinesAreInsertedAboveThem() throws {
        let folder = try project()
        defer { try? FileManager.default.removeItem(at: folder) }
        let article = folder.appendingPathComponent("article.txt")
        #expect(try winnow("check", "--write-baseline", "baseline.json", "article.txt", in: folder) ==
            Outcome(status: 0, stdout: "", stderr: "baseline.json: recorded 9 findings\n"))
        let accepted = Outcome(status: 0, stdout: "", stderr: "no findings in 1 file; 9 baselined findings not shown\n")
        #expect(try winnow("check", "--baseline", "baseline.json", "article.txt", in: folder) == accepted)

        // An unrelated edit: three lines above every finding, and the paragraphs re-indented.
        try prepend("Tiêu đề mới\n\nMột đoạn mở đầu ngắn.\n", to: article)
        let indented = String(decoding: try Support.bytes(article), as: UTF8.self).replacingOccurrences(of: "\nNăm 2021", with: "\n  Năm 2021")
        try Data(indented.utf8).write(to: article)
        #expect(try winnow("check", "--baseline", "baseline.json", "./article.txt", in: folder) == accepted)

        // A new finding above them is the only one reported.
        try prepend("Read more: một bài khác\n", to: article)
        #expect(try winnow("check", "--baseline", "baseline.json", "article.txt", in: folder) == Outcome(
            status: 1,
            stdout: "article.txt:1:1: warning: Read-more link: Read more: một bài khác [read-more-link]\n"
                + " 1 | Read more: một bài khác\n   | ^~~~~~~~~~~~~~~~~~~~~~~\n",
            stderr: "0 errors, 1 warning in 1 of 1 file; 9 baselined findings not shown\n"))
    }

    @Test func baselineFileLayout() throws {
        let folder = try WinnowProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try WinnowProcess.run(["check", "--write-baseline", "b.json", "--stdin-filename", "./docs/../notes.txt", "-"],
                                            stdin: Array("Body.\nRead more\n".utf8), in: folder)
        #expect(outcome == Outcome(status: 0, stdout: "", stderr: "b.json: recorded 1 finding\n"))
        #expect(String(decoding: try Support.bytes(folder.appendingPathComponent("b.json")), as: UTF8.self) == """
            {
              "findings" : [
                {
                  "fingerprint" : "33ec39401ffcda68:0",
                  "path" : "notes.txt",
                  "rule" : "read-more-link",
                  "text" : "Read more"
                }
              ],
              "version" : 1
            }

            """)
    }

    @Test func badBaselineIsOneLineAndExitTwo() throws {
        let folder = try project()
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = [
            ("malformed.json", "{\"findings\": [", "not a Winnow baseline file: malformed JSON"),
            ("nokey.json", "{\"version\": 1}", "not a Winnow baseline file: missing key 'findings' in the top level"),
            ("type.json", #"{"version": 1, "findings": [{"fingerprint": "f", "path": 3, "rule": "r", "text": "t"}]}"#, "not a Winnow baseline file: wrong type at 'findings.0.path'"),
            ("future.json", "{\"version\": 2, \"findings\": []}", "baseline version 2 is not supported (expected 1)"),
        ]
        for (name, content, cause) in files {
            try Data(content.utf8).write(to: folder.appendingPathComponent(name))
            #expect(try winnow("check", "--baseline", name, "article.txt", in: folder) ==
                Outcome(status: 2, stdout: "", stderr: "\(name): error: \(cause)\n"))
        }
        #expect(try winnow("check", "--baseline", "missing.json", "article.txt", in: folder) ==
            Outcome(status: 2, stdout: "", stderr: "missing.json: error: cannot read baseline file: No such file or directory\n"))
        #expect(try winnow("check", "--write-baseline", "no/such/folder/b.json", "article.txt", in: folder) ==
            Outcome(status: 2, stdout: "", stderr: "no/such/folder/b.json: error: cannot write file: No such file or directory\n"))
        let both = try winnow("check", "--baseline", "a.json", "--write-baseline", "b.json", "article.txt", in: folder)
        #expect(both.status == 2)
        #expect(both.stderr.hasPrefix("Error: --baseline and --write-baseline cannot be used together\n"))
    }
}
