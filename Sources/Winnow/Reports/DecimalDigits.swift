/// Writes integers as decimal ASCII digits, as `String(value)` does, but
/// without making a `String`: reports write several numbers for each
/// finding, and a corpus run writes a line for each finding.
enum DecimalDigits {
    /// The number of digits of `value`, at least 1.
    static func count(_ value: UInt) -> Int {
        var count = 1, rest = value
        while rest >= 10 {
            rest /= 10
            count += 1
        }
        return count
    }

    /// Writes the digits of `value` so that the last one ends just before `end`.
    static func write(_ value: UInt, endingBefore end: UnsafeMutablePointer<UInt8>) {
        var rest = value, position = end
        repeat {
            position -= 1
            position.pointee = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
        } while rest > 0
    }

    /// Writes the bytes of `String(value)` at `start`, which has room for
    /// 20 bytes, and returns the address after the last one.
    static func write(_ value: Int, at start: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        var start = start
        if value < 0 {
            start.pointee = UInt8(ascii: "-")
            start += 1
        }
        let end = start + count(value.magnitude)
        write(value.magnitude, endingBefore: end)
        return end
    }
}
