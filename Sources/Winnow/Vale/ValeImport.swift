import Foundation
import Yams

/// Writes translated Vale rules (``ValeTranslator``) as Winnow rule files:
/// one `STYLE.yml` a style in the output folder, each rule with its
/// ``ProseCheck`` under `prose`. Loading the folder with `--rules` gives the
/// same rules, and so the same findings, as `--vale-config`.
public enum ValeImport {
    private struct File: Encodable {
        let rules: [Entry]
    }

    private struct Entry: Encodable {
        let id: String
        let description: String
        let category: String
        let severity: String
        let prose: ProseCheck
    }

    /// The rule files by file name (`STYLE.yml`), each a YAML text.
    public static func files(for rules: [ValeTranslator.Translated], source: String) throws -> [(name: String, text: String)] {
        let styles = Dictionary(grouping: rules, by: \.style)
        return try styles.keys.sorted().map { style in
            let entries = styles[style]!.map { translated in
                let rule = translated.rule
                return Entry(id: rule.id, description: rule.description, category: rule.category.rawValue,
                             severity: rule.severity.rawValue, prose: translated.check)
            }
            let header = "# Vale style '\(style)', imported from \(source) by `winnow import vale`.\n"
            return (style + ".yml", header + (try YAMLEncoder().encode(File(rules: entries))))
        }
    }
}
