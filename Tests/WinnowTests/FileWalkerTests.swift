import Foundation
import Testing
@testable import Winnow

@Suite struct FileWalkerTests {
    /// A fresh folder holding `files` (path → text), removed after `body`.
    private func withTree(_ files: [String: String], _ body: (String) throws -> Void) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-walk-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        for (path, text) in files {
            let url = URL(fileURLWithPath: root + "/" + path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try body(root)
    }

    @Test func sortedHiddenSkippedAndGitignoreHonoured() throws {
        try withTree([
            "b.txt": "", "a-c.txt": "", "a/z.txt": "", ".hidden/x.txt": "", ".env": "",
            ".gitignore": "*.log\nbuild/\n!keep.log\n", "x.log": "", "keep.log": "", "build/out.txt": "",
            "a/.gitignore": "z.txt\n", "a/y.txt": "",
        ]) { root in
            let relative = { (listing: FileWalker.Listing) in listing.files.map { String($0.dropFirst(root.count + 1)) } }
            #expect(relative(FileWalker.files(under: root)) == ["a-c.txt", "a/y.txt", "b.txt", "keep.log"])
            #expect(relative(FileWalker.files(under: root, options: FileWalker.Options(hidden: true))) ==
                [".env", ".gitignore", ".hidden/x.txt", "a-c.txt", "a/.gitignore", "a/y.txt", "b.txt", "keep.log"])
            #expect(relative(FileWalker.files(under: root, options: FileWalker.Options(ignoreFiles: false))) ==
                ["a-c.txt", "a/y.txt", "a/z.txt", "b.txt", "build/out.txt", "keep.log", "x.log"])
        }
    }

    @Test func gitignoreAboveTheWalkedFolderCountsInsideAWorkTree() throws {
        try withTree([".git/HEAD": "", ".gitignore": "docs/old/\n", "docs/new.md": "", "docs/old/a.md": ""]) { root in
            #expect(FileWalker.files(under: root + "/docs").files == [root + "/docs/new.md"])
        }
    }

    @Test func linkedFoldersAreNotFollowedInsideAWalk() throws {
        try withTree(["real/a.txt": ""]) { root in
            try FileManager.default.createSymbolicLink(atPath: root + "/real/loop", withDestinationPath: root + "/real")
            try FileManager.default.createSymbolicLink(atPath: root + "/link.txt", withDestinationPath: root + "/real/a.txt")
            #expect(FileWalker.files(under: root).files == [root + "/link.txt", root + "/real/a.txt"])
        }
    }

    @Test func dotGivesPathsWithoutPrefix() {
        #expect(FileWalker.prefix(of: ".") == "")
        #expect(FileWalker.prefix(of: "docs") == "docs/")
        #expect(FileWalker.prefix(of: "docs/") == "docs/")
    }
}
