import Dispatch

/// Maps the indices `0..<count` on several threads and keeps the results in
/// index order, so the outcome does not depend on the number of threads.
/// Indices are dealt out in turn (thread `w` of `n` takes `w`, `w + n`, …),
/// which balances records of mixed sizes without a shared queue; each
/// thread makes its own `state` (match scratch, say) once.
enum OrderedParallelMap {
    /// `transform(index, state)` for each index of `0..<count`, in index
    /// order, computed on `min(threads, count)` threads (Dispatch's
    /// `concurrentPerform`; on the calling thread when that is one).
    static func map<State, Element>(count: Int, threads: Int, placeholder: Element,
                                    state makeState: @escaping @Sendable () -> State,
                                    _ transform: @escaping @Sendable (Int, State) -> Element) -> [Element] {
        var results = [Element](repeating: placeholder, count: count)
        let workers = max(1, min(threads, count))
        results.withUnsafeMutableBufferPointer { buffer in
            // Each index is written by exactly one worker.
            nonisolated(unsafe) let output = buffer
            let work: @Sendable (Int) -> Void = { worker in
                let state = makeState()
                for index in stride(from: worker, to: count, by: workers) { output[index] = transform(index, state) }
            }
            if workers == 1 {
                work(0)
            } else {
                DispatchQueue.concurrentPerform(iterations: workers, execute: work)
            }
        }
        return results
    }
}
