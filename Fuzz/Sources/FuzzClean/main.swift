@testable import Winnow

/// Rules that use every action, scope and condition, added to the built-in
/// pack for inputs that bring no rule file of their own.
private let fixedRules = """
    rules:
      - id: promo-word
        action: strip-match
        match: {keywords: [cookie, quảng cáo, 广告, "don't miss"], whole_word: false}
      - id: date-swap
        action: replace
        replacement: '${m}-$1 [$0] {x} $$'
        match: {regex: ['(\\d+)/(?<m>\\d+)']}
      - id: share-block
        action: strip-block
        scope: block
        match: {regex: ['^(?:chia sẻ|share this)\\b', '\\n\\W*$']}
      - id: short-head
        action: strip-line
        when: {max_chars: 12, position: head}
      - id: teaser-tail
        action: strip-line
        when: {ends_with: ["…", "..."], position: tail, min_run: 2}
      - id: spaces
        action: strip-match
        scope: document
        match: {regex: ['[ \\t\\x{A0}\\x{202F}]+$', '\\x{200B}+'], case_sensitive: true}
      - id: numbered
        action: strip-line
        match: {regex: ['^\\d+[.)]\\s']}
        when: {min_run: 3}
      - id: symbols
        scan_code: true
        match: {regex: ['\\p{So}+', '(\\w)\\1{3,}']}
        unless: {keywords: [keep]}
        message: "{rule} {match} {1} {line}"
      - id: huge
        action: reject
        scope: document
        when: {min_chars: 3000}
    """

private let fixedRuleSet = try! RuleSet(
    rules: RuleSet.load(paths: []).rules + RuleFileParser(file: "fuzz.yml") { _ in nil }.parse(Array(fixedRules.utf8)))

/// libFuzzer entry point: scan and clean. An input with a NUL byte is a rule
/// file (before the first NUL) and a document (after it); any other input is
/// a document for the built-in default pack and ``fixedRules``. The document
/// is scanned and cleaned as plain text and as Markdown; a broken invariant
/// (``Invariants``), or a second clean of plain text under a line-local rule
/// file that changes the first's output, stops the run as a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzClean(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    var bytes = start.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    var ruleSet = fixedRuleSet
    if let nul = bytes.firstIndex(of: 0) {
        let parser = RuleFileParser(file: "fuzz.yml") { _ in nil }
        guard let rules = try? parser.parse(Array(bytes[..<nul])), let loaded = try? RuleSet(rules: rules) else { return 0 }
        ruleSet = loaded
        bytes.removeFirst(nul + 1)
    }
    for name in ["fuzz.txt", "fuzz.md"] {
        let document = Document(name: name, bytes: bytes)
        let scan = Scanner(ruleSet: ruleSet).scan(document)
        _ = scan.findings.map { TextReport.line(for: $0) }
        let result = Cleaner.clean(document, findings: scan.findings)
        var problems = Invariants.findingProblems(scan.findings, in: document) + Invariants.cleanProblems(result, of: document)
        if document.format == .plain, Invariants.isLineLocal(ruleSet) {
            let again = Document(name: name, bytes: result.bytes)
            if Cleaner.clean(again, findings: Scanner(ruleSet: ruleSet).scan(again).findings).bytes != result.bytes {
                problems.append("a second clean changed the output")
            }
        }
        if !problems.isEmpty { fatalError("\(name): " + problems.joined(separator: "; ")) }
    }
    return 0
}
