import CPCRE2
import Foundation

/// A PCRE2 pattern compiled for UTF-8 subjects, JIT-compiled where the
/// library supports it.
///
/// Every pattern is compiled with `PCRE2_UTF | PCRE2_UCP`, so that `\b`, `\w`
/// and `\s` follow Unicode properties ("Đọc" has word boundaries, NBSP is
/// white space), and with `PCRE2_MATCH_INVALID_UTF`, so that a subject holding
/// bytes that are not valid UTF-8 is matched safely (invalid bytes never match)
/// instead of being refused. Matching is caseless unless `caseSensitive`;
/// PCRE2's caseless mode uses Unicode simple case folding (`Đ`/`đ` and
/// `ẞ`/`ß` match; `ß`/`ss` and Turkish `İ`/`i`, `I`/`ı` do not).
///
/// The pattern is compiled in Unicode Normalization Form C, as the text it
/// is matched against (``NormalizedText``): a decomposed `e` U+0301 written
/// in the pattern is compiled as `é`. Characters given as escapes
/// (`\x{301}`) are not normalized.
///
/// The compiled code is immutable and PCRE2 documents it as shareable between
/// threads, hence `@unchecked Sendable`. The mutable state of a match lives in
/// a ``MatchScratch``, one per thread.
public final class PCRE2Regex: @unchecked Sendable {
    /// The pattern as written in the rule file.
    public let pattern: String
    /// Number of capturing groups in the pattern (group 0, the whole match, not counted).
    public let captureCount: Int
    /// Byte strings one of which every match contains (``RequiredLiterals``),
    /// for the ``Prefilter``; `nil` when none are known.
    public let requiredLiterals: [[UInt8]]?
    let code: OpaquePointer
    /// Whether the JIT compiled the pattern, so that matches take its fast
    /// path (`pcre2_jit_match`), which skips `pcre2_match`'s checks of the
    /// arguments; safe on invalid UTF-8 because of `PCRE2_MATCH_INVALID_UTF`
    /// (pcre2_jit_match(3)).
    private let isJITCompiled: Bool

    /// Compiles `pattern`, in NFC.
    /// - Throws: ``RegexCompileError`` with PCRE2's message and the byte
    ///   offset in the pattern (in NFC) at which compilation failed.
    public init(_ pattern: String, caseSensitive: Bool) throws(RegexCompileError) {
        let source = NormalizedText.nfc(pattern)
        var options = UInt32(PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF)
        if !caseSensitive { options |= UInt32(PCRE2_CASELESS) }
        var errorCode: Int32 = 0
        var errorOffset = 0
        let compiled: OpaquePointer? = source.withCString { pointer in
            pointer.withMemoryRebound(to: UInt8.self, capacity: source.utf8.count) { bytes in
                pcre2_compile_8(bytes, source.utf8.count, options, &errorCode, &errorOffset, nil)
            }
        }
        guard let compiled else {
            throw RegexCompileError(message: pcre2ErrorMessage(errorCode), offset: Int(errorOffset))
        }
        // JIT failure is not an error: the interpreter gives the same results, slower.
        isJITCompiled = pcre2_jit_compile_8(compiled, UInt32(PCRE2_JIT_COMPLETE)) == 0
        var count: UInt32 = 0
        _ = pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_CAPTURECOUNT), &count)
        self.pattern = pattern
        self.captureCount = Int(count)
        self.requiredLiterals = RequiredLiterals.of(pattern: source, caseless: !caseSensitive)
        self.code = compiled
    }

    deinit { pcre2_code_free_8(code) }

    /// The first non-empty match in `subject` at or after byte `start`.
    ///
    /// - Parameters:
    ///   - subject: UTF-8 bytes (invalid sequences allowed); matching treats
    ///     its start and end as the start and end of the subject (`^`, `$`).
    ///   - start: 0-based byte offset at which the search starts; the text
    ///     before it is still visible to lookbehinds and `\b`.
    /// - Returns: the byte range of the match in `subject`, or `nil`. Empty
    ///   matches are never returned (`PCRE2_NOTEMPTY`): a finding always covers at least one byte. The
    ///   capture groups of the returned match are in `scratch` until the next call.
    /// - Throws: ``MatchError`` when PCRE2 stops on a resource limit
    ///   (match, depth, heap or JIT stack) or reports another matching error.
    public func firstMatch(
        in subject: UnsafeBufferPointer<UInt8>, from start: Int, scratch: MatchScratch
    ) throws(MatchError) -> Range<Int>? {
        // An empty subject holds no non-empty match (and the fast path wants a subject address).
        guard start < subject.count else { return nil }
        let status = isJITCompiled
            ? pcre2_jit_match_8(code, subject.baseAddress, subject.count, start,
                                UInt32(PCRE2_NOTEMPTY), scratch.matchData, scratch.matchContext)
            : pcre2_match_8(code, subject.baseAddress, subject.count, start,
                            UInt32(PCRE2_NOTEMPTY), scratch.matchData, scratch.matchContext)
        if status == PCRE2_ERROR_NOMATCH { return nil }
        if status < 0 { throw MatchError(code: status) }
        return scratch.range(ofGroup: 0)
    }

    /// Every non-overlapping, non-empty match in `subject`, left to right,
    /// with its capture groups. See ``firstMatch(in:from:scratch:)`` for units and errors.
    /// - Parameter offset: added to every range: where `subject` starts in
    ///   the text that the matches are reported in.
    public func allMatches(
        in subject: UnsafeBufferPointer<UInt8>, scratch: MatchScratch, offset: Int = 0
    ) throws(MatchError) -> [PatternMatch] {
        var matches: [PatternMatch] = []
        var position = 0
        while let range = try firstMatch(in: subject, from: position, scratch: scratch) {
            var groups: [Range<Int>?] = []
            groups.reserveCapacity(captureCount + 1)
            for group in 0...captureCount {
                groups.append(scratch.range(ofGroup: group).map { ($0.lowerBound + offset)..<($0.upperBound + offset) })
            }
            matches.append(PatternMatch(groups: groups, pattern: self))
            position = range.upperBound
        }
        return matches
    }

    /// The number of the capture group called `name`, or `nil` if there is none.
    public func groupNumber(named name: String) -> Int? {
        let number = name.withCString { pointer in
            pointer.withMemoryRebound(to: UInt8.self, capacity: name.utf8.count + 1) {
                pcre2_substring_number_from_name_8(code, $0)
            }
        }
        return number > 0 ? Int(number) : nil
    }
}

/// One match of a ``PCRE2Regex``: byte ranges in the subject it was found in.
public struct PatternMatch: Sendable {
    /// `groups[0]` is the whole match; `groups[n]` capture group n, `nil`
    /// when that group took no part in the match.
    public let groups: [Range<Int>?]
    /// The pattern that matched, for looking up named groups.
    public let pattern: PCRE2Regex

    /// The whole match.
    public var range: Range<Int> { groups[0]! }

}

/// A pattern that PCRE2 refused to compile.
public struct RegexCompileError: Error, Equatable, CustomStringConvertible {
    /// PCRE2's own message, such as "missing closing parenthesis".
    public let message: String
    /// 0-based byte offset in the pattern at which PCRE2 stopped.
    public let offset: Int
    public var description: String { "\(message) at offset \(offset)" }
}

/// A match that PCRE2 could not complete.
public struct MatchError: Error, Equatable, CustomStringConvertible {
    /// PCRE2's negative error code, such as -47 (`PCRE2_ERROR_MATCHLIMIT`).
    public let code: Int32

    /// True when the match stopped on one of the limits in ``MatchLimits``
    /// (match limit, depth limit, heap limit, JIT stack) rather than on a bug.
    public var isResourceLimit: Bool {
        [PCRE2_ERROR_MATCHLIMIT, PCRE2_ERROR_DEPTHLIMIT, PCRE2_ERROR_HEAPLIMIT, PCRE2_ERROR_JIT_STACKLIMIT]
            .contains(code)
    }

    public var description: String { "PCRE2 error \(code): \(pcre2ErrorMessage(code))" }
}

/// Resource limits applied to every match, so that a catastrophic pattern
/// such as `(a+)+$` fails fast with a ``MatchError`` instead of hanging.
///
/// PCRE2's match limit counts backtracking steps per start position; its JIT
/// ignores the depth limit and is bounded by the JIT stack instead (see the
/// pcre2api and pcre2jit manual pages). The defaults stop `(a+)+$` on
/// 32 × "a" + "!" within milliseconds.
public struct MatchLimits: Sendable, Equatable {
    /// `pcre2_set_match_limit`: backtracking steps per match attempt.
    public var matchLimit: UInt32
    /// `pcre2_set_depth_limit`: backtracking depth (interpreter only).
    public var depthLimit: UInt32
    /// Largest JIT stack, in bytes.
    public var jitStackBytes: Int

    public init(matchLimit: UInt32 = 1_000_000, depthLimit: UInt32 = 100_000, jitStackBytes: Int = 512 * 1024) {
        self.matchLimit = matchLimit
        self.depthLimit = depthLimit
        self.jitStackBytes = jitStackBytes
    }
}

/// The mutable state of a match: match data (the ovector), a match context
/// carrying ``MatchLimits`` and a JIT stack. Not thread-safe: use one per thread.
public final class MatchScratch {
    let matchData: OpaquePointer
    let matchContext: OpaquePointer
    private let jitStack: OpaquePointer?

    /// - Parameter maxCaptureCount: the largest ``PCRE2Regex/captureCount`` of
    ///   the patterns this scratch will serve; more groups are not reported.
    public init(limits: MatchLimits = MatchLimits(), maxCaptureCount: Int = 0) {
        matchData = pcre2_match_data_create_8(UInt32(maxCaptureCount + 1), nil)
        matchContext = pcre2_match_context_create_8(nil)
        pcre2_set_match_limit_8(matchContext, limits.matchLimit)
        pcre2_set_depth_limit_8(matchContext, limits.depthLimit)
        jitStack = pcre2_jit_stack_create_8(32 * 1024, max(32 * 1024, limits.jitStackBytes), nil)
        pcre2_jit_stack_assign_8(matchContext, nil, UnsafeMutableRawPointer(jitStack))
    }

    deinit {
        pcre2_match_data_free_8(matchData)
        pcre2_match_context_free_8(matchContext)
        if let jitStack { pcre2_jit_stack_free_8(jitStack) }
    }

    /// The byte range of capture group `group` (0 = whole match) of the last
    /// successful match, or `nil` if that group did not take part in it.
    public func range(ofGroup group: Int) -> Range<Int>? {
        guard group < Int(pcre2_get_ovector_count_8(matchData)) else { return nil }
        let ovector = pcre2_get_ovector_pointer_8(matchData)!
        let start = ovector[2 * group], end = ovector[2 * group + 1]
        if winnow_pcre2_is_unset(start) != 0 { return nil }
        return Int(start)..<Int(end)
    }
}

/// PCRE2's text for an error code.
func pcre2ErrorMessage(_ code: Int32) -> String {
    var buffer = [UInt8](repeating: 0, count: 256)
    let length = pcre2_get_error_message_8(code, &buffer, buffer.count)
    return length > 0 ? String(decoding: buffer[0..<Int(length)], as: UTF8.self) : "unknown PCRE2 error \(code)"
}
