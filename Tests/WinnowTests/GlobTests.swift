import Testing
@testable import Winnow

@Suite struct GlobTests {
    private func matches(_ pattern: String, _ path: String, isFolder: Bool = false) throws -> Bool {
        try Glob(pattern).matches(path, isFolder: isFolder)
    }

    @Test func starStaysInOneSegment() throws {
        #expect(try matches("content/*.md", "content/a.md"))
        #expect(try !matches("content/*.md", "content/news/a.md"))
        #expect(try matches("?.txt", "a.txt"))
    }

    @Test func doubleStarCrossesSegments() throws {
        #expect(try matches("content/**/*.md", "content/a.md"))
        #expect(try matches("content/**/*.md", "content/news/2024/a.md"))
        #expect(try matches("**/drafts/**", "content/drafts/wip.md"))
        #expect(try matches("news/**", "news/x/y.md"))
        #expect(try !matches("news/**", "old/news/y.md"))
    }

    @Test func patternWithoutSlashMatchesAtAnyDepth() throws {
        #expect(try matches("*.log", "a/b/c.log"))
        #expect(try matches("build", "a/build", isFolder: true))
        #expect(try !matches("/build", "a/build", isFolder: true))
        #expect(try matches("/build", "build", isFolder: true))
    }

    @Test func trailingSlashMeansFoldersOnly() throws {
        #expect(try matches("out/", "out", isFolder: true))
        #expect(try !matches("out/", "out"))
    }

    @Test func classesAndAlternatives() throws {
        #expect(try matches("*.{md,txt}", "a.txt"))
        #expect(try !matches("*.{md,txt}", "a.html"))
        #expect(try matches("[ab].md", "b.md"))
        #expect(try !matches("[!ab].md", "b.md"))
        #expect(try matches("a+b (1).md", "a+b (1).md"))
    }

    @Test func parentFoldersCount() throws {
        #expect(try Glob("drafts/").matchesPathOrParent("content/drafts/wip.md"))
        #expect(try !Glob("drafts/").matchesPathOrParent("content/drafts.md"))
    }
}
