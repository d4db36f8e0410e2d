/// The built-in rule packs: the files of the top-level `rules/` folder,
/// compiled into the binary (SwiftPM `embedInCode` resources), so that Winnow
/// works from any folder with no flags.
///
/// Two packs are built in:
/// - `default`: named boilerplate only (cookie notices, read-more labels,
///   share bars, newsletter, paywall and advertisement labels, copyright
///   lines), safe for an editorial CI check;
/// - `corpus`: `default` plus structural line rules for dataset cleaning,
///   which remove prose-less lines a corpus does not want.
enum BuiltinPack {
    /// Every file of the packs by name: rule files, keyword lists, and the
    /// stop-word lists of ``StopWordSet`` with their licence. SwiftPM
    /// flattens resource names, so the list is kept by hand; a test checks
    /// that it matches `rules/`.
    static let files: [String: [UInt8]] = [
        "default.yml": PackageResources.default_yml,
        "corpus.yml": PackageResources.corpus_yml,
        "cookie-phrases.txt": PackageResources.cookie_phrases_txt,
        "newsletter-phrases.txt": PackageResources.newsletter_phrases_txt,
        "paywall-phrases.txt": PackageResources.paywall_phrases_txt,
        "share-phrases.txt": PackageResources.share_phrases_txt,
        "copyright-phrases.txt": PackageResources.copyright_phrases_txt,
        "comment-phrases.txt": PackageResources.comment_phrases_txt,
        "affiliate-phrases.txt": PackageResources.affiliate_phrases_txt,
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

    /// The packs by name, each with its rule files in load order.
    static let packs: [String: [String]] = [
        "default": ["default.yml"],
        "corpus": ["default.yml", "corpus.yml"],
    ]

    /// Whether `name` (a `rules` entry or `--rules` value) names a built-in
    /// pack rather than a path. `./corpus` is always a path.
    static func isPack(_ name: String) -> Bool { packs[name] != nil }

    /// The rules of one rule file of the packs, parsed and compiled; its
    /// rules' origins read `builtin:NAME`.
    /// - Throws: ``RuleLoadError`` only if the shipped pack is broken, which
    ///   the test suite rules out.
    static func rules(ofFile name: String) throws(RuleLoadError) -> [Rule] {
        let parser = RuleFileParser(file: "builtin:\(name)") { files[$0] }
        return try parser.parse(files[name] ?? [])
    }
}
