import Foundation
import Winnow

/// The progress display on standard error (``ProgressLine``): shown only
/// on a terminal, not under `--quiet`, and only once a run has lasted a
/// second; redrawn at most four times a second, and wiped at the end.
final class Progress {
    private let enabled: Bool
    private let totalBytes: Int?
    private let start = Date()
    private var lastDrawn = Date.distantPast
    private var shown = false
    private(set) var documents = 0
    private(set) var bytes = 0

    /// - Parameter inputs: the inputs of the run; the ETA needs all their
    ///   sizes, so standard input or a compressed file leaves it out.
    init(quiet: Bool, inputs: [InputFile]) {
        enabled = !quiet && isatty(STDERR_FILENO) != 0
        var total = 0
        for input in inputs {
            guard !input.isStandardInput, !input.path.hasSuffix(".gz"),
                  let size = (try? FileManager.default.attributesOfItem(atPath: input.path))?[.size] as? Int else {
                totalBytes = nil
                return
            }
            total += size
        }
        totalBytes = total
    }

    /// Counts `bytes` more input read and `documents` more documents done.
    func advance(bytes: Int, documents: Int = 0) {
        self.bytes += bytes
        self.documents += documents
        guard enabled else { return }
        let now = Date()
        let seconds = now.timeIntervalSince(start)
        guard seconds >= 1, now.timeIntervalSince(lastDrawn) >= 0.25 else { return }
        lastDrawn = now
        shown = true
        let line = ProgressLine.text(documents: self.documents, bytes: self.bytes, seconds: seconds, totalBytes: totalBytes)
        try? FileHandle.standardError.write(contentsOf: Data(("\r" + line + "\u{1B}[K").utf8))
    }

    /// Wipes the display, if it was shown.
    func finish() {
        if shown { try? FileHandle.standardError.write(contentsOf: Data("\r\u{1B}[K".utf8)) }
    }
}
