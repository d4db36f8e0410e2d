import Testing
@testable import Winnow

@Suite struct TemplateTests {
    @Test func messagePlaceholders() {
        #expect(Template.message("{rule} at {line}: {match} {2} {name} {not a name} {").pieces == [
            .rule, .text(" at "), .line, .text(": "), .match, .text(" "), .group(2), .text(" "), .named("name"),
            .text(" {not a name} {"),
        ])
    }

    @Test func replacementReferences() {
        #expect(Template.replacement("$1-${2}-${name}-$$-$x-${bad name}").pieces == [
            .group(1), .text("-"), .group(2), .text("-"), .named("name"), .text("-$-$x-${bad name}"),
        ])
        #expect(Template.replacement("plain").pieces == [.text("plain")])
    }

    @Test func absentGroupExpandsToNothing() throws {
        let regex = try PCRE2Regex("(a)|(b)", caseSensitive: true)
        let bytes = Array("b".utf8)
        let match = try #require(try bytes.withUnsafeBufferPointer { try regex.allMatches(in: $0, scratch: MatchScratch(maxCaptureCount: 2)) }.first)
        let text = { (range: Range<Int>) in String(decoding: bytes[range], as: UTF8.self) }
        #expect(Template.replacement("[$1|$2|$9]").expand(ruleID: "r", line: 1, matched: "b", match: match, text: text) == "[|b|]")
    }
}
