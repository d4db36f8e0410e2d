import Dispatch

/// A computation started on a Dispatch worker thread when the task is made,
/// whose result ``wait()`` returns; lets one thread hand on the results of
/// one batch while the next batch is computed.
final class BackgroundTask<Value>: @unchecked Sendable {
    // Written once by the worker before it leaves the group, read after the
    // group is waited for: the group orders the two.
    private var value: Value?
    private let group = DispatchGroup()

    init(_ compute: @escaping @Sendable () -> Value) {
        DispatchQueue.global().async(group: group) { self.value = compute() }
    }

    /// Blocks until the computation has finished, and returns its result.
    func wait() -> Value {
        group.wait()
        return value!
    }
}
