/// The demo's own pseudo-random generator: SplitMix64 (Steele, Lea and Flood, 2014).
///
/// The province must come out identical for a seed on every machine and every Swift version, so it never
/// touches `SystemRandomNumberGenerator` or the standard library's `random(in:)` algorithms (whose
/// mapping from bits to ranges is not promised to stay the same); every draw below is spelled out here.
struct DemoRandom: Sendable {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `range` (the modulo bias is below 2⁻⁴⁰ for the small ranges the demo draws).
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int(next() % width)
    }

    /// A uniform double in [0, 1), from the top 53 bits.
    mutating func unit() -> Double {
        Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `true` with probability `p`.
    mutating func chance(_ p: Double) -> Bool {
        unit() < p
    }

    /// One element of a non-empty array.
    mutating func pick<T>(_ items: [T]) -> T {
        items[int(0...(items.count - 1))]
    }

    /// An index drawn in proportion to `weights` (all ≥ 0, at least one > 0).
    mutating func weightedIndex(_ weights: [Double]) -> Int {
        var total = 0.0
        for w in weights { total += w }
        var target = unit() * total
        for (i, w) in weights.enumerated() {
            if target < w { return i }
            target -= w
        }
        return weights.count - 1
    }
}
