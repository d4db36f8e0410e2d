/// `check --format sarif`: a SARIF 2.1.0 log (OASIS Static Analysis Results
/// Interchange Format, errata 01) that GitHub code scanning accepts.
///
/// One run, keys sorted, pretty-printed:
/// - `tool.driver`: `name`, `version` and `rules`, every loaded
///   rule in load order with `id`, `shortDescription` (the rule's
///   description, or its id), `defaultConfiguration.level` and
///   `properties.tags` (the category) (§3.19, §3.49).
/// - `columnKind` "unicodeCodePoints" (§3.14.17): Winnow counts columns in
///   Unicode scalars.
/// - `results` in report order (§3.27): `ruleId`, `ruleIndex`, `level` (info →
///   "note", warning → "warning", error → "error"), `message.text`, one
///   location whose `artifactLocation` has `uri` relative to the project root
///   (``ProjectPath/uri(_:root:)``) and `uriBaseId` "%SRCROOT%" (none for a
///   file outside the root, whose `uri` is an absolute `file:` URI), and whose
///   `region` has `startLine`, `startColumn`, `endLine`, `endColumn` (1-based,
///   end exclusive) and `byteOffset`, `byteLength` (0-based, in the file's
///   bytes) (§3.30); `partialFingerprints` {"winnowFingerprint/v1": ``Fingerprint``}.
/// - `invocations[0]`: `executionSuccessful` (false when a notice is an
///   error, as when the exit code is 2) and `toolExecutionNotifications`
///   (§3.20.21), one per ``Notice``, with `descriptor.id` its kind, `level`,
///   `message.text`, the file's location and, for a rule, `associatedRule`.
public enum SARIFReport {
    /// The schema the log names in `$schema`.
    public static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

    /// The `sarif` format: the log, ending with a newline. A file's part is
    /// its results.
    public struct Formatter: ReportFormatter {
        /// Every loaded rule, in load order.
        public let rules: [Rule]
        /// The project root that artifact URIs are relative to.
        public let root: String
        private let ruleIndex: [String: Int]

        public init(rules: [Rule], root: String) {
            self.rules = rules
            self.root = root
            ruleIndex = Dictionary(rules.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { first, _ in first })
        }

        public func part(of file: FileReport) -> [UInt8] {
            var out: [UInt8] = []
            for reported in file.findings {
                let finding = reported.finding
                let result = Result(
                    ruleId: finding.ruleID, ruleIndex: ruleIndex[finding.ruleID], level: SARIFReport.level(finding.severity),
                    message: Message(text: finding.message),
                    locations: [location(path: finding.path, region: Region(
                        startLine: finding.line, startColumn: finding.column, endLine: finding.endLine,
                        endColumn: finding.endColumn, byteOffset: finding.byteOffset, byteLength: finding.byteLength))],
                    partialFingerprints: ["winnowFingerprint/v1": reported.fingerprint])
                if !out.isEmpty { out += [UInt8(ascii: ","), 0x0A] }
                out += JSONOutput.indentation(4) + JSONOutput.pretty(result, depth: 4)
            }
            return out
        }

        /// The log's keys are written in sorted order, each value as the encoder writes it.
        public func write(parts: some ReportParts, notices: [Notice],
                          totals: ReportTotals, to output: ([UInt8]) throws -> Void) throws {
            let notifications = notices.map { notice in
                Notification(
                    descriptor: Reference(id: notice.kind.rawValue, index: nil),
                    associatedRule: notice.ruleID.map { Reference(id: $0, index: ruleIndex[$0]) },
                    level: SARIFReport.level(notice.severity), message: Message(text: notice.message),
                    locations: [location(path: notice.path, region: notice.line.map { Region(startLine: $0) })])
            }
            let invocations = [Invocation(executionSuccessful: !notices.contains { $0.severity == .error },
                                          toolExecutionNotifications: notifications)]
            try output(Array("{\n  \"$schema\" : \"\(schemaURI)\",\n  \"runs\" : [\n    {\n      \"columnKind\" : \"unicodeCodePoints\",\n      \"invocations\" : ".utf8)
                + JSONOutput.pretty(invocations, depth: 3) + Array(",\n      \"results\" : [".utf8))
            var results = JSONOutput.ArrayWriter(depth: 3)
            try parts.forEach { _, part in if !part.isEmpty { try results.element(part, to: output) } }
            try results.close(to: output)
            let driver = Driver(
                name: WinnowTool.name, version: WinnowTool.version,
                rules: rules.map { rule in
                    ReportingDescriptor(
                        id: rule.id, shortDescription: Message(text: rule.description.isEmpty ? rule.id : rule.description),
                        defaultConfiguration: Configuration(level: SARIFReport.level(rule.severity)),
                        properties: Properties(tags: [rule.category.rawValue]))
                })
            try output(Array(",\n      \"tool\" : ".utf8) + JSONOutput.pretty(Tool(driver: driver), depth: 3)
                + Array("\n    }\n  ],\n  \"version\" : \"2.1.0\"\n}\n".utf8))
        }

        private func location(path: String, region: Region?) -> Location {
            Location(physicalLocation: PhysicalLocation(
                artifactLocation: ArtifactLocation(uri: ProjectPath.uri(path, root: root)),
                region: region))
        }
    }

    /// SARIF's `level` for a severity (§3.27.10).
    private static func level(_ severity: Severity) -> String {
        switch severity {
        case .info: "note"
        case .warning: "warning"
        case .error: "error"
        }
    }

    private struct Tool: Encodable {
        let driver: Driver
    }

    private struct Driver: Encodable {
        let name: String
        let version: String
        let rules: [ReportingDescriptor]
    }

    private struct ReportingDescriptor: Encodable {
        let id: String
        let shortDescription: Message
        let defaultConfiguration: Configuration
        let properties: Properties
    }

    private struct Configuration: Encodable {
        let level: String
    }

    private struct Properties: Encodable {
        let tags: [String]
    }

    private struct Message: Encodable {
        let text: String
    }

    private struct Result: Encodable {
        let ruleId: String
        let ruleIndex: Int?
        let level: String
        let message: Message
        let locations: [Location]
        let partialFingerprints: [String: String]
    }

    private struct Location: Encodable {
        let physicalLocation: PhysicalLocation
    }

    private struct PhysicalLocation: Encodable {
        let artifactLocation: ArtifactLocation
        let region: Region?
    }

    private struct ArtifactLocation: Encodable {
        let uri: String
        /// "%SRCROOT%" for a relative `uri`; absent for an absolute one
        /// (`file:///…`, a file outside the project root), which SARIF
        /// §3.4.4 does not allow to have a base.
        let uriBaseId: String?

        init(uri: String) {
            self.uri = uri
            self.uriBaseId = uri.hasPrefix("file:") ? nil : "%SRCROOT%"
        }
    }

    private struct Region: Encodable {
        let startLine: Int
        var startColumn: Int? = nil
        var endLine: Int? = nil
        var endColumn: Int? = nil
        var byteOffset: Int? = nil
        var byteLength: Int? = nil
    }

    private struct Invocation: Encodable {
        let executionSuccessful: Bool
        let toolExecutionNotifications: [Notification]
    }

    private struct Notification: Encodable {
        let descriptor: Reference
        let associatedRule: Reference?
        let level: String
        let message: Message
        let locations: [Location]
    }

    private struct Reference: Encodable {
        let id: String
        let index: Int?
    }
}
