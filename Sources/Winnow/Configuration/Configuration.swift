import Foundation
import Yams

/// A project's `.winnow.yml` (SPEC section 2): which rules to load, which
/// files to check, when to fail, and per-path overrides.
///
/// ```yaml
/// rules: [default, rules/house-style.yml]   # "default" = the built-in pack ("corpus": the dataset pack)
/// include: ["content/**/*.md"]
/// exclude: ["**/drafts/**"]
/// fail_on: warning
/// overrides:
///   - paths: ["news/**"]
///     disable: [passive-voice]
///     severity: { cookie-notice: error }
/// ```
///
/// Paths and globs (``Glob``) are relative to the folder holding the file.
public struct Configuration: Sendable {
    public static let fileName = ".winnow.yml"

    /// The file's path as found or given; `nil` when there is none.
    public let file: String?
    /// The folder that paths in the file are relative to, as a path usable
    /// from the working folder (the file's folder, or `.`).
    public let folder: String
    /// Rule files and folders from `rules`, spelled from the working folder,
    /// and the names of built-in packs other than `default` (such as
    /// `corpus`) as they are: a built-in pack's name wins over a file or
    /// folder of that name, which `./corpus` names.
    public let rulePaths: [String]
    /// For each of ``rulePaths``, the entry as written and where it stands
    /// in the file (``RuleSet/load(paths:includeBuiltin:entries:)``).
    public let ruleEntries: [String: WrittenRulePath]
    /// Whether `rules` names `default` (true when there is no `rules` key).
    public let includesBuiltinPack: Bool
    /// Files found in folders are checked only if they match one of these (when any).
    public let include: [Glob]
    /// Files found in folders that match one of these, or lie in a folder that does, are skipped.
    public let exclude: [Glob]
    public let failOn: FailThreshold?
    public let overrides: [Override]

    /// Settings for the files that match ``paths``, applied in file order.
    public struct Override: Sendable {
        public let paths: [Glob]
        /// Rule ids turned off, with where each stands in the file.
        public let disable: [(id: String, origin: SourceLocation)]
        /// New severities by rule id, with where each stands in the file.
        public let severity: [(id: String, severity: Severity, origin: SourceLocation)]
    }

    /// No file: the built-in pack, every file, `fail_on: warning`.
    public static let none = Configuration(
        file: nil, folder: ".", rulePaths: [], ruleEntries: [:], includesBuiltinPack: true, include: [], exclude: [],
        failOn: nil, overrides: [])

    /// The nearest `.winnow.yml` in `folder` or a folder above it, as a path
    /// usable from `folder` (`.winnow.yml`, `../.winnow.yml`, …), or `nil`.
    public static func discover(from folder: String = ".") -> String? {
        var absolute = URL(fileURLWithPath: folder).standardizedFileURL.path
        var relative = ""
        while true {
            if FileManager.default.fileExists(atPath: absolute + "/" + fileName) { return relative + fileName }
            guard absolute != "/" else { return nil }
            absolute = (absolute as NSString).deletingLastPathComponent
            relative += "../"
        }
    }

    /// Reads a configuration file.
    /// - Throws: ``RuleLoadError`` naming the file, line and column for a
    ///   file that cannot be read, is not YAML, has an unknown key or a bad value.
    public static func load(file: String) throws(RuleLoadError) -> Configuration {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: file, isDirectory: &isFolder), isFolder.boolValue {
            throw RuleLoadError(file: file, message: "cannot read configuration file: is a folder")
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw RuleLoadError(file: file, message: "cannot read configuration file: \(UnreadableFile.cause(file))")
        }
        let folder = (file as NSString).deletingLastPathComponent
        let yaml = YAMLReader(file: file)
        guard let root = try yaml.root(of: [UInt8](data)) else {
            return Configuration(file: file, folder: folder.isEmpty ? "." : folder, rulePaths: [], ruleEntries: [:],
                                 includesBuiltinPack: true, include: [], exclude: [], failOn: nil, overrides: [])
        }
        let map = try yaml.mapping(root, keys: ["rules", "include", "exclude", "fail_on", "overrides"],
                                   what: "the configuration", rule: nil)
        let base = folder.isEmpty ? "." : folder
        let rules = try map["rules"].map { (node) throws(RuleLoadError) in try yaml.stringNodes(node, rule: nil, key: "rules") }
        var rulePaths: [String] = []
        var ruleEntries: [String: WrittenRulePath] = [:]
        for (entry, node) in rules ?? [] where entry != "default" {
            let path = entry.hasPrefix("/") || base == "." || BuiltinPack.isPack(entry) ? entry : base + "/" + entry
            rulePaths.append(path)
            if let mark = node.mark { ruleEntries[path] = (entry, SourceLocation(file: file, line: mark.line, column: mark.column)) }
        }
        var overrides: [Override] = []
        if let list = map["overrides"] {
            guard case .sequence(let sequence) = list else {
                throw yaml.error(at: list, rule: nil, "'overrides' must be a list")
            }
            for node in sequence { overrides.append(try override(node, yaml)) }
        }
        return Configuration(
            file: file, folder: base,
            rulePaths: rulePaths, ruleEntries: ruleEntries,
            includesBuiltinPack: rules?.contains { $0.text == "default" } ?? true,
            include: try globs(map["include"], yaml, key: "include"),
            exclude: try globs(map["exclude"], yaml, key: "exclude"),
            failOn: try yaml.choice(map["fail_on"], rule: nil, key: "fail_on"),
            overrides: overrides)
    }

    /// Checks that every rule id the overrides name is loaded.
    /// - Throws: ``RuleLoadError`` at the first unknown id, with a suggestion.
    public func validate(against ruleSet: RuleSet) throws(RuleLoadError) {
        let ids = Set(ruleSet.rules.map(\.id))
        for override in overrides {
            for (id, origin) in override.disable.map({ ($0.id, $0.origin) }) + override.severity.map({ ($0.id, $0.origin) })
            where !ids.contains(id) {
                let hint = ruleSet.closestRuleID(to: id).map { " (did you mean '\($0)'?)" } ?? ""
                throw RuleLoadError(file: origin.file, line: origin.line, column: origin.column,
                                    message: "override names unknown rule '\(id)'\(hint)")
            }
        }
    }

    /// `path` relative to ``folder``, or `nil` when it lies outside it.
    public func relativePath(of path: String) -> String? {
        let root = URL(fileURLWithPath: folder).standardizedFileURL.path
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        return absolute.hasPrefix(root + "/") ? String(absolute.dropFirst(root.count + 1)) : nil
    }

    /// Whether a file found in a folder is checked: it matches an `include`
    /// glob (when there are any) and no `exclude` glob. Files outside
    /// ``folder`` are always checked.
    public func selects(_ path: String) -> Bool {
        guard let relative = relativePath(of: path) else { return true }
        if !include.isEmpty && !include.contains(where: { $0.matchesPathOrParent(relative) }) { return false }
        return !exclude.contains { $0.matchesPathOrParent(relative) }
    }

    /// The indices of the overrides that apply to `path`.
    public func overrideIndices(for path: String) -> [Int] {
        guard let relative = relativePath(of: path) else { return [] }
        return overrides.indices.filter { overrides[$0].paths.contains { $0.matchesPathOrParent(relative) } }
    }

    /// `ruleSet` with the overrides at `indices` applied in order.
    public func applying(overrides indices: [Int], to ruleSet: RuleSet) -> RuleSet {
        var rules = ruleSet.rules
        for override in indices.map({ overrides[$0] }) {
            rules.removeAll { rule in override.disable.contains { $0.id == rule.id } }
            rules = rules.map { rule in override.severity.last { $0.id == rule.id }.map { rule.with(severity: $0.severity) } ?? rule }
        }
        return RuleSet(unchecked: rules)
    }

    private static func override(_ node: Node, _ yaml: YAMLReader) throws(RuleLoadError) -> Override {
        let map = try yaml.mapping(node, keys: ["paths", "disable", "severity"], what: "an override", rule: nil)
        guard map["paths"] != nil else { throw yaml.error(at: node, rule: nil, "an override needs 'paths'") }
        let disable = try map["disable"].map { (list) throws(RuleLoadError) in
            try yaml.stringNodes(list, rule: nil, key: "disable").map { ($0.text, yaml.location(of: $0.node)) }
        } ?? []
        var severity: [(id: String, severity: Severity, origin: SourceLocation)] = []
        if let table = map["severity"] {
            guard case .mapping(let pairs) = table else {
                throw yaml.error(at: table, rule: nil, "'severity' must map rule ids to info, warning or error")
            }
            for (key, value) in pairs {
                let id = try yaml.string(key, rule: nil, key: "severity")
                let level: Severity = try yaml.choice(value, rule: nil, key: "severity")!
                severity.append((id, level, yaml.location(of: key)))
            }
        }
        return Override(paths: try globs(map["paths"], yaml, key: "paths"), disable: disable, severity: severity)
    }

    private static func globs(_ node: Node?, _ yaml: YAMLReader, key: String) throws(RuleLoadError) -> [Glob] {
        guard let node else { return [] }
        var globs: [Glob] = []
        for item in try yaml.stringNodes(node, rule: nil, key: key) {
            do {
                globs.append(try Glob(item.text))
            } catch {
                throw yaml.error(at: item.node, rule: nil, "bad glob '\(item.text)': \(error.message)")
            }
        }
        return globs
    }
}
