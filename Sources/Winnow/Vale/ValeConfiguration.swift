import Foundation

/// A Vale configuration file (`.vale.ini`, vale.sh/docs/vale-ini): the
/// settings Winnow reads from it. Keys Winnow does not use (`Transform`,
/// `[formats]`, `Packages`, …) are ignored.
public struct ValeConfiguration: Sendable {
    /// The file's path as given.
    public let file: String
    /// `StylesPath`, relative to the working folder; `nil` when not set.
    public let stylesPath: String?
    /// `MinAlertLevel`: `suggestion`, `warning` (default) or `error`.
    public let minAlertLevel: String
    /// `Vocab`: vocabulary names, in order.
    public let vocabularies: [String]
    /// Global `BasedOnStyles`.
    public let baseStyles: [String]
    /// Global `Style.Rule = YES|NO|level` settings, in file order.
    public let ruleSettings: [RuleSetting]
    /// The glob sections, in file order.
    public let sections: [Section]
    public let ignoredScopes: [String]?
    public let skippedScopes: [String]?
    public let ignoredClasses: [String]?
    /// `TokenIgnores` and `BlockIgnores` (or the older `IgnorePatterns`), global and from sections, with their section glob (`*` for global).
    public let tokenIgnores: [(glob: String, pattern: String)]
    public let blockIgnores: [(glob: String, pattern: String)]

    /// `Style.Rule = value` with where it stands.
    public struct RuleSetting: Sendable {
        public let name: String
        /// `YES`, `NO`, `suggestion`, `warning` or `error`.
        public let value: String
        public let line: Int
    }

    /// A `[glob]` section.
    public struct Section: Sendable {
        public let glob: String
        public let baseStyles: [String]?
        public let ruleSettings: [RuleSetting]
    }

    static let levels = ["suggestion", "warning", "error"]

    /// Reads and checks a `.vale.ini`.
    /// - Throws: ``RuleLoadError`` at `FILE:LINE` for a file that cannot be
    ///   read, a line that is neither `[section]`, `key = value` nor a
    ///   comment, a bad level, or a glob that does not compile.
    public static func load(file: String) throws(RuleLoadError) -> ValeConfiguration {
        guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
            throw RuleLoadError(file: file, message: "cannot read Vale configuration")
        }
        let folder = (file as NSString).deletingLastPathComponent
        var stylesPath: String?, minAlertLevel = "warning"
        var vocabularies: [String] = [], baseStyles: [String] = [], global: [RuleSetting] = []
        var sections: [(glob: String, base: [String]?, rules: [RuleSetting])] = []
        var ignoredScopes: [String]?, skippedScopes: [String]?, ignoredClasses: [String]?
        var tokenIgnores: [(String, String)] = [], blockIgnores: [(String, String)] = []
        var current: String?
        func list(_ value: String) -> [String] {
            value.split(separator: ",").map { $0.trimmingCharacters(in: " \t") }.filter { !$0.isEmpty }
        }
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        for (index, raw) in lines.enumerated() {
            let number = index + 1
            let line = raw.trimmingCharacters(in: " \t")
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]"), line.count > 2 else {
                    throw RuleLoadError(file: file, line: number, message: "malformed section header '\(line)'")
                }
                let glob = String(line.dropFirst().dropLast())
                current = glob
                if glob != "formats" {
                    do { _ = try Glob(glob) } catch {
                        throw RuleLoadError(file: file, line: number, message: "bad section glob '\(glob)': \(error.message)")
                    }
                    sections.append((glob, nil, []))
                }
                continue
            }
            guard let equals = line.firstIndex(of: "=") else {
                throw RuleLoadError(file: file, line: number, message: "expected 'key = value', '[section]' or a comment, found '\(line)'")
            }
            let key = line[..<equals].trimmingCharacters(in: " \t")
            let value = line[line.index(after: equals)...].trimmingCharacters(in: " \t")
            if current == "formats" { continue }
            let inSection = current != nil
            switch key {
            case "StylesPath" where !inSection:
                stylesPath = value.hasPrefix("/") || folder.isEmpty ? value : folder + "/" + value
            case "MinAlertLevel" where !inSection:
                guard levels.contains(value) else {
                    throw RuleLoadError(file: file, line: number, message: "MinAlertLevel must be suggestion, warning or error, not '\(value)'")
                }
                minAlertLevel = value
            case "Vocab" where !inSection: vocabularies = list(value)
            case "IgnoredScopes": ignoredScopes = list(value)
            case "SkippedScopes": skippedScopes = list(value)
            case "IgnoredClasses": ignoredClasses = list(value)
            case "TokenIgnores": tokenIgnores += list(value).map { (current ?? "*", $0) }
            case "BlockIgnores", "IgnorePatterns": blockIgnores += list(value).map { (current ?? "*", $0) }
            case "BasedOnStyles":
                if inSection { sections[sections.count - 1].base = list(value) } else { baseStyles = list(value) }
            default:
                guard key.contains("."), !key.hasPrefix(".") else { continue }
                guard ["YES", "NO"].contains(value) || levels.contains(value) else {
                    throw RuleLoadError(file: file, line: number,
                                        message: "'\(key)' must be YES, NO, suggestion, warning or error, not '\(value)'")
                }
                let setting = RuleSetting(name: key, value: value, line: number)
                if inSection { sections[sections.count - 1].rules.append(setting) } else { global.append(setting) }
            }
        }
        return ValeConfiguration(
            file: file, stylesPath: stylesPath, minAlertLevel: minAlertLevel, vocabularies: vocabularies, baseStyles: baseStyles,
            ruleSettings: global, sections: sections.map { Section(glob: $0.glob, baseStyles: $0.base, ruleSettings: $0.rules) },
            ignoredScopes: ignoredScopes, skippedScopes: skippedScopes, ignoredClasses: ignoredClasses,
            tokenIgnores: tokenIgnores, blockIgnores: blockIgnores)
    }
}
