import Foundation
import Yams

/// Translates a Vale configuration and the styles it names into Winnow
/// rules with a ``ProseCheck`` each. `winnow check --vale-config` runs the
/// result; `winnow import vale` writes it as rule files (``ValeImport``).
///
/// - Which rules run where follows Vale (vale.sh/docs/vale-ini): a rule runs
///   for a file when the last matching section's `Style.Rule` setting, else
///   the global one, else the file's `BasedOnStyles` (last matching section,
///   else global) says so. Levels below `MinAlertLevel` do not run.
/// - Vocabularies (`StylesPath/config/vocabularies/NAME/accept.txt`,
///   `reject.txt`) become exceptions of every rule with `vocab` not `false`
///   and the built-in `Vale.Terms` and `Vale.Avoid`.
public struct ValeTranslator {
    /// One translated rule: its Winnow id and its check.
    public struct Translated: Sendable, Equatable {
        public let id: String
        public let style: String
        public let check: ProseCheck

        /// The Winnow rule: severity the highest its files give.
        public var rule: Rule {
            let severities = check.files.compactMap { Severity(rawValue: $0.severity) }
            return Rule(id: id, description: "Vale rule \(check.name)", category: .editorial, severity: severities.max() ?? .warning,
                        action: .flag, scope: .document, match: nil, conditions: Rule.Conditions(), unless: nil,
                        message: .literal(check.message), languages: [], examples: Rule.Examples(),
                        origin: SourceLocation(file: check.name, line: 1, column: 1), prose: check)
        }
    }

    /// What a translation gives: the rules and the warnings about what Vale
    /// would silently ignore or what Winnow does not support.
    public struct Result: Sendable {
        public let rules: [Translated]
        /// One line each: `FILE:LINE: warning: …`.
        public let warnings: [String]
    }

    let configuration: ValeConfiguration
    let minAlertLevel: String

    /// - Parameter minAlertLevel: overrides the configuration's (Vale's `--minAlertLevel`).
    public init(configuration: ValeConfiguration, minAlertLevel: String? = nil) {
        self.configuration = configuration
        self.minAlertLevel = minAlertLevel ?? configuration.minAlertLevel
    }

    /// Loads the styles the configuration names and translates their rules.
    /// - Throws: ``RuleLoadError`` for a missing `StylesPath` or style folder,
    ///   a rule file that is not YAML or names an unknown kind, a bad pattern.
    public func translate() throws(RuleLoadError) -> Result {
        var warnings: [String] = []
        let vocabulary = try loadVocabularies()
        var definitions: [(name: String, definition: ValeRuleFile)] = []
        var styles = configuration.baseStyles + configuration.sections.flatMap { $0.baseStyles ?? [] }
        let settings = configuration.ruleSettings + configuration.sections.flatMap(\.ruleSettings)
        for setting in settings {
            let style = String(setting.name.prefix { $0 != "." })
            if !styles.contains(style) && setting.value != "NO" { styles.append("\(setting.name)") }
        }
        var seen: Set<String> = []
        for entry in styles where seen.insert(entry).inserted {
            let loaded = try load(entry, vocabulary: vocabulary, warnings: &warnings)
            definitions += loaded.filter { loaded in !definitions.contains { $0.name == loaded.name } }
        }
        var ids: Set<String> = []
        var rules: [Translated] = []
        for (name, definition) in definitions.sorted(by: { $0.name < $1.name }) {
            var check = definition.check
            check.files = files(for: name, level: definition.level)
            guard check.files.contains(where: { $0.severity != "off" }) else { continue }
            check.markup = markup
            var id = name.lowercased().map { $0.isLetter && $0.isASCII || $0.isNumber ? String($0) : "-" }.joined()
            while !ids.insert(id).inserted { id += "-2" }
            rules.append(Translated(id: id, style: String(name.prefix { $0 != "." }), check: check))
        }
        return Result(rules: rules, warnings: warnings)
    }

    private var markup: ProseCheck.MarkupSettings {
        func forMarkdown(_ patterns: [(glob: String, pattern: String)]) -> [String]? {
            let list = patterns.filter { (try? Glob($0.glob))?.matches("x.md") ?? false }.map(\.pattern)
            return list.isEmpty ? nil : list
        }
        return ProseCheck.MarkupSettings(
            ignoredScopes: configuration.ignoredScopes, skippedScopes: configuration.skippedScopes,
            ignoredClasses: configuration.ignoredClasses, tokenIgnores: forMarkdown(configuration.tokenIgnores),
            blockIgnores: forMarkdown(configuration.blockIgnores))
    }

    /// Vale's choice for each file, as ``ProseCheck/files`` entries (the last match wins).
    private func files(for name: String, level: String) -> [ProseCheck.FileSetting] {
        let style = String(name.prefix { $0 != "." })
        var level = level
        for setting in configuration.ruleSettings + configuration.sections.flatMap(\.ruleSettings)
        where setting.name == name && ValeConfiguration.levels.contains(setting.value) {
            level = setting.value
        }
        let minimum = ValeConfiguration.levels.firstIndex(of: minAlertLevel) ?? 1
        let on = (ValeConfiguration.levels.firstIndex(of: level) ?? 1) < minimum ? "off" : Self.severity(level)
        func value(_ enabled: Bool) -> String { enabled ? on : "off" }
        var entries: [ProseCheck.FileSetting] = []
        if let global = configuration.ruleSettings.last(where: { $0.name == name }) {
            entries.append(.init(path: "*", severity: value(global.value != "NO")))
        } else {
            entries.append(.init(path: "*", severity: value(configuration.baseStyles.contains(style))))
            for section in configuration.sections {
                if let base = section.baseStyles { entries.append(.init(path: section.glob, severity: value(base.contains(style)))) }
            }
        }
        for section in configuration.sections {
            if let setting = section.ruleSettings.last(where: { $0.name == name }) {
                entries.append(.init(path: section.glob, severity: value(setting.value != "NO")))
            }
        }
        while entries.first?.severity == "off" { entries.removeFirst() }
        return entries
    }

    static func severity(_ level: String) -> String {
        switch level {
        case "suggestion": "info"
        case "error": "error"
        default: "warning"
        }
    }

    // MARK: Loading

    struct Vocabulary {
        var accept: [String] = []
        var reject: [String] = []
    }

    private func loadVocabularies() throws(RuleLoadError) -> Vocabulary {
        var vocabulary = Vocabulary()
        for name in configuration.vocabularies {
            guard let styles = configuration.stylesPath else {
                throw RuleLoadError(file: configuration.file, message: "Vocab '\(name)' needs StylesPath")
            }
            let folder = styles + "/config/vocabularies/" + name
            guard FileManager.default.fileExists(atPath: folder) else {
                throw RuleLoadError(file: configuration.file, message: "vocabulary '\(name)' not found in \(folder)")
            }
            func entries(_ file: String) -> [String] {
                guard let text = try? String(contentsOfFile: folder + "/" + file, encoding: .utf8) else { return [] }
                return text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: " \t") }
                    .filter { !$0.isEmpty && !$0.hasPrefix("# ") && $0 != "#" }
            }
            for entry in entries("accept.txt") {
                vocabulary.accept.removeAll { $0.lowercased() == entry.lowercased() }
                vocabulary.accept.append(entry)
            }
            vocabulary.reject += entries("reject.txt")
        }
        return vocabulary
    }

    /// The rules of one style (`Style`) or one rule (`Style.Rule`).
    private func load(_ entry: String, vocabulary: Vocabulary, warnings: inout [String]) throws(RuleLoadError)
        -> [(name: String, definition: ValeRuleFile)] {
        let parts = entry.split(separator: ".", maxSplits: 1).map(String.init)
        let style = parts[0]
        if style == "Vale" {
            return ValeRuleFile.builtins(vocabulary: vocabulary, warnings: &warnings, file: configuration.file)
                .filter { parts.count == 1 || $0.name == entry }
        }
        guard let stylesPath = configuration.stylesPath else {
            throw RuleLoadError(file: configuration.file, message: "style '\(style)' is named but StylesPath is not set")
        }
        let folder = stylesPath + "/" + style
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            if parts.count == 2 { return [] }  // Vale ignores a rule of a style that is not installed
            throw RuleLoadError(file: configuration.file, message: "style '\(style)' not found in StylesPath \(stylesPath)")
        }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
        for name in names where name.hasSuffix(".yaml") && (parts.count == 1 || name == parts[1] + ".yaml") {
            warnings.append("\(folder)/\(name): warning: not loaded: Vale reads only .yml rule files; rename it to .yml")
        }
        var rules: [(String, ValeRuleFile)] = []
        for name in names where name.hasSuffix(".yml") && (parts.count == 1 || name == parts[1] + ".yml") {
            let ruleName = style + "." + String(name.dropLast(4))
            if let rule = try ValeRuleFile.load(path: folder + "/" + name, name: ruleName, acceptedTerms: vocabulary.accept,
                                                warnings: &warnings) {
                rules.append((ruleName, rule))
            }
        }
        return rules
    }
}
