import Foundation
import Testing

/// End-to-end tests of bad inputs and of writing files safely.
@Suite struct RobustnessCLITests {
    typealias Outcome = WinnowProcess.Outcome

    @Test func inPlaceRewritesAtomicallyAndKeepsPermissions() throws {
        let folder = try WinnowProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("post.txt")
        try Data("Body.\r\nRead more »\r\n".utf8).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: file.path)
        #expect(try WinnowProcess.run(["clean", "--in-place", "post.txt"], in: folder) == Outcome(status: 0, stdout: "", stderr: ""))
        #expect(try Support.bytes(file) == Array("Body.\r\n".utf8))
        #expect(try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int == 0o640)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["post.txt"])
        #expect(try WinnowProcess.run(["clean", "--in-place", "-"], in: folder).status == 2)
        #expect(try WinnowProcess.run(["clean", "--in-place", "--output", "x", "post.txt"], in: folder).status == 2)
    }

    @Test func interruptedInPlaceLeavesTheOriginal() throws {
        let folder = try WinnowProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A catastrophic rule spends its match limit on every line: the run takes seconds.
        try Data("rules:\n  - {id: slow, action: strip-line, match: {regex: ['(a+)+$']}}\n".utf8)
            .write(to: folder.appendingPathComponent("slow.yml"))
        let original = Array(String(repeating: String(repeating: "a", count: 40) + "!\n", count: 5_000).utf8)
        let file = folder.appendingPathComponent("big.txt")
        try Data(original).write(to: file)
        let process = Process()
        process.executableURL = WinnowProcess.binary
        process.arguments = ["clean", "--in-place", "--no-default-rules", "--rules", "slow.yml", "big.txt"]
        process.currentDirectoryURL = folder
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait for the temporary file (a loaded machine may take a while to start the run).
        var temporaries: [String] = []
        for _ in 0..<400 where temporaries.isEmpty && process.isRunning {
            Thread.sleep(forTimeInterval: 0.05)
            temporaries = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".big.txt.winnow-") }
        }
        process.terminate()
        process.waitUntilExit()
        #expect(temporaries.count == 1, "the temporary file exists while the run goes on")
        #expect(process.terminationStatus == 143)
        #expect(try Support.bytes(file) == original)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["big.txt", "slow.yml"])
    }

    @Test func utf16IsRefused() throws {
        let bytes: [UInt8] = [0xFF, 0xFE] + "Read more\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(try WinnowProcess.run(["check", "-"], stdin: bytes) == Outcome(
            status: 2, stdout: "",
            stderr: "<stdin>: error: UTF-16 text is not supported; convert it to UTF-8 (iconv -f UTF-16 -t UTF-8)\n"))
        #expect(try WinnowProcess.run(["clean", "-"], stdin: bytes).stdout == "")
    }

    // JSON Lines in UTF-16 is refused as plain text is, not read as malformed records.
    @Test func utf16JSONLIsRefused() throws {
        let bytes: [UInt8] = [0xFF, 0xFE] + "{\"text\": \"Read more\"}\n{\"text\": \"b\"}\n".utf16.flatMap {
            [UInt8($0 & 0xFF), UInt8($0 >> 8)]
        }
        let refusal = "<stdin>: error: UTF-16 text is not supported; convert it to UTF-8 (iconv -f UTF-16 -t UTF-8)\n"
        #expect(try WinnowProcess.run(["check", "--jsonl", "-"], stdin: bytes) == Outcome(status: 2, stdout: "", stderr: refusal))
        #expect(try WinnowProcess.run(["clean", "--jsonl", "-"], stdin: bytes) == Outcome(status: 2, stdout: "", stderr: refusal))
    }

    @Test func pathProblemsAreOneLineEachAndTheRestIsProcessed() throws {
        let folder = try WinnowProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("Read more\n".utf8).write(to: folder.appendingPathComponent("ok.txt"))
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("dangling").path, withDestinationPath: "nowhere")
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("loop").path, withDestinationPath: "loop")
        let outcome = try WinnowProcess.run(["check", "dangling", "loop", "missing.txt", "ok.txt"], in: folder)
        #expect(outcome.status == 2)
        #expect(outcome.stderr == """
            dangling: error: broken symbolic link or link loop
            loop: error: broken symbolic link or link loop
            missing.txt: error: no such file or folder
            0 errors, 1 warning in 1 of 1 file; 3 error notices

            """)
        #expect(outcome.stdout.hasPrefix("ok.txt:1:1: warning: Read-more link: Read more [read-more-link]\n"))
        #expect(try WinnowProcess.run(["check", "--config", ".", "ok.txt"], in: folder) ==
            Outcome(status: 2, stdout: "", stderr: ".: error: cannot read configuration file: is a folder\n"))
        #expect(try WinnowProcess.run(["check", "--config", "nope.yml", "ok.txt"], in: folder) ==
            Outcome(status: 2, stdout: "", stderr: "nope.yml: error: cannot read configuration file: No such file or directory\n"))
    }

    @Test func matchLimitIsConfigurable() throws {
        let folder = try WinnowProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("rules:\n  - {id: nested, match: {regex: ['(a+)+$']}}\n".utf8).write(to: folder.appendingPathComponent("r.yml"))
        let text = Array((String(repeating: "a", count: 16) + "!\n").utf8)
        let arguments = ["check", "--no-default-rules", "--rules", "r.yml", "-"]
        #expect(try WinnowProcess.run(arguments, stdin: text, in: folder).status == 0)
        let limited = try WinnowProcess.run(arguments + ["--match-limit", "1000"], stdin: text, in: folder)
        #expect(limited.status == 2)
        #expect(limited.stderr.hasPrefix(
            "<stdin>:1: error: rule 'nested' stopped on a regex resource limit (PCRE2 error -47: match limit exceeded)"))
    }

    @Test(.enabled(if: getuid() == 0, "needs root to run Winnow as another user"))
    func unreadableInputsAreReportedAndTheRestIsProcessed() throws {
        let folder = try WinnowProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: folder.path)
        for name in ["locked.txt", "ok.txt", "tree/a.txt", "tree/closed/b.txt"] {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("Read more\n".utf8).write(to: url)
        }
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("tree/gone.txt").path, withDestinationPath: "none")
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: folder.appendingPathComponent("locked.txt").path)
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: folder.appendingPathComponent("tree/closed").path)
        let outcome = try WinnowProcess.run(
            ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", WinnowProcess.binary.path,
             "clean", "locked.txt", "ok.txt", "tree", "--output", "/tmp/winnow-unreadable-\(UUID().uuidString)"],
            in: folder, executable: URL(fileURLWithPath: "/usr/bin/setpriv"))
        #expect(outcome.status == 2)
        #expect(outcome.stderr == """
            tree/closed: error: cannot read folder
            tree/gone.txt: error: broken symbolic link or link loop
            locked.txt: error: cannot read file: permission denied

            """)
    }
}

/// Files that `clean` must never overwrite or lose.
@Suite struct CleanSafetyCLITests {
    typealias Outcome = WinnowProcess.Outcome

    private func folder(_ files: [String: String]) throws -> URL {
        let folder = try WinnowProcess.temporaryFolder()
        for (name, text) in files {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return folder
    }

    @Test func sideFilesMayNotBeInputs() throws {
        let folder = try folder(["v.txt": "Keep me\nRead more\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try WinnowProcess.run(["clean", "v.txt", "--removed", "./v.txt"], in: folder) ==
            Outcome(status: 2, stdout: "", stderr: "winnow: error: --removed ./v.txt is one of the inputs\n"))
        #expect(try Support.bytes(folder.appendingPathComponent("v.txt")) == Array("Keep me\nRead more\n".utf8))
    }

    @Test func outputMayNotOverwriteItsInput() throws {
        let folder = try folder(["a/sub/f.txt": "Body\nRead more\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try WinnowProcess.run(["clean", "a/sub/f.txt", "--output", "a/sub"], in: folder) ==
            Outcome(status: 2, stdout: "", stderr: "a/sub/f.txt: error: not written: --output would overwrite the input itself\n"))
        #expect(try Support.bytes(folder.appendingPathComponent("a/sub/f.txt")) == Array("Body\nRead more\n".utf8))
    }

    @Test func binaryInputPassesThroughClean() throws {
        let bytes: [UInt8] = Array("Read more\n".utf8) + [0, 1, 2]
        #expect(try WinnowProcess.run(["clean", "-"], stdin: bytes) ==
            Outcome(status: 0, stdout: String(decoding: bytes, as: UTF8.self),
                    stderr: "<stdin>: info: skipped binary file (NUL byte at offset 10)\n"))
    }

    @Test func inPlaceLeavesUnchangedFilesAndFollowsLinks() throws {
        let folder = try folder(["same.txt": "Nothing to cut.\n", "real.txt": "Body\nRead more\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let same = folder.appendingPathComponent("same.txt")
        let old = Date(timeIntervalSince1970: 1_000_000_000)
        try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: same.path)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("link.txt").path, withDestinationPath: "real.txt")
        #expect(try WinnowProcess.run(["clean", "--in-place", "same.txt", "link.txt"], in: folder) == Outcome(status: 0, stdout: "", stderr: ""))
        #expect(try FileManager.default.attributesOfItem(atPath: same.path)[.modificationDate] as? Date == old)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder.appendingPathComponent("link.txt").path) == "real.txt")
        #expect(try Support.bytes(folder.appendingPathComponent("real.txt")) == Array("Body\n".utf8))
    }

    @Test func diffReportsARejectedDocument() throws {
        let folder = try folder(["r.yml": "rules:\n  - {id: stub, action: reject, scope: document, when: {max_chars: 9}}\n", "s.txt": "Stub.\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try WinnowProcess.run(["clean", "--diff", "--rules", "r.yml", "s.txt"], in: folder) ==
            Outcome(status: 0, stdout: "", stderr: "s.txt:1:1: rejected: stub [stub]\n"))
    }

    @Test func keywordsFileMayStartWithAByteOrderMark() throws {
        let folder = try folder(["k.txt": "\u{FEFF}promo code\n", "r.yml": "rules:\n  - {id: promo, match: {keywords_file: k.txt}}\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try WinnowProcess.run(["check", "--no-default-rules", "--rules", "r.yml", "--format", "jsonl", "-"],
                                      stdin: Array("Use promo code X\n".utf8), in: folder).status == 1)
    }

    @Test func badLimitsAndNamesAreUsageErrors() throws {
        for arguments in [["--match-limit", "0"], ["--jit-stack", "8"], ["--stdin-filename", ""], ["--jsonl", "--threads", "0"]] {
            #expect(try WinnowProcess.run(["check"] + arguments + ["-"]).status == 2, "\(arguments)")
        }
    }
}
