/// `clean --diff`: what `clean` would change, as a unified diff (the format
/// of GNU diff `-u` and `git diff`), which `patch -p0` applies.
///
/// ```
/// --- notes.txt
/// +++ notes.txt
/// @@ -1,3 +1,2 @@
///  Body text.
/// -Read more
///  More body text.
/// ```
///
/// Lines are split after each LF and compared byte for byte, so CR and
/// invalid UTF-8 are kept as they are; a last line without a newline is
/// followed by `\ No newline at end of file`. Hunks carry three lines of
/// context; a range of one line is written `start`, an empty range
/// `start,0` with `start` the line before it. The edit script is Myers's
/// shortest one ("An O(ND) Difference Algorithm and Its Variations", 1986):
/// time O((N+M)·D), memory O(D²), for D changed lines.
public enum UnifiedDiff {
    /// Lines of unchanged context around each change.
    public static let context = 3

    /// The diff of `original` and `modified` under the name `path`, or no
    /// bytes when they are equal.
    public static func diff(original: [UInt8], modified: [UInt8], path: String) -> [UInt8] {
        let old = lines(original), new = lines(modified)
        var ids: [ArraySlice<UInt8>: Int] = [:]
        func id(_ line: ArraySlice<UInt8>) -> Int {
            if let id = ids[line] { return id }
            ids[line] = ids.count
            return ids.count - 1
        }
        let script = editScript(old.map(id), new.map(id))
        guard script.contains(where: { $0 != .keep }) else { return [] }

        var output = Array("--- \(path)\n+++ \(path)\n".utf8)
        var position = (old: 0, new: 0)
        var positions: [(old: Int, new: Int)] = []
        for edit in script {
            positions.append(position)
            switch edit {
            case .keep: position.old += 1; position.new += 1
            case .delete: position.old += 1
            case .insert: position.new += 1
            }
        }
        for hunk in hunks(script) {
            let edits = script[hunk]
            let start = positions[hunk.lowerBound]
            let oldCount = edits.count(where: { $0 != .insert }), newCount = edits.count(where: { $0 != .delete })
            output += Array("@@ -\(range(start.old, oldCount)) +\(range(start.new, newCount)) @@\n".utf8)
            for index in hunk {
                let (mark, line): (String, ArraySlice<UInt8>) = switch script[index] {
                case .keep: (" ", old[positions[index].old])
                case .delete: ("-", old[positions[index].old])
                case .insert: ("+", new[positions[index].new])
                }
                output += Array(mark.utf8) + line
                if line.last != 0x0A { output += Array("\n\\ No newline at end of file\n".utf8) }
            }
        }
        return output
    }

    enum Edit: Equatable {
        case keep, delete, insert
    }

    /// The input split after each LF; the last line may lack one.
    static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            lines.append(bytes[start...index])
            start = index + 1
        }
        if start < bytes.count { lines.append(bytes[start...]) }
        return lines
    }

    /// A shortest edit script from `a` to `b`: one ``Edit`` per kept, deleted
    /// or inserted element, in order, deletions before insertions in a change.
    static func editScript(_ a: [Int], _ b: [Int]) -> [Edit] {
        let n = a.count, m = b.count, offset = n + m + 1
        // v[offset + k]: the furthest x reached on diagonal k = x - y.
        var v = [Int](repeating: 0, count: 2 * offset + 1)
        // trace[d]: v[offset - d ... offset + d] as it stood before step d.
        var trace: [ArraySlice<Int>] = []
        search: for d in 0...(n + m) {
            trace.append(v[(offset - d)...(offset + d)])
            for k in stride(from: -d, through: d, by: 2) {
                var x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1
                var y = x - k
                while x < n, y < m, a[x] == b[y] { x += 1; y += 1 }
                v[offset + k] = x
                if x >= n, y >= m { break search }
            }
        }
        var script: [Edit] = []
        var x = n, y = m
        for d in stride(from: trace.count - 1, to: 0, by: -1) {
            let previous = trace[d], k = x - y
            let down = k == -d || (k != d && previous[offset + k - 1] < previous[offset + k + 1])
            let startK = down ? k + 1 : k - 1
            let startX = previous[offset + startK], startY = startX - startK
            while x > startX, y > startY {
                script.append(.keep)
                x -= 1; y -= 1
            }
            script.append(down ? .insert : .delete)
            x = startX; y = startY
        }
        script += Array(repeating: .keep, count: x)
        return script.reversed()
    }

    /// Index ranges of `script` that make one hunk each: the changes with up to
    /// ``context`` kept lines around them, joined when their context would touch.
    private static func hunks(_ script: [Edit]) -> [Range<Int>] {
        var hunks: [Range<Int>] = []
        for (index, edit) in script.enumerated() where edit != .keep {
            let lower = max(0, index - context), upper = min(script.count, index + 1 + context)
            if let last = hunks.last, lower <= last.upperBound {
                hunks[hunks.count - 1] = last.lowerBound..<upper
            } else {
                hunks.append(lower..<upper)
            }
        }
        return hunks
    }

    /// A hunk range: `start,count` with 1-based `start`, `start` alone for one
    /// line, and the line before for an empty range.
    private static func range(_ start: Int, _ count: Int) -> String {
        switch count {
        case 0: "\(start),0"
        case 1: "\(start + 1)"
        default: "\(start + 1),\(count)"
        }
    }
}
