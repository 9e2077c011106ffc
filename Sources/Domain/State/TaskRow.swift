import ProvinceTime

/// A task as the projection stores it: fixed-size fields, unit and person ids as indexes into the table's
/// `InternedIds`, and no free text (`TaskState` documents where the texts are).
///
/// Every task of the province is one of these in one contiguous array, so a report reads them in one pass
/// without retaining a string or copying an array, and 1.7 million tasks take a few hundred megabytes instead of
/// several gigabytes. Absent values are sentinels rather than optionals to keep the row small: seq 0 (no event
/// has it) for no report document or result, `InternedIds.none` for no assignee, `Int64.min` for not withdrawn;
/// the fields of an absent report or result are zero, so equal tasks have equal rows.
public struct TaskRow: Hashable, Sendable {
    public internal(set) var id: String
    public internal(set) var assignedAt: Instant
    public internal(set) var assignedSeq: UInt64
    /// `recordedAt` of the current report document; zero when `reportSeq` is 0.
    public internal(set) var reportRecordedAt: Instant
    /// `seq` of the current `ReportDocumentSubmitted`; 0 when none (or voided by `ResultReturned`).
    public internal(set) var reportSeq: UInt64
    /// `recordedAt` of the current result; zero when `resultSeq` is 0.
    public internal(set) var resultRecordedAt: Instant
    /// `seq` of the current `ResultEntered`; 0 when none (or voided by `ResultReturned`).
    public internal(set) var resultSeq: UInt64
    /// Milliseconds since the epoch of `TaskWithdrawn`, `Int64.min` when not withdrawn.
    public internal(set) var withdrawnAtMilliseconds: Int64
    /// `seq` of every `TaskCorrected`, in log order (empty, and unallocated, for most tasks).
    public internal(set) var correctionSeqs: [UInt64]
    /// `seq` of every `UnitMerged` that moved the task.
    public internal(set) var mergeSeqs: [UInt64]
    /// The coordinating units, as an index into the table's `InternedLists` (0 for none): thousands of distinct
    /// lists serve a province's tasks, so a row holds 4 bytes instead of an array of its own.
    public internal(set) var coordinatingList: UInt32
    /// Day numbers (days since 1970-01-01; every `YYYY-MM-DD` date fits in 32 bits).
    public internal(set) var sourceDocumentDay: Int32
    public internal(set) var originalDeadlineDay: Int32
    public internal(set) var deadlineDay: Int32
    /// The current report document's date; 0 when `reportSeq` is 0.
    public internal(set) var reportDocumentDay: Int32
    /// The lead unit now, as an index into `InternedIds`.
    public internal(set) var lead: UInt32
    /// The assignee, as an index into `InternedIds`; `InternedIds.none` when none.
    public internal(set) var assignee: UInt32
    /// The unit that submitted the current report document / entered the current result; `InternedIds.none` when none.
    public internal(set) var reportUnit: UInt32
    public internal(set) var resultUnit: UInt32
    public internal(set) var issuer: Issuer
    public internal(set) var grade: Grade?

    /// Every field, as stored; `StateCodec` rebuilds rows with it. `TaskTable` checks the indexes.
    public init(
        id: String,
        issuer: Issuer,
        sourceDocumentDay: Int32,
        lead: UInt32,
        coordinatingList: UInt32,
        assignee: UInt32,
        originalDeadlineDay: Int32,
        deadlineDay: Int32,
        assignedAt: Instant,
        assignedSeq: UInt64,
        correctionSeqs: [UInt64] = [],
        reportDocumentDay: Int32 = 0,
        reportUnit: UInt32 = InternedIds.none,
        reportRecordedAt: Instant = Instant(millisecondsSinceEpoch: 0),
        reportSeq: UInt64 = 0,
        resultUnit: UInt32 = InternedIds.none,
        resultRecordedAt: Instant = Instant(millisecondsSinceEpoch: 0),
        resultSeq: UInt64 = 0,
        grade: Grade? = nil,
        withdrawnAtMilliseconds: Int64 = .min,
        mergeSeqs: [UInt64] = []
    ) {
        self.id = id
        self.issuer = issuer
        self.sourceDocumentDay = sourceDocumentDay
        self.lead = lead
        self.coordinatingList = coordinatingList
        self.assignee = assignee
        self.originalDeadlineDay = originalDeadlineDay
        self.deadlineDay = deadlineDay
        self.assignedAt = assignedAt
        self.assignedSeq = assignedSeq
        self.correctionSeqs = correctionSeqs
        self.reportDocumentDay = reportDocumentDay
        self.reportUnit = reportUnit
        self.reportRecordedAt = reportRecordedAt
        self.reportSeq = reportSeq
        self.resultUnit = resultUnit
        self.resultRecordedAt = resultRecordedAt
        self.resultSeq = resultSeq
        self.grade = grade
        self.withdrawnAtMilliseconds = withdrawnAtMilliseconds
        self.mergeSeqs = mergeSeqs
    }

    public var deadline: LocalDate { LocalDate(dayNumber: Int(deadlineDay)) }
    public var originalDeadline: LocalDate { LocalDate(dayNumber: Int(originalDeadlineDay)) }
    public var sourceDocumentDate: LocalDate { LocalDate(dayNumber: Int(sourceDocumentDay)) }
    public var hasReportDocument: Bool { reportSeq != 0 }
    public var hasResult: Bool { resultSeq != 0 }
    public var isWithdrawn: Bool { withdrawnAtMilliseconds != .min }
    public var withdrawnAt: Instant? { isWithdrawn ? Instant(millisecondsSinceEpoch: withdrawnAtMilliseconds) : nil }

    /// Complete: a report document and a result, neither voided by a later `ResultReturned` (SPEC §4).
    public var isComplete: Bool { reportSeq != 0 && resultSeq != 0 }

    /// The later of the report document's date and the local date the result was entered; `nil` when not complete.
    public var completionDate: LocalDate? {
        guard isComplete else { return nil }
        return max(LocalDate(dayNumber: Int(reportDocumentDay)), resultRecordedAt.localDate)
    }

    /// The status of SPEC §4 judged on `date` (the date of the cutoff).
    public func status(judgedOn date: LocalDate) -> TaskStatus {
        TaskStatus(withdrawn: isWithdrawn, completedOn: completionDate, deadline: deadline, judgedOn: date)
    }

    /// Voids the report document, the result and the grade (`ResultReturned`), back to the zero fields of "none".
    mutating func clearCompletion() {
        reportSeq = 0
        reportDocumentDay = 0
        reportUnit = InternedIds.none
        reportRecordedAt = Instant(millisecondsSinceEpoch: 0)
        resultSeq = 0
        resultUnit = InternedIds.none
        resultRecordedAt = Instant(millisecondsSinceEpoch: 0)
        grade = nil
    }
}

/// Unit and person ids, each stored once: a task row names them by index (4 bytes) instead of holding a string.
///
/// Ids are added in the order the fold first meets them and never removed, so the same log always gives the same
/// table; a snapshot stores it in that order.
public struct InternedIds: Hashable, Sendable {
    /// "No id" in a row (no assignee, no report document).
    public static let none = UInt32.max

    public private(set) var strings: ContiguousArray<String> = []
    private var indexByString: [String: UInt32] = [:]

    public init() {}

    /// The table holding `strings` in that order; `nil` when one repeats (a corrupt snapshot).
    public init?(_ strings: some Sequence<String>) {
        for s in strings {
            guard indexByString[s] == nil, self.strings.count < Int(Self.none) else { return nil }
            indexByString[s] = UInt32(self.strings.count)
            self.strings.append(s)
        }
    }

    public var count: Int { strings.count }

    /// The index of `id`, or `nil` when no task row has ever named it.
    public func index(of id: String) -> UInt32? { indexByString[id] }

    /// The id at `index`, which must be one this table handed out.
    public subscript(index: UInt32) -> String { strings[Int(index)] }

    /// The id at `index`, or `nil` for `none`.
    public func optional(_ index: UInt32) -> String? { index == Self.none ? nil : strings[Int(index)] }

    /// The index of `id`, added when new.
    mutating func intern(_ id: String) -> UInt32 {
        if let index = indexByString[id] { return index }
        let index = UInt32(strings.count)
        precondition(index < Self.none, "more distinct unit and person ids than a row can index")
        indexByString[id] = index
        strings.append(id)
        return index
    }

    mutating func intern(_ id: String?) -> UInt32 { id.map { intern($0) } ?? Self.none }

    /// The index is derived from `strings`: two tables are equal when their strings are, in the same order.
    public static func == (a: InternedIds, b: InternedIds) -> Bool { a.strings == b.strings }
    public func hash(into hasher: inout Hasher) { hasher.combine(strings) }
}

/// Lists of coordinating units (as `InternedIds` indexes), each stored once: tasks share a few thousand distinct
/// lists, so a row names its list by index. Index 0 is always the empty list. Like `InternedIds`, the order is the
/// order the fold first met each list, and is part of the value.
public struct InternedLists: Hashable, Sendable {
    public private(set) var lists: ContiguousArray<[UInt32]> = [[]]
    private var indexByList: [[UInt32]: UInt32] = [[]: 0]

    public init() {}

    /// The table holding `lists` in that order; `nil` unless the first is empty and none repeats (a corrupt snapshot).
    public init?(_ lists: some Sequence<[UInt32]>) {
        self.lists = []
        indexByList = [:]
        for list in lists {
            guard indexByList[list] == nil, self.lists.count < Int(UInt32.max) else { return nil }
            indexByList[list] = UInt32(self.lists.count)
            self.lists.append(list)
        }
        guard self.lists.first == [] else { return nil }
    }

    public var count: Int { lists.count }

    /// The list at `index`, which must be one this table handed out.
    public subscript(index: UInt32) -> [UInt32] { lists[Int(index)] }

    /// The index of `list`, added when new.
    mutating func intern(_ list: [UInt32]) -> UInt32 {
        if let index = indexByList[list] { return index }
        let index = UInt32(lists.count)
        indexByList[list] = index
        lists.append(list)
        return index
    }

    /// The index is derived from `lists`.
    public static func == (a: InternedLists, b: InternedLists) -> Bool { a.lists == b.lists }
    public func hash(into hasher: inout Hasher) { hasher.combine(lists) }
}
