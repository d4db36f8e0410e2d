import Testing
@testable import Winnow

@Suite struct KeywordPatternTests {
    private func matches(_ keywords: [String], _ text: String, wholeWord: Bool = true) throws -> [String] {
        let regex = try PCRE2Regex(KeywordPattern.source(for: keywords, wholeWord: wholeWord), caseSensitive: false)
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { buffer in
            try regex.allMatches(in: buffer, scratch: MatchScratch()).map { String(decoding: bytes[$0.range], as: UTF8.self) }
        }
    }

    @Test func wholeWordKeepsWordsWhole() throws {
        #expect(try matches(["cookie"], "cookies and a cookie") == ["cookie"])
        #expect(try matches(["cookie"], "cookies and a cookie", wholeWord: false) == ["cookie", "cookie"])
        #expect(try matches(["über"], "Darüber und über") == ["über"])
    }

    // BR-09: Han text has no spaces between words, so a whole-word keyword has no boundary there.
    @Test func scriptsWithoutSpacesNeedNoBoundary() throws {
        #expect(try matches(["广告"], "本页含广告链接，点击领取优惠券") == ["广告"])
        #expect(KeywordPattern.needsBoundary("a"))
        #expect(KeywordPattern.needsBoundary("đ"))
        #expect(!KeywordPattern.needsBoundary("广"))
        #expect(!KeywordPattern.needsBoundary("カ"))
        #expect(!KeywordPattern.needsBoundary("!"))
    }

    @Test func spaceMatchesAnyWhiteSpaceRun() throws {
        #expect(try matches(["read more"], "Read\u{00A0}more and read  more") == ["Read\u{00A0}more", "read  more"])
    }

    // BR-13 (write-good #79): a straight apostrophe in a keyword matches a curly one and back.
    @Test func apostrophesMatchEachOther() throws {
        #expect(try matches(["don't miss"], "Don’t miss: DON'T MISS") == ["Don’t miss", "DON'T MISS"])
        #expect(try matches(["isn’t"], "it isn't") == ["isn't"])
    }

    @Test func punctuationIsLiteral() throws {
        #expect(try matches(["(c) 2024", "a.b"], "(c) 2024 axb a.b") == ["(c) 2024", "a.b"])
    }

    @Test func longestKeywordWinsWhateverTheOrder() throws {
        #expect(try matches(["signup", "signup form"], "the signup form") == ["signup form"])
        #expect(try matches(["signup form", "signup"], "the signup form") == ["signup form"])
    }
}
