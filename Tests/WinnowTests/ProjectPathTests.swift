import Testing
@testable import Winnow

@Suite struct ProjectPathTests {
    @Test func pathsBelowTheRootBecomeRelative() {
        #expect(ProjectPath.relative("content/a.md", to: "/repo") == "content/a.md")
        #expect(ProjectPath.relative("./content//./a.md", to: "/repo/") == "content/a.md")
        #expect(ProjectPath.relative("/repo/content/../a.md", to: "/repo") == "a.md")
        #expect(ProjectPath.relative("a.md", to: "/") == "a.md")
    }

    @Test func pathsOutsideTheRootStayAbsolute() {
        #expect(ProjectPath.relative("/tmp/a.md", to: "/repo") == "/tmp/a.md")
        #expect(ProjectPath.relative("../other/a.md", to: "/repo") == "/other/a.md")
        #expect(ProjectPath.relative("/repository/a.md", to: "/repo") == "/repository/a.md")
    }

    @Test func uriIsPercentEncoded() {
        #expect(ProjectPath.uri("tin tức/Đọc thêm #1.md", root: "/repo") == "tin%20t%E1%BB%A9c/%C4%90%E1%BB%8Dc%20th%C3%AAm%20%231.md")
        #expect(ProjectPath.uri("<stdin>", root: "/repo") == "%3Cstdin%3E")
        #expect(ProjectPath.uri("/tmp/a b.md", root: "/repo") == "file:///tmp/a%20b.md")
    }
}
