/// The built-in rule pack: the files of the top-level `rules/` folder,
/// compiled into the binary (SwiftPM `embedInCode` resources), so that Winnow
/// works from any folder with no flags.
enum BuiltinPack {
    /// Every file of the pack by name: rule files, keyword lists, and the
    /// stop-word lists of ``StopWordSet`` with their licence. SwiftPM flattens resource names, so the
    /// list is kept by hand; a test checks that it matches `rules/`.
    static let files: [String: [UInt8]] = [
        "default.yml": PackageResources.default_yml,
        "cookie-phrases.txt": PackageResources.cookie_phrases_txt,
        "stopwords-de.txt": PackageResources.stopwords_de_txt,
        "stopwords-en.txt": PackageResources.stopwords_en_txt,
        "stopwords-es.txt": PackageResources.stopwords_es_txt,
        "stopwords-fr.txt": PackageResources.stopwords_fr_txt,
        "stopwords-it.txt": PackageResources.stopwords_it_txt,
        "stopwords-ja.txt": PackageResources.stopwords_ja_txt,
        "stopwords-nl.txt": PackageResources.stopwords_nl_txt,
        "stopwords-pl.txt": PackageResources.stopwords_pl_txt,
        "stopwords-pt.txt": PackageResources.stopwords_pt_txt,
        "stopwords-ru.txt": PackageResources.stopwords_ru_txt,
        "stopwords-vi.txt": PackageResources.stopwords_vi_txt,
        "stopwords-zh.txt": PackageResources.stopwords_zh_txt,
        "stopwords-LICENSE.txt": PackageResources.stopwords_LICENSE_txt,
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
