/// An exact decimal with four places, stored as an integer count of ten-thousandths.
///
/// Policy weights have at most four decimals (rule `invalidPolicy`), so scores can be computed exactly
/// from counts with integers only: SPEC §5 forbids binary floating point for scores.
public struct Decimal4: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The value × 10,000.
    public let tenThousandths: Int64

    public init(tenThousandths: Int64) { self.tenThousandths = tenThousandths }

    public static func < (a: Decimal4, b: Decimal4) -> Bool { a.tenThousandths < b.tenThousandths }

    /// Shortest decimal text: `1`, `0.75`, `0.8500` is written `0.85`.
    public var description: String {
        let sign = tenThousandths < 0 ? "-" : ""
        let v = tenThousandths.magnitude
        let whole = v / 10_000
        var frac = String(v % 10_000)
        frac = String(repeating: "0", count: 4 - frac.count) + frac
        while frac.hasSuffix("0") { frac.removeLast() }
        return frac.isEmpty ? "\(sign)\(whole)" : "\(sign)\(whole).\(frac)"
    }
}

/// One band of a scoring policy: a score (rounded to 2 decimals) of at least `min` earns `label`.
public struct ScoreBand: Hashable, Sendable {
    /// The lower bound, as published (at most four decimals, like the weights).
    public var min: Decimal4
    public var label: String

    public init(min: Decimal4, label: String) {
        self.min = min
        self.label = label
    }
}

/// A scoring policy (SPEC §5): published by `ScoringPolicyPublished`, or the built-in `default-2026`.
public struct ScoringPolicy: Hashable, Sendable {
    public var policyId: String
    public var appliesFromYear: Int
    public var onTime: Decimal4
    public var late: Decimal4
    public var overdue: Decimal4
    /// As published (not re-sorted): reports print them in this order.
    public var bands: [ScoreBand]
    /// `seq` of the publishing event; 0 for the built-in policy.
    public var seq: UInt64

    public init(policyId: String, appliesFromYear: Int, onTime: Decimal4, late: Decimal4, overdue: Decimal4, bands: [ScoreBand], seq: UInt64) {
        self.policyId = policyId
        self.appliesFromYear = appliesFromYear
        self.onTime = onTime
        self.late = late
        self.overdue = overdue
        self.bands = bands
        self.seq = seq
    }

    /// The built-in policy, after Decree 335/2025/NĐ-CP: a late item loses 25%; bands 90 / 70 / 50.
    public static let default2026 = ScoringPolicy(
        policyId: "default-2026",
        appliesFromYear: 2026,
        onTime: Decimal4(tenThousandths: 10_000),
        late: Decimal4(tenThousandths: 7_500),
        overdue: Decimal4(tenThousandths: 0),
        bands: [
            ScoreBand(min: Decimal4(tenThousandths: 900_000), label: "Hoàn thành xuất sắc nhiệm vụ"),
            ScoreBand(min: Decimal4(tenThousandths: 700_000), label: "Hoàn thành tốt nhiệm vụ"),
            ScoreBand(min: Decimal4(tenThousandths: 500_000), label: "Hoàn thành nhiệm vụ"),
            ScoreBand(min: Decimal4(tenThousandths: 0), label: "Không hoàn thành nhiệm vụ"),
        ],
        seq: 0
    )
}

extension LedgerState {
    /// The policy for `year`: the latest published (in log order) with `appliesFromYear ≤ year`, else `default-2026`.
    public func policy(forYear year: Int) -> ScoringPolicy {
        policies.last(where: { $0.appliesFromYear <= year }) ?? .default2026
    }
}
