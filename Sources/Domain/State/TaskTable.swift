import ProvinceTime

/// Every task of the ledger: rows in assignment order, an index from task id to row, and the unit and person ids
/// (`InternedIds`) and coordinating lists (`InternedLists`) the rows name.
///
/// Tasks are never removed by the fold, so rows only grow and a task keeps its row. The order of `rows` is the
/// order of `TaskAssigned` events, and it is part of the value: two tables are equal when they hold the same rows in
/// the same order and the same ids and coordinating lists in the same order, which is what folding the same events
/// always gives (live, `rebuild`, snapshot + tail). A snapshot keeps these orders, so equal tables encode to equal
/// bytes.
///
/// Reads that need every task (reports, task lists) walk `rows` and look ids up in `ids`; `self[taskId]` gives a
/// `TaskState` view for code that wants one task with its ids spelled out.
public struct TaskTable: Sendable {
    public private(set) var rows: ContiguousArray<TaskRow> = []
    public private(set) var ids = InternedIds()
    public private(set) var coordinatingLists = InternedLists()
    /// Row by task id, derived from `rows`.
    private var rowIndex = TaskRowIndex()

    public init() {}

    /// A table from stored parts (`StateCodec`); `nil` when a task id repeats or a row names an id or a list the
    /// table lacks.
    public init?(ids: InternedIds, coordinatingLists: InternedLists, rows: ContiguousArray<TaskRow>) {
        let n = UInt32(ids.count)
        guard coordinatingLists.lists.allSatisfy({ $0.allSatisfy { $0 < n } }) else { return nil }
        self.ids = ids
        self.coordinatingLists = coordinatingLists
        self.rows = rows
        rowIndex.reserve(rows.count, rows: [])
        let lists = UInt32(coordinatingLists.count)
        for index in rows.indices {
            let row = rows[index]
            guard rowIndex.insert(row.id, at: Int32(index), rows: rows) else { return nil }
            guard row.lead < n, row.coordinatingList < lists, row.assignee < n || row.assignee == InternedIds.none,
                row.reportSeq == 0 ? row.reportUnit == InternedIds.none : row.reportUnit < n,
                row.resultSeq == 0 ? row.resultUnit == InternedIds.none : row.resultUnit < n
            else { return nil }
        }
    }

    public var count: Int { rows.count }
    public var isEmpty: Bool { rows.isEmpty }

    /// Whether a task with this id was assigned.
    public func contains(_ taskId: String) -> Bool { rowIndex.find(taskId, rows: rows) != nil }

    /// The row of `taskId`.
    public func row(_ taskId: String) -> TaskRow? { rowIndex.find(taskId, rows: rows).map { rows[Int($0)] } }

    /// The coordinating units of a row of this table, as `InternedIds` indexes.
    public func coordinating(of row: TaskRow) -> [UInt32] { coordinatingLists[row.coordinatingList] }

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
            coordinatingUnitIds: coordinating(of: row).map { ids[$0] },
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
                if let index = rowIndex.find(taskId, rows: rows) {
                    rows.remove(at: Int(index))
                    rowIndex = TaskRowIndex()
                    rowIndex.reserve(rows.count, rows: rows)
                }
                return
            }
            precondition(newValue.id == taskId, "a task is stored under its own id")
            let row = makeRow(newValue)
            if let index = rowIndex.find(taskId, rows: rows) {
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
            coordinatingList: coordinatingLists.intern(t.coordinatingUnitIds.map { ids.intern($0) }),
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

    /// The list index of `units` (interned indexes), added when new.
    mutating func internList(_ units: [UInt32]) -> UInt32 { coordinatingLists.intern(units) }

    mutating func append(_ row: TaskRow) {
        rowIndex.reserve(rows.count + 1, rows: rows)
        precondition(rowIndex.insert(row.id, at: Int32(rows.count), rows: rows), "a task id is assigned once")
        rows.append(row)
    }

    /// The index of the row of `taskId`.
    func rowIndex(of taskId: String) -> Int? { rowIndex.find(taskId, rows: rows).map { Int($0) } }

    /// Changes the row of `taskId` in place; `false` when there is no such task.
    @discardableResult
    mutating func update(_ taskId: String, _ change: (inout TaskRow) -> Void) -> Bool {
        guard let index = rowIndex.find(taskId, rows: rows) else { return false }
        change(&rows[Int(index)])
        return true
    }

    /// Changes the row at `index` in place.
    mutating func update(at index: Int, _ change: (inout TaskRow) -> Void) { change(&rows[index]) }
}

/// Task id → row, as an open-addressing table of 32-bit row numbers (linear probing, at most half full) that
/// compares against the ids in the rows themselves. A `[String: Int32]` would store every id a second time and keep
/// 20 bytes a bucket; this keeps 4, about 10 bytes a task instead of about 50 at 1.7 million tasks. Derived data:
/// built from the rows, never stored, no part of the value. String hashes are seeded per process, which is fine for
/// a table that lives only in memory.
private struct TaskRowIndex: Sendable {
    private var slots: [Int32] = []

    /// Makes room for `count` ids, keeping the table at most half full; when it grows, the ids of `rows` (every row
    /// the table holds) are placed again.
    mutating func reserve(_ count: Int, rows: ContiguousArray<TaskRow>) {
        guard count * 2 > slots.count else { return }
        var capacity = max(16, slots.count)
        while count * 2 > capacity { capacity *= 2 }
        slots = [Int32](repeating: -1, count: capacity)
        for index in rows.indices { place(rows[index].id, Int32(index)) }
    }

    private mutating func place(_ id: String, _ row: Int32) {
        let mask = slots.count - 1
        var slot = id.hashValue & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = row
    }

    /// Adds `id` at `row`; `false` when the id is there already. The table must have room (`reserve`).
    mutating func insert(_ id: String, at row: Int32, rows: ContiguousArray<TaskRow>) -> Bool {
        if find(id, rows: rows) != nil { return false }
        place(id, row)
        return true
    }

    func find(_ id: String, rows: ContiguousArray<TaskRow>) -> Int32? {
        guard !slots.isEmpty else { return nil }
        let mask = slots.count - 1
        var slot = id.hashValue & mask
        while true {
            let row = slots[slot]
            if row < 0 { return nil }
            if rows[Int(row)].id == id { return row }
            slot = (slot + 1) & mask
        }
    }
}

extension TaskTable: Hashable {
    /// The row index is derived from `rows`, so it takes no part.
    public static func == (a: TaskTable, b: TaskTable) -> Bool {
        a.ids == b.ids && a.coordinatingLists == b.coordinatingLists && a.rows == b.rows
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(ids)
        hasher.combine(coordinatingLists)
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
