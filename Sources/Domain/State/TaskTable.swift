import ProvinceTime

/// Every task of the ledger: rows in assignment order, an index from task id to row, and the unit and person ids
/// the rows name (`InternedIds`).
///
/// Tasks are never removed by the fold, so rows only grow and a task keeps its row. The order of `rows` is the
/// order of `TaskAssigned` events, and it is part of the value: two tables are equal when they hold the same rows in
/// the same order and the same ids in the same order, which is what folding the same events always gives (live,
/// `rebuild`, snapshot + tail). A snapshot keeps both orders, so equal tables encode to equal bytes.
///
/// Reads that need every task (reports, task lists) walk `rows` and look ids up in `ids`; `self[taskId]` gives a
/// `TaskState` view for code that wants one task with its ids spelled out.
public struct TaskTable: Sendable {
    public private(set) var rows: ContiguousArray<TaskRow> = []
    public private(set) var ids = InternedIds()
    /// Row index by task id (32 bits: four thousand million tasks is beyond any province).
    private var rowIndexById: [String: Int32] = [:]

    public init() {}

    /// A table from stored parts (`StateCodec`); `nil` when a task id repeats or a row names an id the table lacks.
    public init?(ids: InternedIds, rows: ContiguousArray<TaskRow>) {
        self.ids = ids
        self.rows = rows
        rowIndexById.reserveCapacity(rows.count)
        let n = UInt32(ids.count)
        for (index, row) in rows.enumerated() {
            guard rowIndexById.updateValue(Int32(index), forKey: row.id) == nil else { return nil }
            guard row.lead < n, row.assignee < n || row.assignee == InternedIds.none,
                row.reportUnit < n || row.reportUnit == InternedIds.none,
                row.resultUnit < n || row.resultUnit == InternedIds.none,
                row.coordinating.allSatisfy({ $0 < n })
            else { return nil }
        }
    }

    public var count: Int { rows.count }
    public var isEmpty: Bool { rows.isEmpty }

    /// Whether a task with this id was assigned.
    public func contains(_ taskId: String) -> Bool { rowIndexById[taskId] != nil }

    /// The row of `taskId`.
    public func row(_ taskId: String) -> TaskRow? { rowIndexById[taskId].map { rows[Int($0)] } }

    /// Every task id, in assignment order.
    public var keys: LazyMapSequence<ContiguousArray<TaskRow>, String> { rows.lazy.map(\.id) }

    /// Every task as a `TaskState` view, in assignment order. Each view spells out its ids: for a single pass over
    /// many tasks, read `rows` instead.
    public var values: LazyMapSequence<ContiguousArray<TaskRow>, TaskState> { rows.lazy.map { view($0) } }

    /// The `TaskState` view of a row of this table.
    public func view(_ row: TaskRow) -> TaskState {
        var task = TaskState(
            id: row.id,
            issuer: row.issuer,
            sourceDocumentDate: row.sourceDocumentDate,
            leadUnitId: ids[row.lead],
            coordinatingUnitIds: row.coordinating.map { ids[$0] },
            assigneePersonId: ids.optional(row.assignee),
            deadline: row.originalDeadline,
            assignedAt: row.assignedAt,
            assignedSeq: row.assignedSeq
        )
        task.deadline = row.deadline
        task.correctionSeqs = row.correctionSeqs
        if row.hasReportDocument {
            task.reportDocument = SubmittedReport(
                documentDate: LocalDate(dayNumber: Int(row.reportDocumentDay)),
                unitId: ids[row.reportUnit],
                recordedAt: row.reportRecordedAt,
                seq: row.reportSeq
            )
        }
        if row.hasResult {
            task.result = EnteredResult(unitId: ids[row.resultUnit], recordedAt: row.resultRecordedAt, seq: row.resultSeq)
        }
        task.grade = row.grade
        task.withdrawnAt = row.withdrawnAt
        task.mergeSeqs = row.mergeSeqs
        return task
    }

    /// The task with this id as a view. Setting a view stores it (the fold never does: `apply` updates rows in
    /// place; tests and tools build states this way). The key must be the view's `id`; setting `nil` removes the
    /// task, which moves every later row up one.
    public subscript(taskId: String) -> TaskState? {
        get { row(taskId).map { view($0) } }
        set {
            guard let newValue else {
                if let index = rowIndexById.removeValue(forKey: taskId) {
                    rows.remove(at: Int(index))
                    for i in Int(index)..<rows.count { rowIndexById[rows[i].id] = Int32(i) }
                }
                return
            }
            precondition(newValue.id == taskId, "a task is stored under its own id")
            let row = makeRow(newValue)
            if let index = rowIndexById[taskId] {
                rows[Int(index)] = row
            } else {
                append(row)
            }
        }
    }

    private mutating func makeRow(_ t: TaskState) -> TaskRow {
        TaskRow(
            id: t.id,
            issuer: t.issuer,
            sourceDocumentDay: Self.day(t.sourceDocumentDate),
            lead: ids.intern(t.leadUnitId),
            coordinating: t.coordinatingUnitIds.map { ids.intern($0) },
            assignee: ids.intern(t.assigneePersonId),
            originalDeadlineDay: Self.day(t.originalDeadline),
            deadlineDay: Self.day(t.deadline),
            assignedAt: t.assignedAt,
            assignedSeq: t.assignedSeq,
            correctionSeqs: t.correctionSeqs,
            reportDocumentDay: t.reportDocument.map { Self.day($0.documentDate) } ?? 0,
            reportUnit: ids.intern(t.reportDocument?.unitId),
            reportRecordedAt: t.reportDocument?.recordedAt ?? Instant(millisecondsSinceEpoch: 0),
            reportSeq: t.reportDocument?.seq ?? 0,
            resultUnit: ids.intern(t.result?.unitId),
            resultRecordedAt: t.result?.recordedAt ?? Instant(millisecondsSinceEpoch: 0),
            resultSeq: t.result?.seq ?? 0,
            grade: t.grade,
            withdrawnAtMilliseconds: t.withdrawnAt?.millisecondsSinceEpoch ?? .min,
            mergeSeqs: t.mergeSeqs
        )
    }

    /// A date as a row stores it. Dates come from `YYYY-MM-DD` (years 1…9999), whose day numbers fit in 32 bits.
    static func day(_ date: LocalDate) -> Int32 { Int32(truncatingIfNeeded: date.dayNumber) }

    // MARK: - The fold's access (in place, no view)

    mutating func intern(_ id: String) -> UInt32 { ids.intern(id) }
    mutating func intern(_ id: String?) -> UInt32 { ids.intern(id) }

    mutating func append(_ row: TaskRow) {
        precondition(rowIndexById[row.id] == nil, "a task id is assigned once")
        rowIndexById[row.id] = Int32(rows.count)
        rows.append(row)
    }

    /// Changes the row of `taskId` in place; `false` when there is no such task.
    @discardableResult
    mutating func update(_ taskId: String, _ change: (inout TaskRow) -> Void) -> Bool {
        guard let index = rowIndexById[taskId] else { return false }
        change(&rows[Int(index)])
        return true
    }

    /// Changes, in place, every row `matches` accepts.
    mutating func updateAll(where matches: (TaskRow) -> Bool, _ change: (inout TaskRow) -> Void) {
        for index in rows.indices where matches(rows[index]) { change(&rows[index]) }
    }
}

extension TaskTable: Hashable {
    /// The row index is derived from `rows`, so it takes no part.
    public static func == (a: TaskTable, b: TaskTable) -> Bool { a.ids == b.ids && a.rows == b.rows }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(ids)
        hasher.combine(rows)
    }
}

extension TaskTable {
    /// The ids of the tasks whose views differ between the two tables, or that only one holds, in code-point order;
    /// for saying where two states disagree (`rebuild`). Views are compared, so two tables that hold the same tasks
    /// with ids interned in another order report no task, though they are not `==`.
    public func differingTaskIds(from other: TaskTable) -> [String] {
        var out: [String] = []
        for row in rows where self.view(row) != other[row.id] { out.append(row.id) }
        for row in other.rows where !contains(row.id) { out.append(row.id) }
        return out.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
