@testable import Winnow

/// A keywords file for every `keywords_file` name but those starting with
/// "missing", which cannot be read.
private func readRelative(_ name: String) -> [UInt8]? {
    name.hasPrefix("missing") ? nil : Array("# phrases\ncookie\nđọc thêm\n\n广告\n".utf8)
}

/// libFuzzer entry point: the input is a rule file. A file that loads is
/// listed, explained and has its examples run; one that does not must give
/// an error with a 1-based position, if any, and a cause.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRuleFile(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    do {
        let ruleSet = try RuleSet(rules: try RuleFileParser(file: "fuzz.yml", readRelative: readRelative).parse(bytes))
        _ = RuleCatalog.table(ruleSet)
        _ = RuleCatalog.json(ruleSet)
        for rule in ruleSet.rules { _ = RuleCatalog.explanation(rule) }
        _ = ExampleRunner.failures(in: ruleSet).map(\.description)
    } catch {
        if (error.line ?? 1) < 1 || (error.column ?? 1) < 1 || error.message.isEmpty {
            fatalError("bad load error: \(error)")
        }
    }
    return 0
}
