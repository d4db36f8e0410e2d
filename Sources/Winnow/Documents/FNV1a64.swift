/// The 64-bit FNV-1a hash (Fowler, Noll and Vo; offset basis
/// 0xcbf29ce484222325, prime 0x100000001b3, as in draft-eastlake-fnv),
/// fed one byte at a time, the same on every run and machine.
struct FNV1a64 {
    /// The hash of the bytes combined so far.
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    @inline(__always)
    mutating func combine(_ byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x100_0000_01b3
    }

    mutating func combine(_ bytes: some Sequence<UInt8>) {
        for byte in bytes { combine(byte) }
    }
}
