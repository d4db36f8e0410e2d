import Testing
@testable import Winnow

@Suite struct PCRE2RegexTests {
    private func matches(_ pattern: String, _ text: String, caseSensitive: Bool = false) throws -> [String] {
        let regex = try PCRE2Regex(pattern, caseSensitive: caseSensitive)
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { buffer in
            try regex.allMatches(in: buffer, scratch: MatchScratch()).map { String(decoding: bytes[$0.range], as: UTF8.self) }
        }
    }

    @Test func compileErrorCarriesPCRE2MessageAndOffset() {
        #expect(throws: RegexCompileError(message: "missing closing parenthesis", offset: 6)) {
            try PCRE2Regex("(read ", caseSensitive: false)
        }
    }

    @Test func caselessUnlessCaseSensitive() throws {
        #expect(try matches("read more", "READ MORE and Read More") == ["READ MORE", "Read More"])
        #expect(try matches("read more", "READ MORE and read more", caseSensitive: true) == ["read more"])
        #expect(try matches("đọc thêm", "ĐỌC THÊM") == ["ĐỌC THÊM"])
    }

    // BR-09 (PCRE2 #185): without UCP, \b misses "Đọc" and finds "über" inside "Darüber".
    @Test func wordBoundariesFollowUnicodeProperties() throws {
        #expect(try matches(#"\bĐọc thêm\b"#, "Đọc thêm: Giá xăng") == ["Đọc thêm"])
        #expect(try matches(#"\büber\b"#, "Darüber hinaus") == [])
        #expect(try matches(#"\büber\b"#, "sprach lange über das") == ["über"])
    }

    // BR-15 (regexr #530): \s must cover NBSP and narrow NBSP.
    @Test func whiteSpaceIncludesNoBreakSpaces() throws {
        #expect(try matches(#"Read\s+more"#, "Read\u{00A0}more") == ["Read\u{00A0}more"])
        #expect(try matches(#"12\s€"#, "12\u{202F}€") == ["12\u{202F}€"])
    }

    @Test func emptyMatchesAreNeverReturned() throws {
        #expect(try matches("x*", "abxxc") == ["xx"])
    }

    @Test func invalidUTF8IsMatchedSafely() throws {
        let regex = try PCRE2Regex("more", caseSensitive: false)
        let bytes: [UInt8] = [0x52, 0xFF, 0x20] + Array("more".utf8) + [0xC3]
        let ranges = try bytes.withUnsafeBufferPointer { try regex.allMatches(in: $0, scratch: MatchScratch()).map(\.range) }
        #expect(ranges == [3..<7])
    }

    @Test func offsetMovesEveryGroup() throws {
        let regex = try PCRE2Regex("(a)(x)?(b)", caseSensitive: true)
        let groups = try Array("ab ab".utf8).withUnsafeBufferPointer {
            try regex.allMatches(in: $0, scratch: MatchScratch(maxCaptureCount: 3), offset: 10).map(\.groups)
        }
        #expect(groups == [[10..<12, 10..<11, nil, 11..<12], [13..<15, 13..<14, nil, 14..<15]])
    }

    // BR-23 (PCRE2 #23): a catastrophic pattern stops on the match limit with an error, not as "no match".
    @Test func catastrophicPatternStopsOnResourceLimit() throws {
        let regex = try PCRE2Regex("(a+)+$", caseSensitive: true)
        let bytes = Array((String(repeating: "a", count: 32) + "!").utf8)
        let error = #expect(throws: MatchError.self) {
            try bytes.withUnsafeBufferPointer { try regex.firstMatch(in: $0, from: 0, scratch: MatchScratch()) }
        }
        #expect(error?.code == -47)
        #expect(error?.isResourceLimit == true)
        #expect(error?.description == "PCRE2 error -47: match limit exceeded")
    }

    @Test func capturesAreReadFromScratch() throws {
        let regex = try PCRE2Regex(#"(\d+)/(\d+)"#, caseSensitive: true)
        let scratch = MatchScratch(maxCaptureCount: regex.captureCount)
        let bytes = Array("on 27/11".utf8)
        let whole = try bytes.withUnsafeBufferPointer { try regex.firstMatch(in: $0, from: 0, scratch: scratch) }
        #expect(regex.captureCount == 2)
        #expect(whole == 3..<8)
        #expect(scratch.range(ofGroup: 1) == 3..<5)
        #expect(scratch.range(ofGroup: 2) == 6..<8)
    }
}
