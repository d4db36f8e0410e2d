/// Winnow's name and version as reports state them (SARIF `tool.driver`, JSON `tool`).
public enum WinnowTool {
    public static let name = "winnow"
    public static let version = "0.1.0"
}
