/// The source line under a text diagnostic, with the match underlined by a
/// caret and tildes, as clang and rustc show it:
///
/// ```
///  11 | Read More
///     | ^~~~~~~~~
/// ```
///
/// The caret line is measured in terminal cells: combining marks, format
/// characters (such as U+200B) and variation selectors take none; East Asian
/// wide and full-width characters and emoji take two (Unicode Standard Annex
/// #11, approximated by code point blocks); a tab stays a tab on both lines so
/// the two line up; control characters are shown as their Control Pictures
/// (U+2400…) and invalid UTF-8 as U+FFFD, one for each maximal subpart
/// (``UTF8Validation/maximalSubpartLength(_:at:)``, as columns count it), one
/// cell each. A line of
/// more than ``maximumScalars`` scalars is cut to that many around the
/// match's start, with `…` where text was left out. A match that runs past
/// the end of the line is underlined to its end.
struct SourceExcerpt {
    /// The most scalars of a line shown.
    static let maximumScalars = 120
    /// Scalars shown before the match when a long line is cut.
    static let leadingContext = 20

    private struct Cell {
        let text: String
        let width: Int
        let bytes: Range<Int>
    }

    private let lineNumber: Int
    private let cells: [Cell]
    private let match: Range<Int>

    init(_ reported: ReportedFinding) {
        lineNumber = reported.finding.line
        let bytes = reported.sourceLine.bytes
        var cells: [Cell] = []
        var offset = 0
        while offset < bytes.count {
            let (scalar, length) = UTF8Validation.scalar(in: bytes, at: offset)
                ?? ("\u{FFFD}", UTF8Validation.maximalSubpartLength(bytes, at: offset))
            cells.append(Cell(text: Self.shown(scalar), width: Self.width(of: scalar), bytes: offset..<(offset + length)))
            offset += length
        }
        self.cells = cells
        let start = reported.finding.byteOffset - reported.sourceLine.start
        let first = cells.firstIndex { $0.bytes.lowerBound >= start } ?? cells.count
        let end = cells[first...].firstIndex { $0.bytes.lowerBound >= start + reported.finding.byteLength } ?? cells.count
        match = first..<end
    }

    /// The two lines, without trailing newlines.
    func lines(colour: Bool) -> [String] {
        var window = cells.indices
        if cells.count > Self.maximumScalars {
            let lower = max(0, min(match.lowerBound - Self.leadingContext, cells.count - Self.maximumScalars))
            window = lower..<(lower + Self.maximumScalars)
        }
        let cut = (before: window.lowerBound > 0, after: window.upperBound < cells.count)
        let source = (cut.before ? "…" : "") + cells[window].map(\.text).joined() + (cut.after ? "…" : "")
        let lead = cells[window.lowerBound..<max(window.lowerBound, match.lowerBound)]
            .map { $0.text == "\t" ? "\t" : String(repeating: " ", count: $0.width) }.joined()
        let underlined = cells[match.clamped(to: window)].reduce(0) { $0 + $1.width }
        let marks = "^" + String(repeating: "~", count: max(0, underlined - 1))
        let number = String(lineNumber)
        let gutter = (number: " \(number) |", blank: " " + String(repeating: " ", count: number.count) + " |")
        if colour {
            return [SGR.blue.wrap(gutter.number) + " " + source,
                    SGR.blue.wrap(gutter.blank) + " " + (cut.before ? " " : "") + lead + SGR.green.wrap(marks)]
        }
        return [gutter.number + " " + source, gutter.blank + " " + (cut.before ? " " : "") + lead + marks]
    }

    private static func shown(_ scalar: Unicode.Scalar) -> String {
        if scalar == "\t" { return "\t" }
        if let picture = controlPicture(of: scalar) { return String(picture) }
        return (0x80..<0xA0).contains(scalar.value) ? "\u{FFFD}" : String(scalar)
    }

    /// The Control Picture (U+2400–U+241F, U+2421) that stands for a C0
    /// control character or DEL, or `nil` for any other scalar.
    static func controlPicture(of scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar.value {
        case 0x00..<0x20: Unicode.Scalar(0x2400 + scalar.value)
        case 0x7F: "\u{2421}"
        default: nil
        }
    }

    private static func width(of scalar: Unicode.Scalar) -> Int {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if scalar.properties.isVariationSelector { return 0 }
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }
}
