import CanonicalJSON
import Testing

/// Properties over many seeded random values and inputs.
struct RoundTripAndFuzzTests {
    /// parse(canonical(x)) == x, and canonicalizing again gives the identical bytes.
    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func canonicalFormRoundTrips(seed: UInt64) throws {
        var random = RandomJSON(seed: seed)
        for _ in 0..<2_000 {
            let value = random.value()
            let bytes = value.canonicalBytes
            let parsed = try JSONParser.parse(bytes)
            #expect(parsed == value)
            #expect(parsed.canonicalBytes == bytes)
        }
    }

    /// Random bytes, truncations and single-byte edits of valid documents: the parser answers, never
    /// traps, and whatever it accepts is stable under canonicalization.
    @Test func garbageNeverCrashes() {
        var generator = SeededGenerator(seed: 0xBAD)
        var random = RandomJSON(seed: 0x600D)
        let alphabet = Array(#"{}[]":,.-+eE0123456789 \truefalsnl/u"#.utf8) + [0x00, 0x0A, 0x7F, 0x80, 0xC3, 0xA9, 0xED, 0xF0, 0xFF]
        for round in 0..<20_000 {
            var bytes: [UInt8]
            switch round % 3 {
            case 0:
                bytes = (0..<Int.random(in: 0..<40, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            case 1:
                let valid = random.value().canonicalBytes
                bytes = Array(valid.prefix(Int.random(in: 0...valid.count, using: &generator)))
            default:
                bytes = random.value().canonicalBytes
                if !bytes.isEmpty {
                    bytes[Int.random(in: 0..<bytes.count, using: &generator)] = alphabet.randomElement(using: &generator)!
                }
            }
            if let value = try? JSONParser.parse(bytes) {
                let canonical = value.canonicalBytes
                #expect((try? JSONParser.parse(canonical)) == value)
            }
        }
    }
}
