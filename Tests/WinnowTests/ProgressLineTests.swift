import Testing
@testable import Winnow

@Suite struct ProgressLineTests {
    @Test func countsSizeRateAndTimeLeft() {
        #expect(ProgressLine.text(documents: 12_345, bytes: 56_700_000, seconds: 2, totalBytes: 200_000_000) ==
            "12,345 documents, 56.7 MB, 28.4 MB/s, ETA 0:05")
        #expect(ProgressLine.text(documents: 1, bytes: 500_000, seconds: 1.5, totalBytes: nil) == "1 document, 0.5 MB, 0.3 MB/s")
        #expect(ProgressLine.text(documents: 3, bytes: 1_000, seconds: 2, totalBytes: 10_000_000_000) == "3 documents, 0.0 MB, 0.0 MB/s")
        #expect(ProgressLine.text(documents: 0, bytes: 100_000_000, seconds: 1, totalBytes: 7_300_000_000) ==
            "0 documents, 100.0 MB, 100.0 MB/s, ETA 1:12")
    }
}
