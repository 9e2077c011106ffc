import CanonicalJSON
import Domain

/// The annual figures of a unit, a head's tenure or a person (SPEC §5 "Annual scoring").
///
/// Only the counts are stored; score and band are derived from them and the policy, so summing the counts
/// of merged units (`rollup=successor`) recomputes the score rather than averaging scores.
public struct ScoreFigures: Hashable, Sendable {
    /// Tasks in scope: not withdrawn, deadline in the year, and complete or past the deadline.
    public var due = 0
    public var completedOnTime = 0
    public var completedLate = 0
    public var openOverdue = 0
    public var quality = QualityCounts()

    public init() {}

    /// Counts a task in scope. `openOnTime` tasks are not scored yet, so callers never pass them.
    mutating func count(_ status: TaskStatus, grade: Grade?) {
        switch status {
        case .completedOnTime: completedOnTime += 1
        case .completedLate: completedLate += 1
        case .openOverdue: openOverdue += 1
        case .openOnTime, .withdrawn: return
        }
        due += 1
        quality.count(grade)
    }

    mutating func add(_ other: ScoreFigures) {
        due += other.due
        completedOnTime += other.completedOnTime
        completedLate += other.completedLate
        openOverdue += other.openOverdue
        quality.add(other.quality)
    }

    /// 100 × (wOnTime·onTime + wLate·late + wOverdue·overdue) / due, rounded once half away from zero to
    /// 2 decimals; `nil` when nothing is due.
    ///
    /// Weights are ten-thousandths, so the weighted sum is an integer count of 1/10,000 points and
    /// `100 × sum / 10,000 / due` in hundredths is exactly `sum / due`.
    public func score(under policy: ScoringPolicy) -> TwoDecimals? {
        let weighted =
            policy.onTime.tenThousandths * Int64(completedOnTime)
            + policy.late.tenThousandths * Int64(completedLate)
            + policy.overdue.tenThousandths * Int64(openOverdue)
        return .rounding(weighted, over: Int64(due))
    }

    /// The band with the greatest `min` ≤ the rounded score; `nil` when the score is `nil` or below every band.
    public func band(under policy: ScoringPolicy) -> ScoreBand? {
        guard let score = score(under: policy) else { return nil }
        let scoreTenThousandths = score.hundredths * 100
        var best: ScoreBand?
        for band in policy.bands where band.min.tenThousandths <= scoreTenThousandths {
            if best.map({ band.min > $0.min }) ?? true { best = band }
        }
        return best
    }

    /// The SPEC §5 members, merged into a row's own members.
    func jsonMembers(under policy: ScoringPolicy) -> [String: JSONValue] {
        [
            "due": .number(Double(due)),
            "completedOnTime": .number(Double(completedOnTime)),
            "completedLate": .number(Double(completedLate)),
            "openOverdue": .number(Double(openOverdue)),
            "score": score(under: policy).json,
            "band": band(under: policy).map { .string($0.label) } ?? .null,
            "quality": quality.json,
        ]
    }
}
