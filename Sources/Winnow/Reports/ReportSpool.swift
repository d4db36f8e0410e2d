import Foundation

/// Byte strings keyed by a path, handed back in report order: by key (UTF-8
/// byte order), and in the order they were added for equal keys. This is
/// what ``ReportWriter`` keeps of each file until the report is written, so
/// that a run holds at most ``memoryLimit`` bytes of it whatever the size of
/// its input.
///
/// An external merge sort (Knuth, TAOCP vol. 3, §5.4.1): entries are kept in
/// memory until they take more than ``memoryLimit`` bytes; then they are
/// sorted (stably) and written as one run to a temporary file, which is
/// unlinked as soon as it is created, so nothing is left behind whatever
/// ends the process. ``forEach(_:)`` merges the runs and the entries still
/// in memory, taking equal keys from the earlier run first, so the order is
/// that of one stable sort of every entry. A run that never fills
/// ``memoryLimit`` touches no file.
public final class ReportSpool {
    /// The most bytes of entries (keys, values and ``entryOverhead`` each)
    /// held in memory before they are written out as a run.
    public let memoryLimit: Int
    /// The folder of the temporary file.
    public let directory: String
    /// Bytes counted for each entry besides its key and value (two array
    /// headers and a tuple), so that many tiny entries also spill.
    static let entryOverhead = 64

    private var pending: [(key: [UInt8], value: [UInt8])] = []
    private var pendingBytes = 0
    /// Each run's byte range in the temporary file, in the order written.
    private var runs: [Range<Int>] = []
    private var file: Int32 = -1
    private var fileLength = 0

    /// - Parameters:
    ///   - memoryLimit: bytes held in memory before a run is written; the
    ///     default, 16 MiB, is the size of the segments the input is read in.
    ///   - directory: where the temporary file goes (default: `TMPDIR`, else `/tmp`).
    public init(memoryLimit: Int = 16 << 20, directory: String = NSTemporaryDirectory()) {
        self.memoryLimit = memoryLimit
        self.directory = directory
    }

    deinit {
        if file >= 0 { close(file) }
    }

    /// Adds `value` under `key`.
    /// - Throws: ``InputError`` naming the temporary folder when a run
    ///   cannot be written (no space left, no such folder).
    public func add(_ value: [UInt8], key: String) throws(InputError) {
        pending.append((Array(key.utf8), value))
        pendingBytes += key.utf8.count + value.count + Self.entryOverhead
        if pendingBytes > memoryLimit { try spill() }
    }

    /// Calls `body` with every key and value in report order. It may be
    /// called more than once; each call reads the runs again.
    /// - Throws: ``InputError`` when the temporary file cannot be read, and
    ///   what `body` throws.
    public func forEach(_ body: (String, [UInt8]) throws -> Void) throws {
        let memory = sorted(pending)
        var readers = runs.map { RunReader(file: file, range: $0) }
        var heads: [(key: [UInt8], value: [UInt8])?] = []
        for index in readers.indices { heads.append(try readers[index].next(path: directory)) }
        var memoryIndex = 0
        while true {
            // The smallest key; ties go to the earliest run, then to memory.
            var best: Int?
            for index in heads.indices {
                guard let head = heads[index] else { continue }
                if let current = best, !head.key.lexicographicallyPrecedes(heads[current]!.key) { continue }
                best = index
            }
            if memoryIndex < memory.count, best.map({ memory[memoryIndex].key.lexicographicallyPrecedes(heads[$0]!.key) }) ?? true {
                let entry = memory[memoryIndex]
                memoryIndex += 1
                try body(String(decoding: entry.key, as: UTF8.self), entry.value)
                continue
            }
            guard let best, let head = heads[best] else { return }
            heads[best] = try readers[best].next(path: directory)
            try body(String(decoding: head.key, as: UTF8.self), head.value)
        }
    }

    /// The pending entries sorted by key; `sorted(by:)` is stable.
    private func sorted(_ entries: [(key: [UInt8], value: [UInt8])]) -> [(key: [UInt8], value: [UInt8])] {
        entries.sorted { $0.key.lexicographicallyPrecedes($1.key) }
    }

    /// Writes the pending entries as one sorted run: for each, the key's and
    /// the value's length (8 bytes each, little-endian), then the key and the value.
    private func spill() throws(InputError) {
        if file < 0 {
            var template = Array((directory.hasSuffix("/") ? directory : directory + "/").utf8CString.dropLast())
                + Array("winnow-report-XXXXXX".utf8CString)
            let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            guard descriptor >= 0 else { throw failure("cannot create a temporary file") }
            template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
            file = descriptor
        }
        let start = fileLength
        var buffer: [UInt8] = []
        buffer.reserveCapacity(min(pendingBytes, 1 << 20))
        for entry in sorted(pending) {
            Self.appendLength(entry.key.count, to: &buffer)
            Self.appendLength(entry.value.count, to: &buffer)
            buffer += entry.key
            buffer += entry.value
            if buffer.count >= 1 << 20 { try write(&buffer) }
        }
        try write(&buffer)
        runs.append(start..<fileLength)
        pending = []
        pendingBytes = 0
    }

    private func write(_ buffer: inout [UInt8]) throws(InputError) {
        var written = 0
        while written < buffer.count {
            let count = buffer.withUnsafeBytes { pwrite(file, $0.baseAddress! + written, $0.count - written, off_t(fileLength + written)) }
            guard count > 0 else { throw failure("cannot write the temporary file") }
            written += count
        }
        fileLength += written
        buffer.removeAll(keepingCapacity: true)
    }

    private func failure(_ message: String) -> InputError {
        InputError(path: directory, message: "\(message) of the report: \(String(cString: strerror(errno)))")
    }

    private static func appendLength(_ length: Int, to buffer: inout [UInt8]) {
        withUnsafeBytes(of: UInt64(length).littleEndian) { buffer += $0 }
    }

    /// Reads one run's entries back, 64 KiB at a time.
    private struct RunReader {
        let file: Int32
        var range: Range<Int>
        private var buffer: [UInt8] = []
        private var position = 0

        init(file: Int32, range: Range<Int>) {
            self.file = file
            self.range = range
        }

        mutating func next(path: String) throws(InputError) -> (key: [UInt8], value: [UInt8])? {
            guard position < buffer.count || !range.isEmpty else { return nil }
            let header = try read(16, path: path)
            let keyLength = header[0..<8].reversed().reduce(0) { $0 << 8 | Int($1) }
            let valueLength = header[8..<16].reversed().reduce(0) { $0 << 8 | Int($1) }
            return (try read(keyLength, path: path), try read(valueLength, path: path))
        }

        private mutating func read(_ count: Int, path: String) throws(InputError) -> [UInt8] {
            var out: [UInt8] = []
            out.reserveCapacity(count)
            while out.count < count {
                if position == buffer.count {
                    guard !range.isEmpty else {
                        throw InputError(path: path, message: "the report's temporary file ended early")
                    }
                    let length = min(max(1 << 16, count - out.count), range.count)
                    buffer = [UInt8](repeating: 0, count: length)
                    let got = buffer.withUnsafeMutableBytes { pread(file, $0.baseAddress!, length, off_t(range.lowerBound)) }
                    guard got > 0 else {
                        throw InputError(path: path, message: "cannot read the report's temporary file: \(String(cString: strerror(errno)))")
                    }
                    buffer.removeLast(length - got)
                    range = (range.lowerBound + got)..<range.upperBound
                    position = 0
                }
                let take = min(count - out.count, buffer.count - position)
                out += buffer[position..<(position + take)]
                position += take
            }
            return out
        }
    }
}
