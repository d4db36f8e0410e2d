import CZlib

/// Streaming gzip (RFC 1952) through zlib, for `.jsonl.gz` corpora: inputs
/// that start with the gzip magic bytes 1F 8B are decompressed as they are
/// read, and outputs whose name ends in `.gz` are compressed as they are
/// written. Concatenated gzip members (as `cat a.gz b.gz` makes) are read
/// as one stream.
public enum Gzip {
    /// Whether `prefix` starts like a gzip stream.
    public static func isCompressed(_ prefix: some Collection<UInt8>) -> Bool {
        prefix.starts(with: [0x1F, 0x8B])
    }

    /// Decompresses a gzip stream handed in pieces.
    public final class Inflater {
        private var stream = z_stream()
        private var ended = false

        public init() {
            _ = winnow_inflate_init_gzip(&stream)
        }

        deinit { inflateEnd(&stream) }

        /// The bytes that `input` (the next piece of the compressed stream) decompresses to.
        /// - Throws: ``GzipError`` for data that is not gzip or is corrupt.
        public func inflate(_ input: [UInt8]) throws(GzipError) -> [UInt8] {
            var output: [UInt8] = []
            var input = input
            var buffer = [UInt8](repeating: 0, count: 256 * 1024)
            var position = 0
            while position < input.count {
                if ended {
                    // Another member follows the one that ended.
                    inflateReset(&stream)
                    ended = false
                }
                let status: Int32 = input.withUnsafeMutableBufferPointer { source in
                    buffer.withUnsafeMutableBufferPointer { target in
                        stream.next_in = source.baseAddress! + position
                        stream.avail_in = UInt32(source.count - position)
                        stream.next_out = target.baseAddress
                        stream.avail_out = UInt32(target.count)
                        let status = CZlib.inflate(&stream, Z_NO_FLUSH)
                        position = source.count - Int(stream.avail_in)
                        return status
                    }
                }
                let produced = buffer.count - Int(stream.avail_out)
                output += buffer[..<produced]
                switch status {
                case Z_STREAM_END: ended = true
                case Z_OK, Z_BUF_ERROR: continue
                default: throw GzipError(message: stream.msg.map { String(cString: $0) } ?? "corrupt gzip data (zlib \(status))")
                }
            }
            return output
        }

        /// Whether the input so far ended a whole gzip member.
        public var isComplete: Bool { ended }
    }

    /// Compresses bytes handed in pieces into one gzip member.
    public final class Deflater {
        private var stream = z_stream()

        public init() {
            _ = winnow_deflate_init_gzip(&stream, Z_DEFAULT_COMPRESSION)
        }

        deinit { deflateEnd(&stream) }

        /// The compressed bytes of `input`; with `finish`, the member's end too.
        public func deflate(_ input: [UInt8], finish: Bool = false) -> [UInt8] {
            var output: [UInt8] = []
            var input = input
            var buffer = [UInt8](repeating: 0, count: 256 * 1024)
            input.withUnsafeMutableBufferPointer { source in
                stream.next_in = source.baseAddress
                stream.avail_in = UInt32(source.count)
                var status: Int32
                repeat {
                    status = buffer.withUnsafeMutableBufferPointer { target in
                        stream.next_out = target.baseAddress
                        stream.avail_out = UInt32(target.count)
                        return CZlib.deflate(&stream, finish ? Z_FINISH : Z_NO_FLUSH)
                    }
                    output += buffer[..<(buffer.count - Int(stream.avail_out))]
                } while stream.avail_out == 0 || (finish && status == Z_OK)
            }
            return output
        }
    }
}

/// Compressed input that zlib could not read.
public struct GzipError: Error, Equatable {
    public let message: String
}
