import Testing
@testable import Winnow

@Suite struct OrderedParallelMapTests {
    /// Every index is mapped once and lands in its place, whatever the
    /// number of threads and however the count divides into chunks.
    @Test(arguments: [1, 2, 3], [0, 1, OrderedParallelMap.chunkSize - 1, OrderedParallelMap.chunkSize + 1, 1_000])
    func resultsKeepIndexOrder(threads: Int, count: Int) {
        let results = OrderedParallelMap.map(count: count, threads: threads, placeholder: -1, state: { 7 }) { index, state in
            index * state
        }
        #expect(results == (0..<count).map { $0 * 7 })
    }
}
