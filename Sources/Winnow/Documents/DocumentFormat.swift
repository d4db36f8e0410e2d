/// The markup of a document, from its file name's extension.
public enum DocumentFormat: String, Sendable {
    /// `.md`, `.markdown`, `.mdx`: front matter, code and HTML comments are
    /// not prose (see ``MarkdownMask``); suppressions are HTML comments.
    case markdown
    /// `.html`, `.htm`: suppressions are HTML comments.
    case html
    /// Anything else: suppressions follow `#` at the start of a line.
    case plain

    public init(path: String) {
        let name = path.split(separator: "/").last ?? ""
        let ext = name.contains(".") ? name.split(separator: ".").last!.lowercased() : ""
        switch ext {
        case "md", "markdown", "mdx": self = .markdown
        case "html", "htm": self = .html
        default: self = .plain
        }
    }
}
