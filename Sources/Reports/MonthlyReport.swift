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
    ///
    /// One pass over the task rows: counts go into an array indexed by the lead unit's interned index (no string
    /// hashing, no copy of a task), and listed tasks are kept as small records of row indexes, sorted by the unit's
    /// rank in code-point order and then the task id. Only then does each listed task become an item, with its
    /// title from `title`, which the ledger answers from the log (the state keeps no titles).
    init(state: LedgerState, cutoff: Cutoff, parameters: MonthlyParameters, title: (TaskRow) -> String) throws(ReportError) {
        let date = cutoff.date
        let from = parameters.from ?? LocalDate.firstOfYear(date.year)
        let to = parameters.to ?? date
        guard from <= to else { throw .periodReversed(from: from, to: to) }

        let tasks = state.tasks.rows
        let ids = state.tasks.ids
        let unitRank = Self.codePointRanks(of: ids)
        var countsByIndex = [StatusCounts](repeating: StatusCounts(), count: ids.count)
        var totals = StatusCounts()
        var lags: [Int] = []
        var overdueRows: [ListedRow] = []
        var buckets = OverdueBuckets()
        var dueSoonRows: [ListedRow] = []

        for index in tasks.indices where !tasks[index].isWithdrawn {
            let task = tasks[index]
            let status = task.status(judgedOn: date)
            let assignedOn = task.assignedAt.localDate
            if from <= assignedOn && assignedOn <= to {
                countsByIndex[Int(task.lead)].count(status)
                totals.count(status)
                lags.append(assignedOn.days(since: task.sourceDocumentDate))
            }
            let deadline = task.deadline
            if status == .openOverdue {
                let days = date.days(since: deadline)
                buckets.count(daysOverdue: days)
                overdueRows.append(ListedRow(task, unitRank: unitRank[Int(task.lead)], row: index, days: days))
            }
            let daysLeft = deadline.days(since: date)
            if !task.isComplete && (0...3).contains(daysLeft) {
                dueSoonRows.append(ListedRow(task, unitRank: unitRank[Int(task.lead)], row: index, days: daysLeft))
            }
        }
        func byUnitThenTask(_ a: ListedRow, _ b: ListedRow) -> Bool {
            if a.unitRank != b.unitRank { return a.unitRank < b.unitRank }
            if a.idHigh != b.idHigh { return a.idHigh < b.idHigh }
            if a.idLow != b.idLow { return a.idLow < b.idLow }
            // Equal first 16 bytes: the ids are equal up to the shorter one's end unless one goes on past 16 bytes.
            if a.idLength > 16 || b.idLength > 16 { return codePointPrecedes(tasks[Int(a.row)].id, tasks[Int(b.row)].id) }
            return a.idLength < b.idLength
        }
        overdueRows.sort(by: byUnitThenTask)
        dueSoonRows.sort(by: byUnitThenTask)

        // Unit names, once per unit rather than once per listed task.
        var unitNames = [String?](repeating: nil, count: ids.count)
        var namesLooked = [Bool](repeating: false, count: ids.count)
        func unitName(_ unit: UInt32) -> String? {
            if !namesLooked[Int(unit)] {
                namesLooked[Int(unit)] = true
                unitNames[Int(unit)] = state.units[ids[unit]]?.name
            }
            return unitNames[Int(unit)]
        }
        /// The items of one list, in its sorted order: each listed task with its unit's name, its title and its days.
        func items<Item>(_ listed: [ListedRow], _ make: (TaskRow, _ unitName: String?, _ title: String, _ days: Int) -> Item) -> [Item] {
            listed.map { entry in
                let task = tasks[Int(entry.row)]
                return make(task, unitName(task.lead), title(task), Int(entry.days))
            }
        }
        let overdue = items(overdueRows) { task, unitName, title, days in
            OverdueTask(taskId: task.id, unitId: ids[task.lead], unitName: unitName, title: title, deadline: task.deadline, daysOverdue: days)
        }
        let dueSoon = items(dueSoonRows) { task, unitName, title, days in
            DueSoonTask(taskId: task.id, unitId: ids[task.lead], unitName: unitName, title: title, deadline: task.deadline, daysLeft: days)
        }
        var countsByUnit: [String: StatusCounts] = [:]
        for (index, counts) in countsByIndex.enumerated() where counts.assigned > 0 { countsByUnit[ids[UInt32(index)]] = counts }

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

    /// A task in the overdue or due-soon list before it becomes an item: a small record to sort instead of an item
    /// with five strings. The first 16 bytes of the task id, big-endian and zero-padded, compare as the id's bytes do,
    /// so tasks of one unit (a hundred thousand overdue ones at 10M events) are ordered by integer comparisons; the
    /// full ids are compared only when those bytes are equal and an id is longer.
    private struct ListedRow {
        /// The lead unit's place in code-point order among the interned ids.
        var unitRank: Int32
        var row: Int32
        /// `daysOverdue` or `daysLeft`.
        var days: Int32
        var idLength: Int32
        /// The id's UTF-8 bytes 0–7 and 8–15, each as a big-endian number.
        var idHigh: UInt64
        var idLow: UInt64

        init(_ task: TaskRow, unitRank: Int32, row: Int, days: Int) {
            self.unitRank = unitRank
            self.row = Int32(row)
            self.days = Int32(days)
            var id = task.id
            (idLength, idHigh, idLow) = id.withUTF8 { bytes in
                func word(from start: Int) -> UInt64 {
                    var word: UInt64 = 0
                    for i in start..<(start + 8) { word = word << 8 | UInt64(i < bytes.count ? bytes[i] : 0) }
                    return word
                }
                return (Int32(clamping: bytes.count), word(from: 0), word(from: 8))
            }
        }
    }

    /// The place of each interned id in code-point order, so that sorting thousands of listed tasks by unit
    /// compares integers; ids are few (units and people), sorted once.
    private static func codePointRanks(of ids: InternedIds) -> [Int32] {
        let order = ids.strings.indices.sorted { codePointPrecedes(ids.strings[$0], ids.strings[$1]) }
        var rank = [Int32](repeating: 0, count: ids.count)
        for (place, index) in order.enumerated() { rank[index] = Int32(place) }
        return rank
    }
}
