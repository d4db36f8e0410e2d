import Foundation

/// Lists the files below a folder in a stable order, as ripgrep's
/// `--sort path` does: hidden files and folders (names starting with `.`) are
/// skipped, symbolic links to folders are not followed (no loops), and the
/// result is sorted by path, byte for byte.
public enum FileWalker {
    /// Paths of the regular files below `folder`, each spelled as `folder`
    /// joined with its relative path (so a relative `folder` gives relative paths).
    public static func files(under folder: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            let type = enumerator.fileAttributes?[.type] as? FileAttributeType
            if name.hasPrefix(".") {
                if type == .typeDirectory { enumerator.skipDescendants() }
                continue
            }
            if type == .typeRegular || (type == .typeSymbolicLink && isRegularFile(prefix + relative)) {
                files.append(prefix + relative)
            }
        }
        return files.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    private static func isRegularFile(_ path: String) -> Bool {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && !isFolder.boolValue
    }
}
