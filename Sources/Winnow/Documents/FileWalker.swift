import Foundation

/// Lists the files below a folder in a stable order, as ripgrep does with
/// `--sort path`:
/// - hidden files and folders (names starting with `.`) are skipped unless
///   ``Options/hidden``; `.git` always is;
/// - `.gitignore` files are honoured unless ``Options/ignoreFiles`` is off:
///   those in the walked folders, and those in the folders above the walked
///   one up to the top of its git work tree (the folder holding `.git`);
///   later and deeper patterns win, `!` re-includes (gitignore(5));
/// - symbolic links to files are listed, links to folders are not followed
///   (so a link loop cannot trap the walk), broken links and link loops are
///   reported;
/// - the result is sorted by path, byte for byte.
public enum FileWalker {
    public struct Options: Sendable, Equatable {
        /// List hidden files and walk hidden folders too.
        public var hidden: Bool
        /// Honour `.gitignore` files.
        public var ignoreFiles: Bool

        public init(hidden: Bool = false, ignoreFiles: Bool = true) {
            self.hidden = hidden
            self.ignoreFiles = ignoreFiles
        }
    }

    /// What a walk found.
    public struct Listing: Sendable, Equatable {
        /// Paths of the files, each spelled as the walked folder joined with
        /// its relative path (so a relative folder gives relative paths; `.`
        /// gives paths with no prefix).
        public var files: [String] = []
        /// Folders that could not be read and broken links, with the cause.
        public var errors: [InputError] = []
    }

    public static func files(under folder: String, options: Options = Options()) -> Listing {
        let prefix = prefix(of: folder)
        let root = URL(fileURLWithPath: folder).standardizedFileURL.path
        var walker = Walker(options: options, prefix: prefix)
        let ignores = options.ignoreFiles ? ancestorIgnoreFiles(of: root) : []
        walker.walk(absolute: root, relative: "", ignores: ignores)
        walker.listing.files.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return walker.listing
    }

    /// What the paths of a folder's files start with: `folder/`, or nothing for `.`.
    public static func prefix(of folder: String) -> String {
        folder == "." || folder == "./" ? "" : folder.hasSuffix("/") ? folder : folder + "/"
    }

    /// The `.gitignore` files of the folders above `root`, outermost first,
    /// up to the top of the git work tree; none when `root` is not in one.
    private static func ancestorIgnoreFiles(of root: String) -> [IgnoreFile] {
        var folders: [String] = []
        var current = root
        while !FileManager.default.fileExists(atPath: current + "/.git") {
            guard current != "/" else { return [] }
            current = (current as NSString).deletingLastPathComponent
            folders.append(current)
        }
        return folders.reversed().compactMap(IgnoreFile.init(folder:))
    }

    private struct Walker {
        let options: Options
        let prefix: String
        var listing = Listing()

        mutating func walk(absolute: String, relative: String, ignores: [IgnoreFile]) {
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: absolute)
            } catch {
                listing.errors.append(InputError(path: prefix + relative, message: "cannot read folder"))
                return
            }
            var ignores = ignores
            if options.ignoreFiles, let own = IgnoreFile(folder: absolute) { ignores.append(own) }
            for name in names {
                if name == ".git" || (name.hasPrefix(".") && !options.hidden) { continue }
                let path = absolute + "/" + name
                let relativePath = relative.isEmpty ? name : relative + "/" + name
                let type = (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
                let isFolder = type == .typeDirectory
                if IgnoreFile.decision(ignores, path, isFolder) { continue }
                if isFolder {
                    walk(absolute: path, relative: relativePath, ignores: ignores)
                } else if type == .typeRegular || (type == .typeSymbolicLink && isRegularFile(path)) {
                    listing.files.append(prefix + relativePath)
                } else if type == .typeSymbolicLink && !FileManager.default.fileExists(atPath: path) {
                    listing.errors.append(InputError(path: prefix + relativePath, message: "broken symbolic link or link loop"))
                }
            }
        }

        private func isRegularFile(_ path: String) -> Bool {
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && !isFolder.boolValue
        }
    }
}

/// The patterns of one `.gitignore` file.
struct IgnoreFile {
    /// Absolute path of the folder holding the file; patterns are relative to it.
    let folder: String
    let patterns: [(glob: Glob, negated: Bool)]

    /// Reads `folder/.gitignore`; `nil` when there is none. Lines that are
    /// blank or start with `#` are skipped, and so are patterns that do not compile.
    init?(folder: String) {
        guard let data = FileManager.default.contents(atPath: folder + "/.gitignore") else { return nil }
        self.folder = folder
        patterns = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).compactMap { line in
            var text = line.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty, !text.hasPrefix("#") else { return nil }
            let negated = text.hasPrefix("!")
            if negated { text.removeFirst() }
            return (try? Glob(text)).map { ($0, negated) }
        }
    }

    /// Whether a stack of ignore files (outermost first) ignores `path`
    /// (absolute): the last matching pattern of the deepest file that has
    /// one decides; `!` means keep.
    static func decision(_ files: [IgnoreFile], _ path: String, _ isFolder: Bool) -> Bool {
        for file in files.reversed() {
            guard let relative = file.relativePath(path),
                  let last = file.patterns.last(where: { $0.glob.matches(relative, isFolder: isFolder) }) else { continue }
            return !last.negated
        }
        return false
    }

    private func relativePath(_ path: String) -> String? {
        path.hasPrefix(folder + "/") ? String(path.dropFirst(folder.count + 1)) : nil
    }
}
