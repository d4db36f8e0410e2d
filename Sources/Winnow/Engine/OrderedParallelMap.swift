import Dispatch
import Synchronization

/// Maps the indices `0..<count` on several threads and keeps the results in
/// index order, so the outcome does not depend on the number of threads.
/// Threads take the next chunk of ``chunkSize`` indices from a shared
/// atomic counter as they finish the last, so a thread that gets less of
/// the processor (the one reading the next segment shares a core with a
/// worker) does less of the work, and no thread waits for another's share;
/// each thread makes its own `state` (match scratch, say) once.
enum OrderedParallelMap {
    /// Indices a thread takes at once: enough to make the counter's cost
    /// vanish beside a record's scan, few enough to even out the end.
    static let chunkSize = 16

    /// `transform(index, state)` for each index of `0..<count`, in index
    /// order, computed on `min(threads, count)` threads (Dispatch's
    /// `concurrentPerform`; on the calling thread when that is one).
    static func map<State, Element>(count: Int, threads: Int, placeholder: Element,
                                    state makeState: @escaping @Sendable () -> State,
                                    _ transform: @escaping @Sendable (Int, State) -> Element) -> [Element] {
        var results = [Element](repeating: placeholder, count: count)
        let workers = max(1, min(threads, count))
        let next = NextIndex()
        results.withUnsafeMutableBufferPointer { buffer in
            // Each index is written by exactly one worker.
            nonisolated(unsafe) let output = buffer
            let work: @Sendable (Int) -> Void = { _ in
                let state = makeState()
                while true {
                    let start = next.value.wrappingAdd(chunkSize, ordering: .relaxed).oldValue
                    guard start < count else { break }
                    for index in start..<min(start + chunkSize, count) { output[index] = transform(index, state) }
                }
            }
            if workers == 1 {
                work(0)
            } else {
                DispatchQueue.concurrentPerform(iterations: workers, execute: work)
            }
        }
        return results
    }

    /// The first index no thread has taken yet.
    private final class NextIndex: Sendable {
        let value = Atomic<Int>(0)
    }
}
