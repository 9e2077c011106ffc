import CanonicalJSON

/// A rate, score or median held exactly as a whole number of hundredths.
///
/// SPEC §5 forbids binary floating point for rates and scores: they are computed from integer counts as a
/// fraction, rounded once (half away from zero) to two decimals, and only then turned into a JSON number.
/// `Double(hundredths) / 100` is the double nearest to the decimal (IEEE division is correctly rounded), so
/// the canonical JSON encoder prints exactly the two-decimal text.
public struct TwoDecimals: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The value × 100.
    public let hundredths: Int64

    public init(hundredths: Int64) { self.hundredths = hundredths }

    /// `numerator / denominator` rounded half away from zero to a whole number of hundredths, i.e. the
    /// value is `round(numerator / denominator) / 100`. `nil` when `denominator` is 0.
    ///
    /// Callers pass the fraction already scaled to hundredths (e.g. `10_000 × onTime / assigned` for a
    /// percentage), so this is the only rounding step.
    public static func rounding(_ numerator: Int64, over denominator: Int64) -> TwoDecimals? {
        guard denominator != 0 else { return nil }
        let negative = (numerator < 0) != (denominator < 0)
        let n = numerator.magnitude
        let d = denominator.magnitude
        let q = n / d
        let r = n % d
        // Half away from zero: round the magnitude up when the remainder is at least half the divisor.
        let m = r >= d - r ? q + 1 : q
        let value = Int64(m)
        return TwoDecimals(hundredths: negative ? -value : value)
    }

    /// `100 × part / whole` as a percentage; `nil` when `whole` is 0.
    public static func percentage(_ part: Int, of whole: Int) -> TwoDecimals? {
        rounding(Int64(part) * 10_000, over: Int64(whole))
    }

    public static func < (a: TwoDecimals, b: TwoDecimals) -> Bool { a.hundredths < b.hundredths }

    /// The JSON number: at most two decimals once encoded.
    public var json: JSONValue { .number(Double(hundredths) / 100) }

    /// Shortest decimal text with `.`: `60.63`, `60.6`, `100`, `-0.5` (as the JSON number prints).
    public var description: String {
        let sign = hundredths < 0 ? "-" : ""
        let v = hundredths.magnitude
        let whole = v / 100
        let frac = v % 100
        if frac == 0 { return "\(sign)\(whole)" }
        if frac % 10 == 0 { return "\(sign)\(whole).\(frac / 10)" }
        return "\(sign)\(whole).\(frac < 10 ? "0" : "")\(frac)"
    }
}

extension Optional where Wrapped == TwoDecimals {
    /// The JSON number, or `null` when the figure is undefined (nothing to divide by).
    var json: JSONValue { map(\.json) ?? .null }
}
