import Domain
import ProvinceTime

/// The monthly statistics for the Chairman (SPEC §5), as typed values; `json()`, `csv(table:)` and `html()`
/// write it out.
public struct MonthlyReport: Hashable, Sendable {
    /// The assignment period counted, inclusive.
    public var from: LocalDate
    public var to: LocalDate
    public var cutoff: Cutoff
    public var rollup: Rollup
    /// Counts per unit over tasks assigned in [from, to].
    public var units: [UnitRow<StatusCounts>]
    /// Counts over all units (unchanged by rollup).
    public var totals: StatusCounts
    /// Every task overdue at the cutoff, whatever its assignment date, by (unitId, taskId).
    public var overdue: [OverdueTask]
    public var overdueBuckets: OverdueBuckets
    /// Every open task due within 0…3 days of the cutoff date, by (unitId, taskId).
    public var dueSoon: [DueSoonTask]
    public var entryLag: EntryLag

    /// The tables `csv(table:)` can write.
    public static let tables: [ReportTable] = [.units, .overdue, .dueSoon]
}

/// A task open past its deadline at the cutoff.
public struct OverdueTask: Hashable, Sendable {
    public var taskId: String
    public var unitId: String
    public var unitName: String?
    public var title: String
    public var deadline: LocalDate
    /// Date of the cutoff − deadline; at least 1.
    public var daysOverdue: Int
}

/// A task not complete whose deadline is 0…3 days after the cutoff date (due today counts).
public struct DueSoonTask: Hashable, Sendable {
    public var taskId: String
    public var unitId: String
    public var unitName: String?
    public var title: String
    public var deadline: LocalDate
    /// Deadline − date of the cutoff, 0…3.
    public var daysLeft: Int
}

/// How many overdue tasks are 1–30, 31–90 and over 90 days overdue.
public struct OverdueBuckets: Hashable, Sendable {
    public var days1To30 = 0
    public var days31To90 = 0
    public var over90Days = 0

    public init(days1To30: Int = 0, days31To90: Int = 0, over90Days: Int = 0) {
        self.days1To30 = days1To30
        self.days31To90 = days31To90
        self.over90Days = over90Days
    }

    mutating func count(daysOverdue: Int) {
        if daysOverdue <= 30 {
            days1To30 += 1
        } else if daysOverdue <= 90 {
            days31To90 += 1
        } else {
            over90Days += 1
        }
    }
}

/// The Office's own promptness: days from the assigning document to its entry in the ledger.
public struct EntryLag: Hashable, Sendable {
    /// Tasks measured (the counted tasks).
    public var measured: Int
    /// The median lag in days (of an even count, the mean of the two middle values); `nil` when none.
    public var median: TwoDecimals?
    /// The longest lag in days; `nil` when none.
    public var max: Int?
    /// How many lags exceed 1 day.
    public var over1Day: Int

    /// Summarises `lags` (days); sorts its own copy.
    init(lags: [Int]) {
        let sorted = lags.sorted()
        measured = sorted.count
        over1Day = sorted.count { $0 > 1 }
        max = sorted.last
        if sorted.isEmpty {
            median = nil
        } else {
            let upper = sorted[sorted.count / 2]
            let lower = sorted.count % 2 == 0 ? sorted[sorted.count / 2 - 1] : upper
            // (lower + upper) / 2 days = (lower + upper) × 50 hundredths, exactly.
            median = TwoDecimals(hundredths: Int64(lower + upper) * 50)
        }
    }
}

extension MonthlyReport {
    /// Computes the report from the state folded up to the cutoff (SPEC §5 "Monthly statistics").
    init(state: LedgerState, cutoff: Cutoff, parameters: MonthlyParameters) throws(ReportError) {
        let date = cutoff.date
        let from = parameters.from ?? LocalDate.firstOfYear(date.year)
        let to = parameters.to ?? date
        guard from <= to else { throw .periodReversed(from: from, to: to) }

        var countsByUnit: [String: StatusCounts] = [:]
        var totals = StatusCounts()
        var lags: [Int] = []
        var overdue: [OverdueTask] = []
        var buckets = OverdueBuckets()
        var dueSoon: [DueSoonTask] = []

        for task in state.tasks.values where !task.isWithdrawn {
            let status = task.status(judgedOn: date)
            let assignedOn = task.assignedAt.localDate
            if from <= assignedOn && assignedOn <= to {
                countsByUnit[task.leadUnitId, default: StatusCounts()].count(status)
                totals.count(status)
                lags.append(assignedOn.days(since: task.sourceDocument.date))
            }
            if status == .openOverdue {
                let days = date.days(since: task.deadline)
                buckets.count(daysOverdue: days)
                overdue.append(
                    OverdueTask(
                        taskId: task.id,
                        unitId: task.leadUnitId,
                        unitName: state.units[task.leadUnitId]?.name,
                        title: task.title,
                        deadline: task.deadline,
                        daysOverdue: days
                    )
                )
            }
            let daysLeft = task.deadline.days(since: date)
            if !task.isComplete && (0...3).contains(daysLeft) {
                dueSoon.append(
                    DueSoonTask(
                        taskId: task.id,
                        unitId: task.leadUnitId,
                        unitName: state.units[task.leadUnitId]?.name,
                        title: task.title,
                        deadline: task.deadline,
                        daysLeft: daysLeft
                    )
                )
            }
        }
        overdue.sort { byUnitThenTask(($0.unitId, $0.taskId), ($1.unitId, $1.taskId)) }
        dueSoon.sort { byUnitThenTask(($0.unitId, $0.taskId), ($1.unitId, $1.taskId)) }

        self.from = from
        self.to = to
        self.cutoff = cutoff
        self.rollup = parameters.rollup
        self.units = UnitRow.rows(of: state, figuresByUnit: countsByUnit, rollup: parameters.rollup)
        self.totals = totals
        self.overdue = overdue
        self.overdueBuckets = buckets
        self.dueSoon = dueSoon
        self.entryLag = EntryLag(lags: lags)
    }
}

/// (unitId, taskId) in code-point order: how the lists are sorted.
func byUnitThenTask(_ a: (unit: String, task: String), _ b: (unit: String, task: String)) -> Bool {
    a.unit.utf8.elementsEqual(b.unit.utf8) ? codePointPrecedes(a.task, b.task) : codePointPrecedes(a.unit, b.unit)
}
