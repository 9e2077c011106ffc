import CanonicalJSON

/// SplitMix64: a tiny deterministic generator, so that every random test replays exactly from its seed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random JSON values that reach the corners of the encoder: every kind of double, controls, quotes,
/// backslashes, non-ASCII and astral characters in strings and keys, and nesting.
struct RandomJSON {
    var generator: SeededGenerator

    init(seed: UInt64) { generator = SeededGenerator(seed: seed) }

    mutating func value(depth: Int = 0) -> JSONValue {
        let choice = depth >= 4 ? Int.random(in: 0..<4, using: &generator) : Int.random(in: 0..<6, using: &generator)
        switch choice {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &generator))
        case 2: return .number(number())
        case 3: return .string(string())
        case 4: return .array((0..<Int.random(in: 0..<5, using: &generator)).map { _ in value(depth: depth + 1) })
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<Int.random(in: 0..<5, using: &generator) { members[string()] = value(depth: depth + 1) }
            return .object(members)
        }
    }

    mutating func number() -> Double {
        switch Int.random(in: 0..<4, using: &generator) {
        case 0: return Double(Int.random(in: -1_000_000...1_000_000, using: &generator))
        case 1: return Double(Int.random(in: -99_999...99_999, using: &generator)) / 100
        case 2: return Double.random(in: -1e30...1e30, using: &generator)
        default:
            // Any finite bit pattern: subnormals, huge and tiny exponents, -0.
            while true {
                let candidate = Double(bitPattern: generator.next())
                if candidate.isFinite { return candidate }
            }
        }
    }

    mutating func string() -> String {
        let pool: [Unicode.Scalar] = [
            "a", "b", "Z", "1", " ", "\"", "\\", "/", "\u{0}", "\u{1}", "\u{8}", "\u{9}", "\u{A}", "\u{C}", "\u{D}", "\u{1F}",
            "\u{7F}", "\u{80}", "\u{F6}", "\u{20AC}", "\u{2028}", "\u{D7FF}", "\u{E000}", "\u{FB33}", "\u{FFFF}", "\u{10000}",
            "\u{1F600}", "\u{10FFFF}", "ệ", "Đ",
        ]
        var scalars = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0..<20, using: &generator) {
            scalars.append(pool[Int.random(in: 0..<pool.count, using: &generator)])
        }
        return String(scalars)
    }
}
