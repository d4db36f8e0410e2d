/// The one-line progress display of a long run on a terminal, as
/// `1,234 documents, 56.7 MB, 23.4 MB/s, ETA 0:12` (MB are 10^6 bytes of
/// input read; the ETA needs the input's total size, a second of history and
/// 1 % of the input done).
public enum ProgressLine {
    /// - Parameters:
    ///   - bytes: input bytes read so far;
    ///   - seconds: time since the run started;
    ///   - totalBytes: the size of all the inputs, when known.
    public static func text(documents: Int, bytes: Int, seconds: Double, totalBytes: Int?) -> String {
        let megabytes = Double(bytes) / 1_000_000
        let rate = seconds > 0 ? megabytes / seconds : 0
        var parts = ["\(grouped(documents)) document\(documents == 1 ? "" : "s")", "\(oneDecimal(megabytes)) MB",
                     "\(oneDecimal(rate)) MB/s"]
        if let totalBytes, rate > 0, seconds >= 1, bytes * 100 >= totalBytes {
            let remaining = max(0, Double(totalBytes - bytes) / 1_000_000 / rate)
            let whole = Int(remaining.rounded())
            parts.append("ETA \(whole / 60):\(String(whole % 60).leftPadded(to: 2))")
        }
        return parts.joined(separator: ", ")
    }

    private static func grouped(_ number: Int) -> String {
        var digits = String(number)
        var groups: [String] = []
        while digits.count > 3 {
            groups.insert(String(digits.suffix(3)), at: 0)
            digits.removeLast(3)
        }
        return ([digits] + groups).joined(separator: ",")
    }

    private static func oneDecimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
