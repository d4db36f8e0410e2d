import Foundation
import Testing

/// End-to-end run of the documentation-site sample: a `.winnow.yml` with
/// house rules, include and exclude globs and a per-folder override, over
/// Markdown with front matter, code, comments and a suppression.
@Suite struct ProjectSampleTests {
    private let site = Support.root.appendingPathComponent("samples/docs-site")
    private let cli = CLITests()

    @Test func checkFindsExactlyTheExpectedFindings() throws {
        #expect(try cli.winnow(["check"], in: site) == CLITests.Outcome(status: 1, stdout: """
            content/guide.md:7:4: warning: Write "use" for "utilize" [utilize]
            content/guide.md:14:35: info: Exclamation mark: keep the tone calm [exclamation]
            content/guide.md:16:18: warning: A paragraph that asks the reader to sign up for email. [newsletter-prompt]
            content/guide.md:22:18: warning: Say where the link goes instead of "click here" [click-here]
            content/guide.md:24:1: warning: Read-more link: Read more: [Deployment FAQ](/faq) [read-more-link]
            content/news/launch.md:3:38: warning: Write "use" for "utilized" [utilize]
            content/news/launch.md:5:1: error: Cookie notice: This website uses cookies [cookie-notice]

            """, stderr: ""))
    }

    @Test func failOnComesFromTheConfigurationUnlessGiven() throws {
        #expect(try cli.winnow(["check", "--fail-on", "never"], in: site).status == 0)
        #expect(try cli.winnow(["check", "content/guide.md", "--fail-on", "error"], in: site).status == 0)
        #expect(try cli.winnow(["check", "content/news", "--fail-on", "error"], in: site).status == 1)
    }

    @Test func cleanWritesTheExpectedTree() throws {
        let output = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        #expect(try cli.winnow(["clean", "--output", output.path], in: site) == CLITests.Outcome(status: 0, stdout: "", stderr: ""))
        let written = FileManager.default.enumerator(atPath: output.path)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".md") }.sorted()
        #expect(written == ["content/guide.md", "content/news/launch.md"])
        for path in written {
            #expect(try Support.bytes(output.appendingPathComponent(path)) ==
                    Support.bytes(site.appendingPathComponent("expected").appendingPathComponent(path)), "\(path)")
        }
    }

    @Test func configurationCanBeNamedFromElsewhere() throws {
        let outcome = try cli.winnow(["check", "--config", "samples/docs-site/.winnow.yml", "samples/docs-site/content/news"], in: Support.root)
        #expect(outcome.stdout == """
            samples/docs-site/content/news/launch.md:3:38: warning: Write "use" for "utilized" [utilize]
            samples/docs-site/content/news/launch.md:5:1: error: Cookie notice: This website uses cookies [cookie-notice]

            """)
    }

    @Test func badConfigurationIsOneLineAndExitTwo() throws {
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("overrides:\n  - paths: [a]\n    disable: [teaser]\n".utf8).write(to: folder.appendingPathComponent(".winnow.yml"))
        #expect(try cli.winnow(["check", "-"], in: folder) == CLITests.Outcome(
            status: 2, stdout: "",
            stderr: ".winnow.yml:3:15: error: override names unknown rule 'teaser' (did you mean 'teaser-line'?)\n"))
    }
}
