import CanonicalJSON
import Domain

/// The monthly counts of one unit, or of all units (SPEC §5 "Counts").
public struct StatusCounts: Hashable, Sendable {
    public var assigned = 0
    public var completedOnTime = 0
    public var completedLate = 0
    public var openOnTime = 0
    public var openOverdue = 0

    public init() {}

    /// Counts one task with `status`; withdrawn tasks are counted nowhere.
    mutating func count(_ status: TaskStatus) {
        switch status {
        case .withdrawn: return
        case .completedOnTime: completedOnTime += 1
        case .completedLate: completedLate += 1
        case .openOnTime: openOnTime += 1
        case .openOverdue: openOverdue += 1
        }
        assigned += 1
    }

    /// Adds a merged unit's counts into its successor's (`rollup=successor`); the rate is derived, so it follows.
    mutating func add(_ other: StatusCounts) {
        assigned += other.assigned
        completedOnTime += other.completedOnTime
        completedLate += other.completedLate
        openOnTime += other.openOnTime
        openOverdue += other.openOverdue
    }

    /// 100 × completedOnTime / assigned, exact and rounded once; `nil` when nothing was assigned.
    public var onTimeRate: TwoDecimals? { .percentage(completedOnTime, of: assigned) }

    /// The count of tasks with `status` (0 for `withdrawn`).
    public func count(of status: TaskStatus) -> Int {
        switch status {
        case .completedOnTime: completedOnTime
        case .completedLate: completedLate
        case .openOnTime: openOnTime
        case .openOverdue: openOverdue
        case .withdrawn: 0
        }
    }

    /// The SPEC §5 members, merged into a row's own members.
    var jsonMembers: [String: JSONValue] {
        [
            "assigned": .number(Double(assigned)),
            "completedOnTime": .number(Double(completedOnTime)),
            "completedLate": .number(Double(completedLate)),
            "openOnTime": .number(Double(openOnTime)),
            "openOverdue": .number(Double(openOverdue)),
            "onTimeRate": onTimeRate.json,
        ]
    }
}
