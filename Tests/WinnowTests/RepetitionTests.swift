import Foundation
import Testing
@testable import Winnow

@Suite struct LineKeyTests {
    private func normalised(_ text: String) -> String {
        let bytes = Array(text.utf8)
        return String(decoding: LineKey.normalised(bytes, 0..<bytes.count), as: UTF8.self)
    }

    private func hash(_ text: String) -> UInt64 {
        let bytes = Array(text.utf8)
        return LineKey.hash(bytes, 0..<bytes.count)
    }

    @Test func whiteSpaceIsTrimmedAndCollapsedCaseAndDigitsKept() {
        #expect(normalised(" \t Share\u{00A0}\u{2003} on\tFacebook\u{3000}") == "Share on Facebook")
        #expect(normalised("Menu 2024") == "Menu 2024")
        #expect(hash("  Share  on Facebook ") == hash("Share on Facebook"))
        #expect(hash("Menu") != hash("menu"))
        #expect(hash("Menu 2024") != hash("Menu 2025"))
        // FNV-1a 64 of the empty string is the offset basis; of "a", the published test vector.
        #expect(hash("   ") == 0xcbf2_9ce4_8422_2325)
        #expect(hash("a") == 0xaf63_dc4c_8601_ec8c)
    }

    @Test func aLineCountsOncePerDocument() {
        var index = RepetitionIndex()
        for text in ["Menu\nMenu\nMenu\nA", "Menu\nB", "menu\n  Menu  \nC"] {
            index.add(LineKey.keys(of: Document(name: "d", bytes: Array(text.utf8))), group: "site")
        }
        index.add(LineKey.keys(of: Document(name: "d", bytes: Array("Menu".utf8))), group: "other")
        let counts = index.counts(of: "site")
        #expect(counts.documents(containing: hash("Menu")) == 3)
        #expect(counts.documents(containing: hash("menu")) == 1)
        #expect(counts.documents(containing: hash("A")) == 1)
        #expect(index.counts(of: "other").documents(containing: hash("Menu")) == 1)
        #expect(index.counts(of: "none").documents(containing: hash("Menu")) == 0)
        #expect(index.groups == ["other", "site"])
        let kept = index.keeping(minimum: 2)
        #expect(kept.groups == ["site"])
        #expect(kept.counts(of: "site").documents(containing: hash("A")) == 0)
        #expect(kept.counts(of: "site").documents(containing: hash("Menu")) == 3)
    }
}

@Suite struct MinRepeatsTests {
    private let rule = """
        rules:
          - id: repeated
            action: strip-line
            scope: SCOPE
            when: {min_repeats: 2}
        """

    private func index(_ texts: [String]) -> RepetitionIndex {
        var index = RepetitionIndex()
        for text in texts { index.add(LineKey.keys(of: Document(name: "d", bytes: Array(text.utf8))), group: "") }
        return index
    }

    @Test func linesAndBlocksThatRepeatAreHit() throws {
        let corpus = ["Nav\nFooter one\nFooter two\n\nStory A", "Nav\nFooter one\nFooter two\n\nStory B", "Footer one\nOther"]
        let counts = index(corpus).counts(of: "")
        let document = Document(name: "doc", bytes: Array(corpus[0].utf8))
        let lines = Scanner(ruleSet: try RuleSet(rules: Support.rules(rule.replacingOccurrences(of: "SCOPE", with: "line"))))
        #expect(Support.spans(lines.scan(document, repeats: counts).findings) ==
            ["1:1-1:4 repeated", "2:1-2:11 repeated", "3:1-3:11 repeated"])
        // A block is hit when every one of its lines repeats.
        let blocks = Scanner(ruleSet: try RuleSet(rules: Support.rules(rule.replacingOccurrences(of: "SCOPE", with: "block"))))
        #expect(Support.spans(blocks.scan(document, repeats: counts).findings) == ["1:1-3:11 repeated"])
        let third = Document(name: "doc", bytes: Array(corpus[2].utf8))
        #expect(Support.spans(blocks.scan(third, repeats: counts).findings) == [])
        // Without counts the condition never holds.
        #expect(lines.scan(document).findings.isEmpty)
    }

    @Test func loadingChecksTheCount() throws {
        #expect(try Support.rules(rule.replacingOccurrences(of: "SCOPE", with: "line"))[0].conditions.minRepeats == 2)
        #expect(throws: RuleLoadError(file: "test.yml", line: 5, column: 25, ruleID: "repeated",
                                      message: "'min_repeats' must be a whole number of at least 2")) {
            try Support.rules(rule.replacingOccurrences(of: "SCOPE", with: "line").replacingOccurrences(of: "2}", with: "1}"))
        }
        let withExample = rule.replacingOccurrences(of: "SCOPE", with: "line") + "\n    examples: {match: [Menu]}"
        #expect(throws: RuleLoadError(file: "test.yml", line: 6, column: 24, ruleID: "repeated",
                                      message: "a 'min_repeats' rule cannot have 'match' examples: each example is scanned alone, where no line repeats")) {
            try Support.rules(withExample)
        }
    }
}

@Suite struct LearnedRuleFileTests {
    @Test func regexesMatchTheLineWholeWithPunctuationEscaped() {
        #expect(LearnedRuleFile.regex(matchingLine: #"a.b (c) \E $5 it's é"#) ==
            #"^\s*a\.b\s+\(c\)\s+\\E\s+\$5\s+it\'s\s+é\s*$"#)
        #expect(LearnedRuleFile.regex(matchingLine: "x\u{1}y\u{FEFF}") == #"^\s*x\x{1}y\x{FEFF}\s*$"#)
        #expect(LearnedRuleFile.quoted("it's") == "'it''s'")
        #expect(LearnedRuleFile.quoted("a\u{7F}\"b\\") == #""a\U0000007f\"b\\""#)
        // FNV-1a of the UTF-8 of 新浪 and 日本語, low 32 bits, checked with an independent implementation.
        #expect(LearnedRuleFile.ruleIDs(for: ["", "Example.com", "example com", "ü", "新浪", "日本語"]) ==
            ["repeated-lines", "repeated-example-com", "repeated-example-com-2", "repeated-u", "repeated-af2f1fb8",
             "repeated-c854ef87"])
        #expect(LearnedRuleFile.ruleIDs(for: ["báo-mới.vn", "Đời sống", "Le Monde — Économie", "Straße"]) ==
            ["repeated-bao-moi-vn", "repeated-doi-song", "repeated-le-monde-economie", "repeated-strasse"])
    }

    @Test func learnedRegexesLoadAndMatchExactlyTheLinesCounted() throws {
        let lines = [#"Price: $5 (50% off) [x] {y} a|b ^c \E \Q it's"#, "tab\u{1}control", "Café – ½ «quoted»"]
        let file = LearnedRuleFile(minimumDocuments: 2, groups: [
            LearnedRuleFile.Group(name: "site's \"x\"", lines: lines.map { .init(text: $0, documents: 2) })])
        let rules = try Support.rules(file.yaml)
        #expect(rules.map(\.id) == ["repeated-site-s-x"])
        let text = lines.map { "  " + $0.replacingOccurrences(of: " ", with: " \u{00A0}") + " " }.joined(separator: "\n")
            + "\nPrice: $5 (50% off) [x] {y} a|b ^c \\E \\Q it's and more\nCAFÉ – ½ «quoted»\n"
        let result = Scanner(ruleSet: try RuleSet(rules: rules)).scan(Document(name: "doc", bytes: Array(text.utf8)))
        #expect(result.findings.map(\.line) == [1, 2, 3])
    }
}

@Suite struct RepetitionCLITests {
    private let rules = Support.fixture("repetition/site-boilerplate.yml").path
    private let corpus = Support.fixture("repetition/corpus.jsonl").path

    /// The corpus cleaned with `site-boilerplate.yml` and `--group-by site`.
    private let cleanCorpus = """
        {"site": "a", "text": "Story one begins.\\nShare this\\nShare this\\n© Site A"}
        {"site": "b", "text": "B story one.\\n© Site A\\nThis article is published under the terms of the licence agreement of Site B; all rights reserved."}
        {"site": "a", "text": "Story two.\\nShare  this\\n© Site A"}
        {"text": "Menu\\nNo site."}
        {"site": "b", "text": "B story two.\\nThis article is published under the terms of the licence agreement of Site B; all rights reserved."}
        {"site": "a", "text": "Story three.\\n\\nThe end."}
        {"site": "b", "text": "menu\\nB story three.\\nThis article is published under the terms of the licence agreement of Site B; all rights reserved.\\n"}
        {"site": "a", "text": "Story four.\\nThe end."}

        """

    @Test func jsonlGroupsByFieldWhateverTheOrderAndThreads() throws {
        let one = try WinnowProcess.run(["clean", "--jsonl", "--group-by", "site", "--no-default-rules", "--rules", rules,
                                         "--threads", "1", corpus])
        #expect(one.status == 0)
        #expect(one.stdout == cleanCorpus)
        let three = try WinnowProcess.run(["clean", "--jsonl", "--group-by", "site", "--no-default-rules", "--rules", rules,
                                           "--threads", "3", corpus])
        #expect(three == one)
        // The records shuffled: each is cleaned the same.
        let records = try String(contentsOfFile: corpus, encoding: .utf8).split(separator: "\n")
        let shuffled = [5, 2, 7, 0, 3, 6, 1, 4].map { records[$0] }.joined(separator: "\n") + "\n"
        let folder = try WinnowProcess.temporaryFolder()
        let path = folder.appendingPathComponent("shuffled.jsonl").path
        try shuffled.write(toFile: path, atomically: true, encoding: .utf8)
        let reordered = try WinnowProcess.run(["clean", "--jsonl", "--group-by", "site", "--no-default-rules", "--rules", rules, path])
        #expect(reordered.status == 0)
        #expect(reordered.stdout.split(separator: "\n").sorted() == one.stdout.split(separator: "\n").sorted())
        // Without --group-by, the whole input is one group: "© Site A" is now in 3 documents, "Menu" in 4.
        let whole = try WinnowProcess.run(["clean", "--jsonl", "--no-default-rules", "--rules", rules, corpus])
        #expect(whole.stdout.split(separator: "\n").map(String.init) == [
            #"{"site": "a", "text": "Story one begins.\nShare this\nShare this\n"}"#,
            #"{"site": "b", "text": "B story one.\nThis article is published under the terms of the licence agreement of Site B; all rights reserved."}"#,
            #"{"site": "a", "text": "Story two.\nShare  this\n"}"#,
            #"{"text": "No site."}"#,
            #"{"site": "b", "text": "B story two.\nThis article is published under the terms of the licence agreement of Site B; all rights reserved."}"#,
            #"{"site": "a", "text": "Story three.\n\nThe end."}"#,
            #"{"site": "b", "text": "menu\nB story three.\nThis article is published under the terms of the licence agreement of Site B; all rights reserved.\n"}"#,
            #"{"site": "a", "text": "Story four.\nThe end."}"#,
        ])
    }

    @Test func explainShowsTheCondition() throws {
        let explain = try WinnowProcess.run(["rules", "explain", "--no-default-rules", "--rules", rules, "site-boilerplate"])
        #expect(explain.stdout.components(separatedBy: "\n").dropFirst(2).first == "  when: max_chars 80, min_repeats 3")
    }

    @Test func eachFolderIsAGroup() throws {
        let folder = try WinnowProcess.temporaryFolder()
        let files = [
            "site-a/a1.txt": "Home | News\nStory one.\nShared footer\n",
            "site-a/a2.txt": "Home | News\nStory two.\nShared footer\n",
            "site-a/a3.txt": "  Home  |  News\nStory three.\n",
            "site-b/b1.txt": "Shared footer\nB one.\nHome | News\n",
            "site-b/b2.txt": "Shared footer\nB two.\nLogin\nLogin\nLogin\n",
            "site-b/b3.txt": "Shared footer\nB three.\n",
        ]
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let expected = [
            "a1.txt": "Story one.\nShared footer\n", "a2.txt": "Story two.\nShared footer\n", "a3.txt": "Story three.\n",
            "b1.txt": "B one.\nHome | News\n", "b2.txt": "B two.\nLogin\nLogin\nLogin\n", "b3.txt": "B three.\n",
        ]
        for (order, output) in [(["site-a", "site-b"], "out1"), (["site-b", "site-a"], "out2")] {
            let run = try WinnowProcess.run(["clean", "--no-default-rules", "--rules", rules] + order + ["--output", output],
                                            in: folder)
            #expect(run.status == 0)
            for (name, text) in expected {
                #expect(try String(contentsOf: folder.appendingPathComponent("\(output)/\(name)"), encoding: .utf8) == text)
            }
        }
        // Files named directly are one group together: both lines are in 3 of these documents.
        let together = try WinnowProcess.run(["check", "--no-default-rules", "--rules", rules, "--format", "jsonl",
                                              "site-a/a1.txt", "site-a/a2.txt", "site-b/b1.txt"], in: folder)
        #expect(together.stdout.components(separatedBy: "\n").filter { !$0.isEmpty }.count == 6)
    }

    @Test func learnWritesTheRepeatedLinesAsRules() throws {
        let folder = try WinnowProcess.temporaryFolder()
        let output = folder.appendingPathComponent("learned.yml").path
        let learn = try WinnowProcess.run(["learn", "--jsonl", "--group-by", "site", corpus, "--min-documents", "2",
                                           "--output", output])
        #expect(learn.status == 0)
        #expect(learn.stderr == "\(output): 6 lines in 2 groups\n")
        #expect(try String(contentsOfFile: output, encoding: .utf8) == #"""
            # Lines that occur in at least 2 documents of their group, learned by `winnow learn`.
            # Each regex matches one line whole (white space at its ends, and runs of it
            # where a space stands, are free); the comment above it gives in how many
            # documents of the group the line occurred. Delete a line's entry to keep it.
            rules:
              - id: repeated-a
                description: 'Line repeated across documents of group a.'
                category: boilerplate
                severity: info
                action: strip-line
                match:
                  case_sensitive: true
                  regex:
                    # 3 documents
                    - '^\s*Home\s+\|\s+News\s+\|\s+Sport\s*$'
                    # 2 documents
                    - '^\s*Share\s+this\s*$'
                    # 2 documents
                    - '^\s*The\s+end\.\s*$'
                    # 2 documents
                    - '^\s*©\s+Site\s+A\s*$'
              - id: repeated-b
                description: 'Line repeated across documents of group b.'
                category: boilerplate
                severity: info
                action: strip-line
                match:
                  case_sensitive: true
                  regex:
                    # 3 documents
                    - '^\s*Menu\s*$'
                    # 3 documents
                    - '^\s*This\s+article\s+is\s+published\s+under\s+the\s+terms\s+of\s+the\s+licence\s+agreement\s+of\s+Site\s+B\;\s+all\s+rights\s+reserved\.\s*$'

            """#)
        let learned = try String(contentsOfFile: output, encoding: .utf8)
        let oneThread = try WinnowProcess.run(["learn", "--jsonl", "--group-by", "site", corpus, "--min-documents", "2",
                                               "--threads", "1", "--output", output])
        #expect(oneThread.status == 0)
        #expect(try String(contentsOfFile: output, encoding: .utf8) == learned)
        // The learned rules apply to every document they run on, whatever its group.
        let clean = try WinnowProcess.run(["clean", "--jsonl", "--no-default-rules", "--rules", output, corpus])
        #expect(clean.status == 0)
        #expect(clean.stdout == """
            {"site": "a", "text": "Story one begins.\\n"}
            {"site": "b", "text": "B story one.\\n"}
            {"site": "a", "text": "Story two.\\n"}
            {"text": "No site."}
            {"site": "b", "text": "B story two.\\n"}
            {"site": "a", "text": "Story three.\\n"}
            {"site": "b", "text": "menu\\nB story three.\\n"}
            {"site": "a", "text": "Story four.\\n"}

            """)
        // Nothing repeats in 9 documents: an empty rule file that loads.
        let none = try WinnowProcess.run(["learn", "--jsonl", corpus, "--min-documents", "9", "--output", output])
        #expect(none.status == 0)
        #expect(try String(contentsOfFile: output, encoding: .utf8).hasSuffix("rules: []\n"))
        #expect(try WinnowProcess.run(["rules", "list", "--no-default-rules", "--rules", output]).status == 0)
    }

    @Test func badInputsAreRefused() throws {
        let folder = try WinnowProcess.temporaryFolder()
        let output = folder.appendingPathComponent("learned.yml").path
        let low = try WinnowProcess.run(["learn", corpus, "--min-documents", "1", "--output", output])
        #expect(low.status == 2)
        #expect(low.stderr.hasPrefix("Error: --min-documents must be at least 2\n"))
        let groupWithoutJSONL = try WinnowProcess.run(["check", "--group-by", "site", corpus])
        #expect(groupWithoutJSONL.status == 2)
        #expect(groupWithoutJSONL.stderr.hasPrefix("Error: --group-by goes with --jsonl\n"))
        let stdin = try WinnowProcess.run(["check", "--jsonl", "--no-default-rules", "--rules", rules, "-"], stdin: Array("{\"text\": \"a\"}\n".utf8))
        #expect(stdin.status == 2)
        #expect(stdin.stderr == "winnow: error: rules with 'min_repeats' read their inputs twice, and standard input can be read only once: save it to a file and name that\n")
        let learnStdin = try WinnowProcess.run(["learn", "-", "--min-documents", "2", "--output", output])
        #expect(learnStdin.status == 2)
        #expect(learnStdin.stderr == "winnow: error: learn reads its inputs twice, and standard input can be read only once: save it to a file and name that\n")
        // A record whose group field is not a string is malformed; one without it is in the group "".
        let records = folder.appendingPathComponent("bad.jsonl").path
        try """
            {"site": "a", "text": "Menu\\nOne"}
            {"site": 7, "text": "Menu\\nTwo"}
            {"site": "a", "text": "Menu\\nThree"}
            {"text": "Menu\\nFour"}
            {"site": "a", "body": "Menu"}

            """.write(toFile: records, atomically: true, encoding: .utf8)
        let check = try WinnowProcess.run(["clean", "--jsonl", "--group-by", "site", "--no-default-rules", "--rules", rules, records])
        #expect(check.status == 2)
        #expect(check.stderr == """
            \(records):2: error: not a JSONL record: field 'site' is not a string at byte 9
            \(records):5: error: not a JSONL record: no 'text' field at byte 0

            """)
        let learned = try WinnowProcess.run(["learn", "--jsonl", "--group-by", "site", records, "--min-documents", "2",
                                             "--output", output])
        #expect(learned.status == 2)
        #expect(learned.stderr == """
            \(records):2: error: not a JSONL record: field 'site' is not a string at byte 9
            \(records):5: error: not a JSONL record: no 'text' field at byte 0
            \(output): 1 line in 1 group

            """)
        #expect(try String(contentsOfFile: output, encoding: .utf8).contains("  - id: repeated-a\n"))
    }
}
