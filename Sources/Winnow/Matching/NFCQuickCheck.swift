/// Decides, one Unicode scalar at a time, whether Unicode Normalization Form
/// C (NFC) can change text around a scalar, so that text already in NFC —
/// nearly all text — is not normalized at all.
///
/// The test is the NFC_Quick_Check of Unicode Standard Annex #15 ("Unicode
/// Normalization Forms", section 9), made conservative: a scalar "may
/// change" when its canonical combining class is not 0 (it may be reordered
/// or composed with the scalar before it), or when its NFC_Quick_Check is
/// No or Maybe. A scalar that may not change is a boundary: NFC never
/// combines it with what precedes it, so text can be normalized piece by
/// piece between such scalars.
///
/// Sources: the combining classes come from the Swift runtime
/// (`Unicode.Scalar.Properties.canonicalCombiningClass`, the runtime's
/// Unicode version); the scalars of combining class 0 whose NFC_Quick_Check
/// is not Yes are listed in ``quickCheckNotYesStarters``, taken from
/// DerivedNormalizationProps.txt of the Unicode Character Database 14.0.
/// Scalars outside the Basic Multilingual Plane are treated as "may change"
/// except in ranges that hold no decomposable or combining scalar (emoji and
/// symbols U+1F000–U+1FAFF, CJK ideographs U+20000–U+2F7FF and
/// U+30000–U+3FFFF); a scalar wrongly treated as "may change" costs a
/// normalization that leaves the text as it was, never a wrong result.
enum NFCQuickCheck {
    /// Whether NFC may change the text at the scalar `value` (a Unicode
    /// scalar value, not a byte). False for every ASCII scalar. `table` is
    /// ``bmpTable``, passed in so that a loop reads it without a lazy-global
    /// check per scalar.
    @inline(__always)
    static func mayChange(_ value: UInt32, table: UnsafeBufferPointer<UInt64>) -> Bool {
        if value < 0x300 { return false }
        if value < 0x10000 { return table[Int(value >> 6)] & (1 << UInt64(value & 63)) != 0 }
        switch value {
        case 0x1F000...0x1FAFF, 0x20000...0x2F7FF, 0x30000...0x3FFFF: return false
        default: return true
        }
    }

    /// Scalars of canonical combining class 0 whose NFC_Quick_Check is No
    /// (singletons such as U+212B ANGSTROM SIGN, composition exclusions such
    /// as U+0958) or Maybe (second parts of canonical compositions, such as
    /// Hangul medial vowels U+1161–U+1175), from DerivedNormalizationProps.txt
    /// (Unicode 14.0). Scalars with a non-zero combining class are not listed:
    /// they are found from their property.
    static let quickCheckNotYesStarters: [ClosedRange<UInt32>] = [
        0x0374...0x0374, 0x037E...0x037E, 0x0387...0x0387, 0x0958...0x095F, 0x09BE...0x09BE, 0x09D7...0x09D7,
        0x09DC...0x09DD, 0x09DF...0x09DF, 0x0A33...0x0A33, 0x0A36...0x0A36, 0x0A59...0x0A5B, 0x0A5E...0x0A5E,
        0x0B3E...0x0B3E, 0x0B56...0x0B57, 0x0B5C...0x0B5D, 0x0BBE...0x0BBE, 0x0BD7...0x0BD7, 0x0CC2...0x0CC2,
        0x0CD5...0x0CD6, 0x0D3E...0x0D3E, 0x0D57...0x0D57, 0x0DCF...0x0DCF, 0x0DDF...0x0DDF, 0x0F43...0x0F43,
        0x0F4D...0x0F4D, 0x0F52...0x0F52, 0x0F57...0x0F57, 0x0F5C...0x0F5C, 0x0F69...0x0F69, 0x0F73...0x0F73,
        0x0F75...0x0F76, 0x0F78...0x0F78, 0x0F81...0x0F81, 0x0F93...0x0F93, 0x0F9D...0x0F9D, 0x0FA2...0x0FA2,
        0x0FA7...0x0FA7, 0x0FAC...0x0FAC, 0x0FB9...0x0FB9, 0x102E...0x102E, 0x1161...0x1175, 0x11A8...0x11C2,
        0x1B35...0x1B35, 0x1F71...0x1F71, 0x1F73...0x1F73, 0x1F75...0x1F75, 0x1F77...0x1F77, 0x1F79...0x1F79,
        0x1F7B...0x1F7B, 0x1F7D...0x1F7D, 0x1FBB...0x1FBB, 0x1FBE...0x1FBE, 0x1FC9...0x1FC9, 0x1FCB...0x1FCB,
        0x1FD3...0x1FD3, 0x1FDB...0x1FDB, 0x1FE3...0x1FE3, 0x1FEB...0x1FEB, 0x1FEE...0x1FEF, 0x1FF9...0x1FF9,
        0x1FFB...0x1FFB, 0x1FFD...0x1FFD, 0x2000...0x2001, 0x2126...0x2126, 0x212A...0x212B, 0x2329...0x232A,
        0x2ADC...0x2ADC, 0xF900...0xFA0D, 0xFA10...0xFA10, 0xFA12...0xFA12, 0xFA15...0xFA1E, 0xFA20...0xFA20,
        0xFA22...0xFA22, 0xFA25...0xFA26, 0xFA2A...0xFA6D, 0xFA70...0xFAD9, 0xFB1D...0xFB1D, 0xFB1F...0xFB1F,
        0xFB2A...0xFB36, 0xFB38...0xFB3C, 0xFB3E...0xFB3E, 0xFB40...0xFB41, 0xFB43...0xFB44, 0xFB46...0xFB4E,
        0x11127...0x11127, 0x1133E...0x1133E, 0x11357...0x11357, 0x114B0...0x114B0, 0x114BA...0x114BA,
        0x114BD...0x114BD, 0x115AF...0x115AF, 0x11930...0x11930, 0x1D15E...0x1D164, 0x1D1BB...0x1D1C0,
        0x2F800...0x2FA1D,
    ]

    /// One bit per scalar of the Basic Multilingual Plane: set when it may change.
    static let bmpTable: [UInt64] = {
        var table = [UInt64](repeating: 0, count: 0x10000 / 64)
        func set(_ value: UInt32) { table[Int(value >> 6)] |= 1 << UInt64(value & 63) }
        // Blocks without combining marks are skipped to build the table faster:
        // CJK ideographs U+3400–U+9FFF, Yi U+A000–U+A4CF, Hangul syllables
        // U+AC00–U+D7AF, surrogates and private use U+D800–U+F8FF.
        let unmarked: [ClosedRange<UInt32>] = [0x3400...0x9FFF, 0xA000...0xA4CF, 0xAC00...0xD7AF, 0xD800...0xF8FF]
        var value: UInt32 = 0x300
        while value < 0x10000 {
            if let skip = unmarked.first(where: { $0.contains(value) }) {
                value = skip.upperBound + 1
                continue
            }
            if let scalar = Unicode.Scalar(value), scalar.properties.canonicalCombiningClass.rawValue != 0 { set(value) }
            value += 1
        }
        for range in quickCheckNotYesStarters where range.lowerBound < 0x10000 {
            for value in range { set(value) }
        }
        return table
    }()
}
