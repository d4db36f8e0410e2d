/// The built-in rule pack: the files of the top-level `rules/` folder,
/// compiled into the binary (SwiftPM `embedInCode` resources), so that Winnow
/// works from any folder with no flags.
enum BuiltinPack {
    /// Every file of the pack by name. SwiftPM flattens resource names, so the
    /// list is kept by hand; a test checks that it matches `rules/`.
    static let files: [String: [UInt8]] = [
        "default.yml": PackageResources.default_yml,
        "cookie-phrases.txt": PackageResources.cookie_phrases_txt,
    ]

    /// The rule files of the pack, in load order.
    static let ruleFiles = ["default.yml"]

    /// The pack's rules, parsed and compiled.
    /// - Throws: ``RuleLoadError`` only if the shipped pack is broken, which
    ///   the test suite rules out.
    static func rules() throws(RuleLoadError) -> [Rule] {
        var rules: [Rule] = []
        for name in ruleFiles {
            let parser = RuleFileParser(file: "builtin:\(name)") { files[$0] }
            rules += try parser.parse(files[name] ?? [])
        }
        return rules
    }
}
