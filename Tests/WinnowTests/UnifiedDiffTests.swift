import Testing
@testable import Winnow

@Suite struct UnifiedDiffTests {
    private func diff(_ old: String, _ new: String) -> String {
        String(decoding: UnifiedDiff.diff(original: Array(old.utf8), modified: Array(new.utf8), path: "f.txt"), as: UTF8.self)
    }

    private func numbered(_ range: ClosedRange<Int>) -> String {
        range.map { "\($0)\n" }.joined()
    }

    @Test func equalTextsGiveNothing() {
        #expect(diff("", "") == "")
        #expect(diff("a\nb", "a\nb") == "")
    }

    @Test func removedLinesWithContext() {
        #expect(diff("a\nx\nb\n", "a\nb\n") == "--- f.txt\n+++ f.txt\n@@ -1,3 +1,2 @@\n a\n-x\n b\n")
        #expect(diff("x\n", "") == "--- f.txt\n+++ f.txt\n@@ -1 +0,0 @@\n-x\n")
        #expect(diff("", "x\n") == "--- f.txt\n+++ f.txt\n@@ -0,0 +1 @@\n+x\n")
    }

    @Test func changedLineIsDeletedThenInserted() {
        #expect(diff("keep\nText [ad] here\r\n", "keep\nText here\r\n") ==
            "--- f.txt\n+++ f.txt\n@@ -1,2 +1,2 @@\n keep\n-Text [ad] here\r\n+Text here\r\n")
    }

    @Test func missingFinalNewlineIsMarked() {
        #expect(diff("a\nb", "a\n") == "--- f.txt\n+++ f.txt\n@@ -1,2 +1 @@\n a\n-b\n\\ No newline at end of file\n")
        #expect(diff("a\nb\n", "a\nb") ==
            "--- f.txt\n+++ f.txt\n@@ -1,2 +1,2 @@\n a\n-b\n+b\n\\ No newline at end of file\n")
    }

    @Test func distantChangesMakeSeparateHunksAndCloseOnesOne() {
        let old = numbered(1...20)
        let apart = old.replacingOccurrences(of: "\n3\n", with: "\n").replacingOccurrences(of: "\n17\n", with: "\n")
        #expect(diff(old, apart) == "--- f.txt\n+++ f.txt\n@@ -1,6 +1,5 @@\n 1\n 2\n-3\n 4\n 5\n 6\n"
            + "@@ -14,7 +13,6 @@\n 14\n 15\n 16\n-17\n 18\n 19\n 20\n")
        // Six unchanged lines between two changes: their contexts touch, one hunk.
        let close = old.replacingOccurrences(of: "\n3\n", with: "\n").replacingOccurrences(of: "\n10\n", with: "\n")
        #expect(diff(old, close) == "--- f.txt\n+++ f.txt\n@@ -1,13 +1,11 @@\n 1\n 2\n-3\n 4\n 5\n 6\n 7\n 8\n 9\n-10\n 11\n 12\n 13\n")
    }

    @Test func editScriptIsAShortestOne() {
        // The classic example of Myers's paper: ABCABBA to CBABAC takes five edits.
        let a = Array("ABCABBA".unicodeScalars.map { Int($0.value) }), b = Array("CBABAC".unicodeScalars.map { Int($0.value) })
        let script = UnifiedDiff.editScript(a, b)
        #expect(script.count { $0 != .keep } == 5)
        #expect(script.count { $0 != .insert } == a.count)
        #expect(script.count { $0 != .delete } == b.count)
    }
}
