import Foundation

/// Findings accepted as they stand, so that `check --baseline FILE` reports
/// only new ones (`check --write-baseline FILE` records them).
///
/// The file is JSON, keys sorted, two-space indented:
///
/// ```json
/// {
///   "findings" : [
///     {
///       "fingerprint" : "5f0f2b0a9c3e1d47:0",
///       "path" : "content/news.md",
///       "rule" : "read-more-link",
///       "text" : "Read more"
///     }
///   ],
///   "version" : 1
/// }
/// ```
///
/// A finding is in the baseline when an entry has its path (relative to the
/// project root, see ``ProjectPath``) and its ``Fingerprint``; `rule` and
/// `text` are there for people reviewing the file. Entries are sorted by
/// path, then fingerprint.
public struct Baseline: Sendable, Equatable {
    /// One accepted finding.
    public struct Entry: Codable, Sendable, Hashable {
        /// See ``Fingerprint``.
        public let fingerprint: String
        /// Relative to the project root, `/`-separated (``ProjectPath/relative(_:to:)``).
        public let path: String
        /// The rule id (informative).
        public let rule: String
        /// The matched text (informative).
        public let text: String
    }

    /// The format version this type reads and writes.
    public static let version = 1

    /// Sorted by path, then fingerprint.
    public let entries: [Entry]
    private let keys: Set<Key>

    private struct Key: Hashable {
        let path: String
        let fingerprint: String
    }

    private struct File: Codable {
        let findings: [Entry]
        let version: Int
    }

    /// The baseline of `entries`, in any order.
    public init(entries: [Entry]) {
        self.entries = entries.sorted { ($0.path, $0.fingerprint) < ($1.path, $1.fingerprint) }
        keys = Set(entries.map { Key(path: $0.path, fingerprint: $0.fingerprint) })
    }

    /// The entries of every finding in `file`; paths are made relative to `root`.
    public static func entries(of file: FileReport, root: String) -> [Entry] {
        file.findings.map { reported in
            Entry(fingerprint: reported.fingerprint, path: ProjectPath.relative(reported.finding.path, to: root),
                  rule: reported.finding.ruleID, text: reported.finding.matchedText)
        }
    }

    /// Reads a baseline file.
    /// - Throws: ``InputError`` naming `path` when the file cannot be read,
    ///   is not JSON, lacks a key, or has another version.
    public init(contentsOf path: String) throws(InputError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(path: path, message: "cannot read baseline file: \(UnreadableFile.cause(path))")
        }
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: data)
        } catch let error as DecodingError {
            throw InputError(path: path, message: "not a Winnow baseline file: \(Self.describe(error))")
        } catch {
            throw InputError(path: path, message: "not a Winnow baseline file: \(error)")
        }
        guard file.version == Self.version else {
            throw InputError(path: path, message: "baseline version \(file.version) is not supported (expected \(Self.version))")
        }
        self.init(entries: file.findings)
    }

    /// Whether `finding` is in the baseline; its path is made relative to `root`.
    public func contains(_ finding: ReportedFinding, root: String) -> Bool {
        keys.contains(Key(path: ProjectPath.relative(finding.finding.path, to: root), fingerprint: finding.fingerprint))
    }

    /// The file's bytes, ending with a newline.
    public func encoded() -> [UInt8] {
        JSONOutput.pretty(File(findings: entries, version: Self.version))
    }

    private static func describe(_ error: DecodingError) -> String {
        func place(_ path: [any CodingKey]) -> String {
            path.isEmpty ? "the top level" : "'" + path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".") + "'"
        }
        switch error {
        case .keyNotFound(let key, let context): return "missing key '\(key.stringValue)' in \(place(context.codingPath))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return "wrong type at \(place(context.codingPath))"
        case .dataCorrupted(let context) where context.codingPath.isEmpty: return "malformed JSON"
        case .dataCorrupted(let context): return "bad value at \(place(context.codingPath))"
        @unknown default: return "malformed JSON"
        }
    }
}
