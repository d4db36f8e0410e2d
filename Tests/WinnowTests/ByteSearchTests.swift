import Testing
@testable import Winnow

@Suite struct ByteSearchTests {
    /// Inputs of every length up to 70 over bytes that exercise each test
    /// (controls, quotes, backslashes, high bytes), dense in every other
    /// input and sparse (whole 16-byte blocks without one) in the rest,
    /// compared with a plain loop.
    private static func inputs() -> [[UInt8]] {
        var generator = SeededGenerator(seed: 7)
        let alphabet: [UInt8] = [0x00, 0x09, 0x0A, 0x0D, 0x1F, 0x20, 0x22, 0x5C, 0x61, 0x77, 0x7F, 0x80, 0xA0, 0xC3, 0xED, 0xFF]
        return (0..<3_000).map { index in
            let odds: UInt64 = index % 2 == 0 ? 4 : 40
            return (0..<(index % 71)).map { _ in
                generator.next() % odds == 0 ? alphabet[Int(generator.next() % UInt64(alphabet.count))] : 0x61
            }
        }
    }

    @Test func singleByteSearchAgreesWithALoop() {
        for bytes in Self.inputs() {
            bytes.withUnsafeBufferPointer { buffer in
                for start in 0...bytes.count {
                    for byte: UInt8 in [0x0A, 0x0D, 0xFF] {
                        let expected = bytes[start...].firstIndex(of: byte) ?? bytes.count
                        #expect(ByteSearch.first(byte, in: buffer, from: start) == expected, "\(bytes) from \(start)")
                    }
                }
                #expect(ByteSearch.count(0x0A, in: buffer) == bytes.count(where: { $0 == 0x0A }), "\(bytes)")
            }
        }
        #expect([UInt8]().withUnsafeBufferPointer { ByteSearch.first(0x0A, in: $0, from: 0) } == 0)
        #expect([UInt8]().withUnsafeBufferPointer { ByteSearch.count(0x0A, in: $0) } == 0)
    }

    @Test func nonASCIISearchAgreesWithALoop() {
        for bytes in Self.inputs() {
            bytes.withUnsafeBufferPointer { buffer in
                for start in 0...bytes.count {
                    let expected = bytes[start...].firstIndex { $0 >= 0x80 } ?? bytes.count
                    #expect(ByteSearch.firstNonASCII(buffer, from: start) == expected, "\(bytes) from \(start)")
                }
            }
        }
    }

    @Test func controlSearchAgreesWithALoop() {
        for bytes in Self.inputs() {
            bytes.withUnsafeBufferPointer { buffer in
                for start in 0...bytes.count {
                    let expected = bytes[start...].firstIndex { $0 < 0x20 } ?? bytes.count
                    #expect(ByteSearch.firstControl(buffer, from: start) == expected, "\(bytes) from \(start)")
                }
            }
        }
    }

    @Test func stringSpecialSearchAgreesWithALoop() {
        for bytes in Self.inputs() {
            bytes.withUnsafeBufferPointer { buffer in
                for start in 0...bytes.count {
                    let expected = bytes[start...].firstIndex { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C } ?? bytes.count
                    #expect(ByteSearch.firstStringSpecial(buffer, from: start) == expected, "\(bytes) from \(start)")
                    let withSurrogates = bytes[start...].firstIndex { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0xED }
                    #expect(ByteSearch.firstStringSpecial(buffer, from: start, orSurrogateLead: true)
                        == withSurrogates ?? bytes.count, "\(bytes) from \(start)")
                }
            }
        }
    }

    @Test func substringSearchAgreesWithALoop() {
        let needle: [UInt8] = [0x77, 0x61]
        for bytes in Self.inputs() {
            let expected = bytes.indices.first { bytes[$0...].starts(with: needle) }
            #expect(bytes.withUnsafeBufferPointer { ByteSearch.firstIndex(of: needle, in: $0) } == expected, "\(bytes)")
        }
        #expect([UInt8]().withUnsafeBufferPointer { ByteSearch.firstIndex(of: needle, in: $0) } == nil)
    }

    /// A longer needle at every offset, after decoys that share its first
    /// and last byte (the pair each word-wide step tests) but not the rest.
    @Test func longNeedleIsFoundAtEveryOffsetPastDecoys() {
        let needle = Array("winnow-".utf8)
        for decoy in ["", "wxxxxx-", "winnow", "w-w-w-w-w-"] {
            for offset in 0...40 {
                let bytes = Array(decoy.utf8) + [UInt8](repeating: 0x61, count: offset) + needle + Array("tail".utf8)
                let expected = bytes.indices.first { bytes[$0...].starts(with: needle) }
                #expect(expected == decoy.utf8.count + offset)
                #expect(bytes.withUnsafeBufferPointer { ByteSearch.firstIndex(of: needle, in: $0) } == expected, "\(decoy) \(offset)")
                let missing = Array(bytes.dropLast(5 + 4))
                #expect(missing.withUnsafeBufferPointer { ByteSearch.firstIndex(of: needle, in: $0) } == nil, "\(decoy) \(offset)")
            }
        }
        #expect(Array("winnow".utf8).withUnsafeBufferPointer { ByteSearch.firstIndex(of: needle, in: $0) } == nil)
    }
}
