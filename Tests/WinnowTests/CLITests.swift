import Foundation
import Testing

/// End-to-end tests of the `winnow` binary built beside the test bundle.
@Suite struct CLITests {
    typealias Outcome = WinnowProcess.Outcome

    static let seed = "samples/input/000_b65178fd440193c6.txt"
    static let seedClean = "samples/expected/000_b65178fd440193c6.txt"

    /// Runs winnow in the package root with `stdin` as standard input.
    private func winnow(_ arguments: String..., stdin: String = "") throws -> Outcome {
        try WinnowProcess.run(arguments, stdin: Array(stdin.utf8))
    }

    /// Runs winnow in `folder` with `stdin` as standard input.
    private func winnow(_ arguments: [String], in folder: URL, stdin: String = "") throws -> Outcome {
        try WinnowProcess.run(arguments, stdin: Array(stdin.utf8), in: folder)
    }

    private func temporaryFolder() throws -> URL {
        try WinnowProcess.temporaryFolder()
    }

    /// The first line of each text diagnostic: the lines that are not part of
    /// a source excerpt (those start with a space).
    private func diagnostics(_ stdout: String) -> [String] {
        stdout.split(separator: "\n").filter { !$0.hasPrefix(" ") }.map(String.init)
    }

    private func read(_ path: String) throws -> String {
        String(decoding: try Support.bytes(Support.root.appendingPathComponent(path)), as: UTF8.self)
    }

    @Test func cleanSeedPrintsItsExpectedTextByteForByte() throws {
        #expect(try winnow("clean", Self.seed) == Outcome(status: 0, stdout: try read(Self.seedClean), stderr: ""))
    }

    @Test func checkSeedReportsEveryFindingAndExitsOne() throws {
        let path = Self.seed
        let teasers = [
            "Sáng 27/11, UBND quận Ngô Quyền phối hợp với Công ty TNHH MTV Quản lý…",
            "Chiều 27/11, diễn ra Lễ khai mạc Ngày hội khởi nghiệp đổi mới sáng tạo…",
            "Thủ tướng Chính phủ đã ký quyết định xếp hạng Di tích quốc gia đặc…",
            "Sáng 27/11, tại Cung Văn hóa Lao động Hữu nghị Việt Tiệp, Liên đoàn Lao…",
            "Mấy ngày gần đây, trên mạng xã hội lan truyền thông tin về phương án…",
            "Gần 300 lượt người lang thang trên đường phố được thu gom vào các cơ…",
        ]
        let expected = ["\(path):3:1: warning: Paragraph ends in an ellipsis: the article text may be cut off [truncated-body]"]
            + teasers.enumerated().map { "\(path):\($0.offset + 4):1: warning: Teaser line: \($0.element) [teaser-line]" }
            + ["\(path):10:1: warning: Cookie notice: This website uses cookies [cookie-notice]",
               "\(path):11:1: warning: Read-more link: Read More [read-more-link]"]
        let outcome = try winnow("check", path)
        #expect(outcome.status == 1)
        #expect(diagnostics(outcome.stdout) == expected)
        #expect(outcome.stderr == "0 errors, 9 warnings in 1 of 1 file\n")
    }

    @Test func failOnDecidesTheExitCode() throws {
        #expect(try winnow("check", "--fail-on", "error", Self.seed).status == 0)
        #expect(try winnow("check", "--fail-on", "never", Self.seed).status == 0)
        #expect(try winnow("check", "--fail-on", "info", Self.seed).status == 1)
        #expect(try winnow("check", "-", stdin: "Nothing to see here.\n") ==
            Outcome(status: 0, stdout: "", stderr: "no findings in 1 file\n"))
    }

    @Test func cleanFolderMirrorsItIntoOutput() throws {
        let folder = try WinnowProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try winnow("clean", "samples/input", "--output", folder.path) == Outcome(status: 0, stdout: "", stderr: ""))
        let written = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(written == ["000_b65178fd440193c6.txt"])
        #expect(try Support.bytes(folder.appendingPathComponent(written[0])) ==
                Support.bytes(Support.root.appendingPathComponent(Self.seedClean)))
    }

    @Test func standardInputIsCleanedToStandardOutput() throws {
        #expect(try winnow("clean", "-", stdin: "Body text.\r\nRead more »\r\n") == Outcome(status: 0, stdout: "Body text.\r\n", stderr: ""))
        #expect(try winnow("clean", stdin: "x\nRead more\n") == Outcome(status: 0, stdout: "x\n", stderr: ""))
        #expect(try winnow("clean", "--no-default-rules", stdin: "x\nRead more") == Outcome(status: 0, stdout: "x\nRead more", stderr: "winnow: warning: no rules to run; every input passes\n"))
    }

    @Test func brokenRegexIsOneLineAndExitTwo() throws {
        let folder = try WinnowProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("house.yml")
        try Data("rules:\n  - id: broken\n    match:\n      regex: ['read (more']\n".utf8).write(to: file)
        #expect(try winnow("check", "--rules", file.path, Self.seed) == Outcome(
            status: 2, stdout: "",
            stderr: "\(file.path):4:15: error: rule 'broken': regex 'read (more': missing closing parenthesis at offset 10\n"))
        #expect(try winnow("clean", "--rules", file.path, Self.seed).status == 2)
    }

    @Test func rulesFolderIsLoadedAndAddsToTheBuiltInPack() throws {
        let folder = try WinnowProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("rules:\n  - id: campuchia\n    severity: error\n    match: {keywords: [Campuchia]}\n".utf8)
            .write(to: folder.appendingPathComponent("house.yml"))
        try Data("not a rule file".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        let outcome = try winnow("check", "--rules", folder.path, "--fail-on", "error", Self.seed)
        #expect(outcome.status == 1)
        #expect(diagnostics(outcome.stdout).filter { $0.hasSuffix("[campuchia]") }.count == 7)
        #expect(diagnostics(outcome.stdout).count == 16)
    }

    @Test func missingInputIsReportedAndTheOthersStillRun() throws {
        let outcome = try winnow("check", "no/such/file.txt", Self.seed)
        #expect(outcome.status == 2)
        #expect(outcome.stderr == "no/such/file.txt: error: no such file or folder\n0 errors, 9 warnings in 1 of 1 file; 1 error notice\n")
        #expect(diagnostics(outcome.stdout).count == 9)
    }

    @Test func usageErrorsExitTwo() throws {
        let several = try winnow("clean", "samples/input")
        #expect(several.status == 2)
        #expect(several.stderr.hasPrefix("Error: several inputs, or a folder, need --output DIR or --in-place\n"))
        #expect(try winnow("check", "--fail-on", "sometimes").status == 2)
    }

    @Test func rulesTestPassesOnTheBuiltInPack() throws {
        let outcome = try winnow("rules", "test")
        #expect(outcome == Outcome(status: 0, stdout: "193 passed, 0 failed (193 examples in 11 rules)\n", stderr: ""))
    }

    @Test func rulesTestNamesTheFailingExample() throws {
        let folder = try WinnowProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("house.yml")
        try Data("""
            rules:
              - id: promo
                match: {keywords: [promo]}
                examples:
                  match: ["promo code", "Promotion"]
                  no_match: ["nothing"]
            """.utf8).write(to: file)
        #expect(try winnow("rules", "test", "--no-default-rules", "--rules", file.path) == Outcome(
            status: 1,
            stdout: "\(file.path):5:29: error: rule 'promo': match example gave no finding: \"Promotion\"\n"
                + "2 passed, 1 failed (3 examples in 1 rule)\n",
            stderr: ""))
    }

    @Test func binaryFileIsSkippedWithANotice() throws {
        #expect(try winnow("check", "-", stdin: "Read more\n\u{0}\n") ==
            Outcome(status: 0, stdout: "", stderr: "<stdin>: info: skipped binary file (NUL byte at offset 10)\n"
                + "no findings in 0 files; 1 file skipped (binary)\n"))
    }

    @Test func invalidUTF8IsReportedAndKept() throws {
        let folder = try WinnowProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("bad.txt")
        let bytes: [UInt8] = Array("Caf".utf8) + [0xE9] + Array(" ok\nRead more\n".utf8)
        try Data(bytes).write(to: file)
        let outcome = try winnow("clean", file.path)
        #expect(outcome.status == 0)
        #expect(outcome.stderr == "\(file.path):1: warning: invalid UTF-8 (first bad byte at byte offset 3 of the file); matched as is, every byte kept\n")
        let process = try winnow("check", file.path)
        #expect(process.stdout == "\(file.path):2:1: warning: Read-more link: Read more [read-more-link]\n"
            + " 2 | Read more\n   | ^~~~~~~~~\n")
    }

    @Test func outputCollisionsAreErrors() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["c1", "c2"] {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(name), withIntermediateDirectories: true)
            try Data("\(name)\n".utf8).write(to: folder.appendingPathComponent("\(name)/x.txt"))
        }
        let outcome = try winnow(["clean", "c1/x.txt", "c2/x.txt", "--output", "out"], in: folder)
        #expect(outcome.status == 2)
        #expect(outcome.stderr == "c2/x.txt: error: not written: c1/x.txt is written to the same file, \(folder.path)/out/x.txt\n")
        #expect(try String(contentsOf: folder.appendingPathComponent("out/x.txt"), encoding: .utf8) == "c1\n")
        #expect(try winnow(["clean", "c1", "--output", "c1/out"], in: folder) ==
            Outcome(status: 2, stdout: "", stderr: "winnow: error: --output c1/out lies inside the input folder c1\n"))
    }

    @Test func rejectedDocumentIsNotWritten() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("rules:\n  - id: stub\n    action: reject\n    scope: document\n    when: {max_chars: 20}\n".utf8)
            .write(to: folder.appendingPathComponent("r.yml"))
        #expect(try winnow(["clean", "--rules", "r.yml", "-"], in: folder, stdin: "\nToo short.\n") ==
            Outcome(status: 0, stdout: "", stderr: "<stdin>:2:1: rejected: stub [stub]\n"))
    }

    @Test func unreadableStandardInputIsAnError() throws {
        let outcome = try WinnowProcess.run(["check", "-"], inputHandle: FileHandle(forReadingAtPath: "/"))
        #expect(outcome.status == 2)
        #expect(outcome.stderr.hasPrefix("<stdin>: error: cannot read standard input: "))
    }

    @Test func fullOutputIsAnError() throws {
        let outcome = try WinnowProcess.run(["clean", Self.seed], outputHandle: FileHandle(forWritingAtPath: "/dev/full"))
        #expect(outcome.status == 2)
        #expect(outcome.stderr.hasPrefix("winnow: error: cannot write standard output: "))
    }

    @Test func rulesListAndExplain() throws {
        #expect(try winnow("rules", "list") == Outcome(status: 0, stdout: """
            ID                   CATEGORY     SEVERITY  ACTION      SCOPE  SOURCE
            cookie-notice        boilerplate  warning   strip-line  line   builtin:default.yml:5:9
            read-more-link       boilerplate  warning   strip-line  line   builtin:default.yml:50:9
            share-bar            boilerplate  warning   strip-line  line   builtin:default.yml:112:9
            newsletter-signup    boilerplate  warning   strip-line  line   builtin:default.yml:156:9
            paywall-prompt       boilerplate  warning   strip-line  line   builtin:default.yml:190:9
            advertisement-label  boilerplate  warning   strip-line  line   builtin:default.yml:231:9
            copyright-line       boilerplate  warning   strip-line  line   builtin:default.yml:263:9
            footer-links         boilerplate  warning   strip-line  line   builtin:default.yml:297:9
            comment-form         boilerplate  warning   strip-line  line   builtin:default.yml:326:9
            teaser-line          boilerplate  warning   strip-line  line   builtin:default.yml:359:9
            truncated-body       quality      warning   flag        line   builtin:default.yml:380:9

            """, stderr: ""))
        let json = try winnow("rules", "list", "--format", "json")
        let rules = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: String]]
        #expect(rules?.map { $0["id"] ?? "" } == BuiltinPackTests.defaultIDs)
        #expect(rules?.first?["source"] == "builtin:default.yml:5:9")
        #expect(try winnow("rules", "explain", "teaser-line").stdout.hasPrefix("""
            teaser-line: Truncated teaser headline of another article, in the run of boilerplate at the end of the page.
              boilerplate, warning, strip-line by line
              when: max_chars 120, ends_with "…" or "...", position tail, min_run 2
              message: Teaser line: {match}

            """))
        #expect(try winnow("rules", "explain", "teaser") ==
            Outcome(status: 2, stdout: "", stderr: "winnow: error: no rule 'teaser' is loaded (did you mean 'teaser-line'?)\n"))
    }

    @Test func corpusPackIsNamedOnTheCommandLine() throws {
        let corpus = try winnow("rules", "list", "--rules", "corpus")
        #expect(corpus.status == 0)
        #expect(corpus.stdout.split(separator: "\n").suffix(7).map { String($0.prefix(while: { $0 != " " })) } ==
            BuiltinPackTests.corpusIDs)
        #expect(corpus.stdout.contains("builtin:corpus.yml:21:9"))
        // `./corpus` is a path, and there is no such file here.
        #expect(try winnow("rules", "list", "--rules", "./corpus") ==
            Outcome(status: 2, stdout: "", stderr: "./corpus: error: no such rule file or folder\n"))
        // A bare word one letter from a pack's name is taken for a misspelling.
        #expect(try winnow("rules", "list", "--rules", "corpuz") == Outcome(
            status: 2, stdout: "", stderr: "corpuz: error: no such rule file or folder (did you mean the built-in pack 'corpus'?)\n"))
    }

    @Test func aMissingRuleFileOfTheConfigurationIsReportedWhereItIsWritten() throws {
        let folder = try temporaryFolder()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("site"), withIntermediateDirectories: true)
        try Data("rules:\n  - defualt\n  - house.yml\n".utf8).write(to: folder.appendingPathComponent("site/.winnow.yml"))
        #expect(try WinnowProcess.run(["check", "--config", "site/.winnow.yml", "-"], stdin: Array("x\n".utf8), in: folder) == Outcome(
            status: 2, stdout: "",
            stderr: "site/.winnow.yml:2:5: error: rules entry 'defualt': no such rule file or folder (did you mean the built-in pack 'default'?)\n"))
        try Data("rules:\n  - default\n  - house.yml\n".utf8).write(to: folder.appendingPathComponent("site/.winnow.yml"))
        #expect(try WinnowProcess.run(["check", "--config", "site/.winnow.yml", "-"], stdin: Array("x\n".utf8), in: folder) == Outcome(
            status: 2, stdout: "", stderr: "site/.winnow.yml:3:5: error: rules entry 'house.yml': no such rule file or folder\n"))
    }

    @Test func anEmptyRuleSetIsRunWithAWarning() throws {
        let file = try temporaryFolder().appendingPathComponent("none.yml")
        try Data("rules: []\n".utf8).write(to: file)
        #expect(try winnow("check", "--no-default-rules", "--rules", file.path, "-", stdin: "Read more\n") == Outcome(
            status: 0, stdout: "",
            stderr: "winnow: warning: no rules to run; every input passes\n"
                + "no findings in 1 file\n"))
    }

    @Test func aRuleFolderWithoutRuleFilesIsAnError() throws {
        let folder = try temporaryFolder()
        try Data("notes\n".utf8).write(to: folder.appendingPathComponent("README.txt"))
        #expect(try winnow("check", "--no-default-rules", "--rules", folder.path, "-", stdin: "text\n") ==
            Outcome(status: 2, stdout: "", stderr: "\(folder.path): error: the folder holds no rule files (.yml, .yaml)\n"))
    }

    @Test func rulesTestTakesRuleFiles() throws {
        #expect(try winnow("rules", "test", "samples/docs-site/rules") ==
            Outcome(status: 0, stdout: "10 passed, 0 failed (10 examples in 4 rules)\n", stderr: ""))
    }
}
