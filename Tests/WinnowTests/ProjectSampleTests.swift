import Foundation
import Testing

/// End-to-end run of the documentation-site sample: a `.winnow.yml` with
/// house rules, include and exclude globs and a per-folder override, over
/// Markdown with front matter, code, comments and a suppression.
@Suite struct ProjectSampleTests {
    private let site = Support.root.appendingPathComponent("samples/docs-site")

    @Test func checkFindsExactlyTheExpectedFindings() throws {
        #expect(try WinnowProcess.run(["check"], in: site) == WinnowProcess.Outcome(status: 1, stdout: """
            content/guide.md:7:4: warning: Write "use" for "utilize" [utilize]
             7 | We utilize a two-level cache. Read the steps below.
               |    ^~~~~~~
            content/guide.md:14:35: info: Exclamation mark: keep the tone calm [exclamation]
             14 | Run `utilize --check` when in doubt!
                |                                   ^~
            content/guide.md:16:18: warning: A paragraph that asks the reader to sign up for email. [newsletter-prompt]
             16 | Like this guide? Join our weekly email
                |                  ^~~~~~~~~~~~~~~~~~~~~
            content/guide.md:22:18: warning: Say where the link goes instead of "click here" [click-here]
             22 | To report a bug, click here.
                |                  ^~~~~~~~~~
            content/guide.md:24:1: warning: Read-more link: Read more: [Deployment FAQ](/faq) [read-more-link]
             24 | Read more: [Deployment FAQ](/faq)
                | ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
            content/news/launch.md:3:38: warning: Write "use" for "utilized" [utilize]
             3 | We are proud of this release, and it utilized every idea you sent us!
               |                                      ^~~~~~~~
            content/news/launch.md:5:1: error: Cookie notice: This website uses cookies [cookie-notice]
             5 | This website uses cookies. See our policy to learn more.
               | ^~~~~~~~~~~~~~~~~~~~~~~~~

            """, stderr: "1 error, 5 warnings, 1 info in 2 of 2 files\n"))
    }

    @Test func failOnComesFromTheConfigurationUnlessGiven() throws {
        #expect(try WinnowProcess.run(["check", "--fail-on", "never"], in: site).status == 0)
        #expect(try WinnowProcess.run(["check", "content/guide.md", "--fail-on", "error"], in: site).status == 0)
        #expect(try WinnowProcess.run(["check", "content/news", "--fail-on", "error"], in: site).status == 1)
    }

    @Test func cleanWritesTheExpectedTree() throws {
        let output = try WinnowProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        #expect(try WinnowProcess.run(["clean", "--output", output.path], in: site) == WinnowProcess.Outcome(status: 0, stdout: "", stderr: ""))
        let written = FileManager.default.enumerator(atPath: output.path)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".md") }.sorted()
        #expect(written == ["content/guide.md", "content/news/launch.md"])
        for path in written {
            #expect(try Support.bytes(output.appendingPathComponent(path)) ==
                    Support.bytes(site.appendingPathComponent("expected").appendingPathComponent(path)), "\(path)")
        }
    }

    @Test func configurationCanBeNamedFromElsewhere() throws {
        let outcome = try WinnowProcess.run(["check", "--config", "samples/docs-site/.winnow.yml", "samples/docs-site/content/news"], in: Support.root)
        #expect(outcome.stdout == """
            samples/docs-site/content/news/launch.md:3:38: warning: Write "use" for "utilized" [utilize]
             3 | We are proud of this release, and it utilized every idea you sent us!
               |                                      ^~~~~~~~
            samples/docs-site/content/news/launch.md:5:1: error: Cookie notice: This website uses cookies [cookie-notice]
             5 | This website uses cookies. See our policy to learn more.
               | ^~~~~~~~~~~~~~~~~~~~~~~~~

            """)
    }

    @Test func badConfigurationIsOneLineAndExitTwo() throws {
        let folder = try WinnowProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("overrides:\n  - paths: [a]\n    disable: [teaser]\n".utf8).write(to: folder.appendingPathComponent(".winnow.yml"))
        #expect(try WinnowProcess.run(["check", "-"], in: folder) == WinnowProcess.Outcome(
            status: 2, stdout: "",
            stderr: ".winnow.yml:3:15: error: override names unknown rule 'teaser' (did you mean 'teaser-line'?)\n"))
    }
}
