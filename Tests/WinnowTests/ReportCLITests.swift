import Foundation
import Testing

/// End-to-end tests of `check --format`, `--fail-on`, baselines and
/// `--stdin-filename`, run on the built binary.
@Suite struct ReportCLITests {
    typealias Outcome = WinnowProcess.Outcome

    private func winnow(_ arguments: String..., stdin: String = "", in folder: URL = Support.root) throws -> Outcome {
        try WinnowProcess.run(arguments, stdin: Array(stdin.utf8), in: folder)
    }

    private func golden(_ name: String) throws -> String {
        String(decoding: try Support.bytes(Support.fixture("reports/\(name)")), as: UTF8.self)
    }

    // Every format on samples/, byte for byte (the expected files are described in Fixtures/reports/README.md).
    @Test(arguments: zip(["text", "json", "jsonl", "sarif", "junit", "github"],
                         ["samples.txt", "samples.json", "samples.jsonl", "samples.sarif", "samples.junit.xml", "samples.github.txt"]))
    func formatOnTheSamples(format: String, expected: String) throws {
        #expect(try winnow("check", "--format", format, "samples/input") == Outcome(
            status: 1, stdout: try golden(expected), stderr: format == "text" ? "0 errors, 9 warnings in 1 of 1 file\n" : ""))
    }

    // Every format on a JSONL corpus, byte for byte: documents are named PATH:LINE and sorted in byte
    // order (":10" before ":3"), only those with findings are listed, the malformed line 6 is a notice.
    @Test(arguments: zip(["text", "json", "jsonl", "sarif", "junit", "github"],
                         ["records.txt", "records.json", "records.findings.jsonl", "records.sarif", "records.junit.xml",
                          "records.github.txt"]))
    func formatOnAJSONLCorpus(format: String, expected: String) throws {
        let input = "Tests/WinnowTests/Fixtures/reports/records.jsonl"
        let notice = "\(input):6: error: not a JSONL record: field 'text' is not a string at byte 9\n"
        #expect(try winnow("check", "--jsonl", "--format", format, input) == Outcome(
            status: 2, stdout: try golden(expected),
            stderr: notice + (format == "text" ? "0 errors, 12 warnings in 8 of 12 documents; 1 error notice\n" : "")))
    }

    // --fail-on and a baseline decide the exit code of a JSONL run as of any other.
    @Test func failOnAndBaselineOnAJSONLCorpus() throws {
        let folder = try WinnowProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let lines = String(decoding: try Support.bytes(Support.fixture("reports/records.jsonl")), as: UTF8.self).split(separator: "\n")
        let corpus = lines.prefix(5).joined(separator: "\n") + "\n"
        func check(_ arguments: String...) throws -> Outcome {
            try WinnowProcess.run(["check", "--jsonl", "--stdin-filename", "five.jsonl"] + arguments + ["-"],
                                  stdin: Array(corpus.utf8), in: folder)
        }
        #expect(try check().status == 1)
        #expect(try check("--fail-on", "error").status == 0)
        #expect(try check("--write-baseline", "base.json") == Outcome(status: 0, stdout: "", stderr: "base.json: recorded 5 findings\n"))
        #expect(try check("--baseline", "base.json") == Outcome(
            status: 0, stdout: "", stderr: "no findings in 5 documents; 5 baselined findings not shown\n"))
        // A record whose findings the baseline holds is not listed, as a record without findings is not.
        #expect(try check("--baseline", "base.json", "--format", "junit") == Outcome(status: 0, stdout: """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuites name="winnow" tests="0" failures="0" errors="0" skipped="0">
              <testsuite name="winnow check" tests="0" failures="0" errors="0" skipped="0">
              </testsuite>
            </testsuites>

            """, stderr: ""))
        // A run with a malformed record still writes its baseline, says so, and exits 2.
        let malformed = corpus + "not json\n"
        #expect(try WinnowProcess.run(["check", "--jsonl", "--stdin-filename", "six.jsonl", "--write-baseline", "six.json", "-"],
                                      stdin: Array(malformed.utf8), in: folder) == Outcome(
            status: 2, stdout: "",
            stderr: "six.jsonl:6: error: not a JSONL record: a record must be a JSON object at byte 0\nsix.json: recorded 5 findings\n"))
        let json = try check("--baseline", "base.json", "--format", "json")
        #expect(json.status == 0)
        #expect(json.stdout.contains("""
              "files" : [

              ],
            """))
        #expect(json.stdout.contains("""
              "summary" : {
                "baselined" : 5,
                "errors" : 0,
                "files" : 0,
                "files_with_findings" : 0,
            """))
    }

    @Test func sarifURIIsRelativeToTheProjectRootHoweverThePathIsSpelled() throws {
        let absolute = Support.root.appendingPathComponent("samples/input/../input/000_b65178fd440193c6.txt").path
        let outcome = try winnow("check", "--format", "sarif", absolute)
        #expect(outcome.status == 1)
        #expect(outcome.stdout.components(separatedBy: "\"uri\" : \"samples/input/000_b65178fd440193c6.txt\"").count == 10)
    }

    // BR-21: an empty input gives an empty, valid report and exit 0.
    @Test func emptyInputGivesEmptyReports() throws {
        #expect(try winnow("check", "--format", "jsonl", "-") == Outcome(status: 0, stdout: "", stderr: ""))
        #expect(try winnow("check", "--format", "github", "-") == Outcome(status: 0, stdout: "", stderr: ""))
        let sarif = try winnow("check", "--format", "sarif", "--no-default-rules", "-")
        #expect(sarif == Outcome(status: 0, stdout: """
            {
              "$schema" : "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
              "runs" : [
                {
                  "columnKind" : "unicodeCodePoints",
                  "invocations" : [
                    {
                      "executionSuccessful" : true,
                      "toolExecutionNotifications" : [

                      ]
                    }
                  ],
                  "results" : [

                  ],
                  "tool" : {
                    "driver" : {
                      "name" : "winnow",
                      "rules" : [

                      ],
                      "version" : "0.1.0"
                    }
                  }
                }
              ],
              "version" : "2.1.0"
            }

            """, stderr: "winnow: warning: no rules to run; every input passes\n"))
        #expect(try winnow("check", "--format", "junit", "--stdin-filename", "empty.txt", "-") == Outcome(status: 0, stdout: """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuites name="winnow" tests="1" failures="0" errors="0" skipped="0">
              <testsuite name="winnow check" tests="1" failures="0" errors="0" skipped="0">
                <testcase classname="winnow" name="empty.txt"/>
              </testsuite>
            </testsuites>

            """, stderr: ""))
    }

    // BR-22: a skipped binary file is an explicit notice in every format, and not a failure.
    @Test func skippedBinaryFileIsANoticeInEveryFormat() throws {
        let binary = "Read more\n\u{0}\n"
        #expect(try winnow("check", "--format", "jsonl", "--stdin-filename", "data.bin", "-", stdin: binary) == Outcome(
            status: 0,
            stdout: #"{"kind":"file.skipped-binary","message":"skipped binary file (NUL byte at offset 10)","path":"data.bin","severity":"info","type":"notice"}"# + "\n",
            stderr: "data.bin: info: skipped binary file (NUL byte at offset 10)\n"))
        #expect(try winnow("check", "--format", "github", "--stdin-filename", "data.bin", "-", stdin: binary).stdout ==
            "::notice file=data.bin,title=file.skipped-binary::skipped binary file (NUL byte at offset 10)\n")
        let junit = try winnow("check", "--format", "junit", "--stdin-filename", "data.bin", "-", stdin: binary).stdout
        #expect(junit.contains("""
                <testcase classname="winnow" name="data.bin">
                  <skipped message="skipped binary file (NUL byte at offset 10)"/>
                </testcase>
            """))
        #expect(junit.contains(#"<testsuites name="winnow" tests="1" failures="0" errors="0" skipped="1">"#))
        let sarif = try winnow("check", "--format", "sarif", "--stdin-filename", "data.bin", "-", stdin: binary).stdout
        #expect(sarif.contains("""
                      "toolExecutionNotifications" : [
                        {
                          "descriptor" : {
                            "id" : "file.skipped-binary"
                          },
                          "level" : "note",
                          "locations" : [
                            {
                              "physicalLocation" : {
                                "artifactLocation" : {
                                  "uri" : "data.bin",
                                  "uriBaseId" : "%SRCROOT%"
                                }
                              }
                            }
                          ],
                          "message" : {
                            "text" : "skipped binary file (NUL byte at offset 10)"
                          }
                        }
                      ]
            """))
    }

    @Test func sarifGivesNoBaseToAFileOutsideTheRoot() throws {
        let folder = try WinnowProcess.temporaryFolder()
        let file = folder.appendingPathComponent("outside.txt")
        try Data("Intro.\nRead more\n".utf8).write(to: file)
        let sarif = try winnow("check", "--format", "sarif", file.path).stdout
        // The URI is absolute and has no base: no `uriBaseId` follows it.
        #expect(sarif.contains("\"uri\" : \"file://\(file.path)\"\n"))
        #expect(!sarif.contains("%SRCROOT%"))
    }

    @Test func junitCarriesInputErrorsAndWarnings() throws {
        let outcome = try WinnowProcess.run(["check", "--format", "junit", "no/such.txt", "-"], stdin: Array("Caf".utf8) + [0xE9, 0x0A])
        #expect(outcome.status == 2)
        #expect(outcome.stdout == """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuites name="winnow" tests="2" failures="0" errors="1" skipped="0">
              <testsuite name="winnow check" tests="2" failures="0" errors="1" skipped="0">
                <testcase classname="winnow" name="&lt;stdin&gt;">
                  <system-err>&lt;stdin&gt;:1: warning: invalid UTF-8 (first bad byte at byte offset 3 of the file); matched as is, every byte kept
            </system-err>
                </testcase>
                <testcase classname="winnow" name="no/such.txt">
                  <error type="file.error" message="no such file or folder">no/such.txt: error: no such file or folder</error>
                </testcase>
              </testsuite>
            </testsuites>

            """)
    }

    // BR-23 and BR-30: a rule that hits a resource limit is an error notice, the
    // report is still written in full, and exit code 2 wins over findings.
    @Test func resourceLimitIsAnErrorNoticeAndExitTwo() throws {
        let folder = try WinnowProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("rules:\n  - id: slow\n    match: {regex: ['(a+)+$']}\n".utf8).write(to: folder.appendingPathComponent("slow.yml"))
        let text = "Read more\n" + String(repeating: "a", count: 40) + "!\n"
        let github = try winnow("check", "--format", "github", "--rules", "slow.yml", "--fail-on", "never",
                                "--stdin-filename", "slow.txt", "-", stdin: text, in: folder)
        let limit = "rule 'slow' stopped on a regex resource limit (PCRE2 error -47: match limit exceeded); "
            + "the line is kept and the rule goes on with the next line"
        #expect(github == Outcome(
            status: 2,
            stdout: "::warning file=slow.txt,line=1,col=1,endLine=1,endColumn=10,title=read-more-link::Read-more link: Read more\n"
                + "::error file=slow.txt,line=2,title=rule.resource-limit::\(limit)\n",
            stderr: "slow.txt:2: error: \(limit)\n"))
        let sarif = try winnow("check", "--format", "sarif", "--rules", "slow.yml", "--stdin-filename", "slow.txt", "-",
                               stdin: text, in: folder)
        #expect(sarif.status == 2)
        #expect(sarif.stdout.contains("\"executionSuccessful\" : false"))
        #expect(sarif.stdout.contains("""
                          "associatedRule" : {
                            "id" : "slow",
                            "index" : 11
                          },
                          "descriptor" : {
                            "id" : "rule.resource-limit"
                          },
                          "level" : "error",
            """))
        #expect(sarif.stdout.hasSuffix("  \"version\" : \"2.1.0\"\n}\n"))
    }

    // BR-30: the exit code for each --fail-on level, locked by a test.
    @Test func failOnEveryLevel() throws {
        let folder = try WinnowProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("""
            rules:
              - {id: note-word, severity: info, match: {keywords: [note]}}
              - {id: warn-word, severity: warning, match: {keywords: [warn]}}
              - {id: fatal-word, severity: error, match: {keywords: [fatal]}}
            """.utf8).write(to: folder.appendingPathComponent("levels.yml"))
        // Columns: --fail-on info, warning, error, never, and no --fail-on (warning).
        let expected: [(text: String, statuses: [Int32])] = [
            ("nothing\n", [0, 0, 0, 0, 0]),
            ("note\n", [1, 0, 0, 0, 0]),
            ("warn\n", [1, 1, 0, 0, 1]),
            ("fatal\n", [1, 1, 1, 0, 1]),
        ]
        for (text, statuses) in expected {
            var got: [Int32] = []
            for level in ["info", "warning", "error", "never"] {
                got.append(try winnow("check", "--no-default-rules", "--rules", "levels.yml", "--fail-on", level, "-",
                                      stdin: text, in: folder).status)
            }
            got.append(try winnow("check", "--no-default-rules", "--rules", "levels.yml", "-", stdin: text, in: folder).status)
            #expect(got == statuses, "\(text)")
        }
    }

    @Test func stdinFilenameNamesStandardInputInReports() throws {
        let text = "Body.\nRead more\n"
        #expect(try winnow("check", "--format", "github", "--stdin-filename", "content/news.md", "-", stdin: text).stdout ==
            "::warning file=content/news.md,line=2,col=1,endLine=2,endColumn=10,title=read-more-link::Read-more link: Read more\n")
        #expect(try winnow("check", "--stdin-filename", "content/news.md", "-", stdin: text) == Outcome(
            status: 1,
            stdout: "content/news.md:2:1: warning: Read-more link: Read more [read-more-link]\n 2 | Read more\n   | ^~~~~~~~~\n",
            stderr: "0 errors, 1 warning in 1 of 1 file\n"))
    }

    @Test func findingsAreSortedByPathWhateverTheArgumentOrder() throws {
        let folder = try WinnowProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["b.txt", "a.txt"] {
            try Data("Read more\n".utf8).write(to: folder.appendingPathComponent(name))
        }
        let outcome = try winnow("check", "--format", "github", "b.txt", "a.txt", in: folder)
        #expect(outcome.stdout.split(separator: "\n").map { $0.prefix(24) } ==
            ["::warning file=a.txt,lin", "::warning file=b.txt,lin"])
    }

    @Test func colourOnlyWhenAskedOrOnATerminalWithoutNoColor() throws {
        let coloured = "\u{1B}[1m<stdin>:1:1:\u{1B}[0m \u{1B}[1;35mwarning:\u{1B}[0m \u{1B}[1mRead-more link: Read more\u{1B}[0m [read-more-link]\n"
            + "\u{1B}[1;34m 1 |\u{1B}[0m Read more\n\u{1B}[1;34m   |\u{1B}[0m \u{1B}[1;32m^~~~~~~~~\u{1B}[0m\n"
        #expect(try winnow("check", "--color", "always", "-", stdin: "Read more\n").stdout == coloured)
        #expect(try winnow("check", "-", stdin: "Read more\n").stdout == "<stdin>:1:1: warning: Read-more link: Read more [read-more-link]\n"
            + " 1 | Read more\n   | ^~~~~~~~~\n")
        // On a terminal (script(1) runs the command on a pseudo-terminal).
        let onTerminal = try terminal("check --fail-on never samples/input", noColor: nil)
        #expect(onTerminal.contains("\u{1B}[1;35mwarning:\u{1B}[0m"))
        #expect(!(try terminal("check --fail-on never samples/input", noColor: "1")).contains("\u{1B}["))
        #expect(try terminal("check --fail-on never samples/input", noColor: "").contains("\u{1B}[1;35mwarning:\u{1B}[0m"))
    }

    /// What winnow prints to a pseudo-terminal, with `NO_COLOR` set to `noColor` or unset.
    private func terminal(_ arguments: String, noColor: String?) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", "'\(WinnowProcess.binary.path)' \(arguments)", "/dev/null"]
        process.currentDirectoryURL = Support.root
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = noColor
        process.environment = environment
        let output = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
