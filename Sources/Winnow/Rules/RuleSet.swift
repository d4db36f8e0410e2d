import Foundation

/// A rule path as a configuration file writes it (`rules: [house.yml]`),
/// and where, for errors about it.
public typealias WrittenRulePath = (entry: String, origin: SourceLocation)

/// The rules of one run, in load order, with unique ids.
public struct RuleSet: Sendable {
    /// Rules in the order they were loaded: built-in pack first, then each
    /// `--rules` path in the order given, a folder's files sorted by path.
    public let rules: [Rule]

    /// - Throws: ``RuleLoadError`` at the second rule that reuses an id.
    public init(rules: [Rule]) throws(RuleLoadError) {
        var seen: [String: SourceLocation] = [:]
        for rule in rules {
            if let first = seen[rule.id] {
                throw RuleLoadError(file: rule.origin.file, line: rule.origin.line, column: rule.origin.column,
                                    ruleID: rule.id, message: "duplicate rule id (first defined at \(first))")
            }
            seen[rule.id] = rule.origin
        }
        self.rules = rules
    }

    /// Whether some rule has `min_repeats`: a run then counts its inputs'
    /// lines in a first pass (``RepetitionIndex``).
    public var usesRepeats: Bool { rules.contains { $0.conditions.minRepeats != nil } }

    /// The rule id closest to a misspelt `id`, if one is close enough (``Suggestion``).
    public func closestRuleID(to id: String) -> String? {
        Suggestion.closest(to: id, among: rules.map(\.id))
    }

    /// A rule set whose ids are known to be unique (a single rule, say).
    init(unchecked rules: [Rule]) {
        self.rules = rules
    }

    /// Loads the built-in `default` pack (unless `includeBuiltin` is false)
    /// and then the rule files at `paths`. A path that is exactly the name of
    /// a built-in pack (`default`, `corpus`) loads that pack; `./corpus`
    /// names a file or folder. Otherwise a path may be a file or a folder; a
    /// folder contributes every `.yml` and `.yaml` file below it, sorted by
    /// path, hidden entries skipped, and must hold at least one; a file
    /// reached twice (a pack's file included) is loaded once.
    /// - Parameter entries: for paths written in a configuration file, the
    ///   entry as written and where it stands, so that a path that does not
    ///   exist is reported there.
    /// - Throws: the first ``RuleLoadError``; no partial rule set is returned.
    public static func load(paths: [String], includeBuiltin: Bool = true,
                            entries: [String: WrittenRulePath] = [:]) throws(RuleLoadError) -> RuleSet {
        var rules: [Rule] = []
        var loaded: Set<String> = []
        for path in (includeBuiltin ? ["default"] : []) + paths {
            if let pack = BuiltinPack.packs[path] {
                for name in pack where loaded.insert("builtin:" + name).inserted {
                    rules += try BuiltinPack.rules(ofFile: name)
                }
                continue
            }
            // A file named twice (directly and through its folder, say) is loaded once.
            for file in try ruleFiles(at: path, written: entries[path]) where loaded.insert(URL(fileURLWithPath: file).standardizedFileURL.path).inserted {
                rules += try loadFile(file)
            }
        }
        return try RuleSet(rules: rules)
    }

    /// Parses one rule file from disk; `keywords_file` paths are relative to it.
    /// - Throws: ``RuleLoadError`` when it cannot be read or is not valid.
    public static func loadFile(_ path: String) throws(RuleLoadError) -> [Rule] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RuleLoadError(file: path, message: "cannot read rule file: \(UnreadableFile.cause(path))")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        let parser = RuleFileParser(file: path) { name in
            let url = name.hasPrefix("/") ? URL(fileURLWithPath: name) : folder.appendingPathComponent(name)
            return FileManager.default.contents(atPath: url.path).map { [UInt8]($0) }
        }
        return try parser.parse([UInt8](data))
    }

    /// The error for a rule path that does not exist: at the configuration
    /// entry that wrote it, if one did. A bare word (no `/`) close to a
    /// pack's name is most likely a misspelt pack, and the message says so.
    private static func missing(_ path: String, written: WrittenRulePath?) -> RuleLoadError {
        let word = written?.entry ?? path
        let pack = word.contains("/") ? nil : Suggestion.closest(to: word, among: BuiltinPack.packs.keys.sorted())
        let cause = "no such rule file or folder" + (pack.map { " (did you mean the built-in pack '\($0)'?)" } ?? "")
        guard let written else { return RuleLoadError(file: path, message: cause) }
        return RuleLoadError(file: written.origin.file, line: written.origin.line, column: written.origin.column,
                             message: "rules entry '\(written.entry)': \(cause)")
    }

    /// The rule files at `path`: the file itself, or those of a folder.
    private static func ruleFiles(at path: String, written: WrittenRulePath?) throws(RuleLoadError) -> [String] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw missing(path, written: written) }
        guard isFolder.boolValue else { return [path] }
        let listing = FileWalker.files(under: path, options: FileWalker.Options(ignoreFiles: false))
        if let error = listing.errors.first { throw RuleLoadError(file: error.path, message: error.message) }
        let files = listing.files.filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }
        if files.isEmpty { throw RuleLoadError(file: path, message: "the folder holds no rule files (.yml, .yaml)") }
        return files
    }
}
