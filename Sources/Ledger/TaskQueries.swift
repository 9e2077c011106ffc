import CanonicalJSON
import Domain
import EventLog
import ProvinceTime
import Reports

/// Which tasks a list shows (CLI `taskledger tasks`, HTTP `GET /v1/tasks`).
public struct TaskFilter: Hashable, Sendable {
    /// Tasks the unit leads (after reassignments and merges).
    public var leadUnitId: String?
    public var status: TaskStatus?
    public var deadlineFrom: LocalDate?
    public var deadlineTo: LocalDate?
    /// Assignment dates (local date of `TaskAssigned.recordedAt`).
    public var assignedFrom: LocalDate?
    public var assignedTo: LocalDate?
    /// Case-insensitive text in the title.
    public var text: String?
    /// A `unit` reader sees only the tasks its unit leads or coordinates (SPEC §1).
    public var visibleToUnit: String?
    /// Paging: tasks with an id after this one (code-point order), so pages stay stable while the log grows.
    public var afterTaskId: String?
    public var limit: Int

    public init(
        leadUnitId: String? = nil,
        status: TaskStatus? = nil,
        deadlineFrom: LocalDate? = nil,
        deadlineTo: LocalDate? = nil,
        assignedFrom: LocalDate? = nil,
        assignedTo: LocalDate? = nil,
        text: String? = nil,
        visibleToUnit: String? = nil,
        afterTaskId: String? = nil,
        limit: Int = .max
    ) {
        self.leadUnitId = leadUnitId
        self.status = status
        self.deadlineFrom = deadlineFrom
        self.deadlineTo = deadlineTo
        self.assignedFrom = assignedFrom
        self.assignedTo = assignedTo
        self.text = text
        self.visibleToUnit = visibleToUnit
        self.afterTaskId = afterTaskId
        self.limit = limit
    }

    /// The filters that need no text, on a row of `tasks`; the title (`text`) is checked after these, from the log.
    func matches(_ task: TaskRow, status taskStatus: TaskStatus, in tasks: TaskTable) -> Bool {
        if let visibleToUnit {
            guard let unit = tasks.ids.index(of: visibleToUnit), task.lead == unit || tasks.coordinating(of: task).contains(unit) else {
                return false
            }
        }
        if let leadUnitId {
            guard let unit = tasks.ids.index(of: leadUnitId), task.lead == unit else { return false }
        }
        if let status, taskStatus != status { return false }
        if let deadlineFrom, task.deadline < deadlineFrom { return false }
        if let deadlineTo, task.deadline > deadlineTo { return false }
        let assigned = task.assignedAt.localDate
        if let assignedFrom, assigned < assignedFrom { return false }
        if let assignedTo, assigned > assignedTo { return false }
        return true
    }

    /// Whether the title holds `text` (case-insensitive); always when there is no text filter.
    func matchesText(title: () throws -> String) rethrows -> Bool {
        guard let text, !text.isEmpty else { return true }
        return try title().localizedCaseInsensitiveContainsCompat(text)
    }
}

/// One page of tasks, judged at a cutoff.
public struct TaskPage: Sendable {
    public var tasks: [JSONValue]
    public var cutoff: Cutoff
    /// The `afterTaskId` of the next page; `nil` on the last page.
    public var nextCursor: String?
}

extension Ledger {
    /// The tasks matching `filter`, as of `cutoff`, in task-id code-point order, with their status at that cutoff.
    public func tasks(_ filter: TaskFilter, asOf cutoff: CutoffSpec = .now) throws -> TaskPage {
        try withState(asOf: cutoff) { state, cut in
            let judgedOn = cut.at.localDate
            return try log.read { reader in
                let texts = TaskTextReader(reader: reader, titles: taskTitles)
                // One pass over the rows keeps the matching ids after the cursor; only the first `limit + 1` of them
                // in id order are needed (the extra one says whether there is a next page), so they are selected with
                // a bounded heap instead of sorting every id of the province for each page. Ids are ASCII (the id
                // format), for which String's `<` is code-point order. The title, which is in the log, is read only
                // for a task that passes every other filter and could still enter the page.
                let wanted = filter.limit == .max ? Int.max : filter.limit + 1
                var smallest = BoundedMaxHeap(capacity: wanted)
                for task in state.tasks.rows {
                    if let after = filter.afterTaskId, !(after < task.id) { continue }
                    guard filter.matches(task, status: task.status(judgedOn: judgedOn), in: state.tasks) else { continue }
                    guard smallest.wouldAccept(task.id) else { continue }
                    guard try filter.matchesText(title: { try texts.title(of: task, remember: false) }) else { continue }
                    smallest.offer(task.id)
                }
                let ids = smallest.sortedAscending()
                var page: [JSONValue] = []
                var next: String? = nil
                for id in ids {
                    guard let task = state.tasks[id] else { continue }
                    if page.count == filter.limit {
                        next = page.last.flatMap { $0["taskId"]?.stringValue }
                        break
                    }
                    page.append(TaskJSON.task(task, texts: try texts.texts(of: task), status: task.status(judgedOn: judgedOn), state: state))
                }
                return TaskPage(tasks: page, cutoff: cut, nextCursor: next)
            }
        }
    }

    /// One task as of `cutoff`, with its status and its texts as of that cutoff, or `nil` when it does not exist at
    /// that point.
    public func task(_ taskId: String, asOf cutoff: CutoffSpec = .now) throws -> (task: TaskState, json: JSONValue, cutoff: Cutoff)? {
        try withState(asOf: cutoff) { state, cut in
            guard let task = state.tasks[taskId] else { return nil }
            let texts = try log.read { reader in try TaskTextReader(reader: reader).texts(of: task) }
            return (task, TaskJSON.task(task, texts: texts, status: task.status(judgedOn: cut.at.localDate), state: state), cut)
        }
    }

    /// The current version of a stream (`task/T-1`): the ETag a client sends back in `If-Match`.
    public func streamVersion(_ stream: String) throws -> UInt64 {
        try log.read { reader in try reader.streamVersion(stream) }
    }

    /// Every event of one task up to `cutoff`, in log order, including the `UnitMerged` events that moved it: the
    /// task's own stream up to the cutoff's seq, and the merges the state recorded.
    public func history(taskId: String, asOf cutoff: CutoffSpec = .now) throws -> (events: [Envelope], cutoff: Cutoff)? {
        let found: ([UInt64], Cutoff)? = try withState(asOf: cutoff) { state, cut in
            state.tasks.row(taskId).map { ($0.mergeSeqs, cut) }
        }
        guard let (mergeSeqs, cut) = found else { return nil }
        let events = try log.read { reader in
            let own = try reader.streamSeqs("task/" + taskId).filter { $0 <= cut.seq }
            return try (own + mergeSeqs).sorted().compactMap { try reader.event($0) }
        }
        return (events, cut)
    }
}

/// The JSON form of a task, shared by the CLI and the HTTP API.
public enum TaskJSON {
    public static func task(_ t: TaskState, texts: TaskTexts, status: TaskStatus, state: LedgerState) -> JSONValue {
        var o: [String: JSONValue] = [
            "taskId": .string(t.id),
            "issuer": .string(t.issuer.rawValue),
            "sourceDocument": document(texts.sourceDocument),
            "title": .string(texts.title),
            "leadUnitId": .string(t.leadUnitId),
            "leadUnitName": .string(state.units[t.leadUnitId]?.name ?? t.leadUnitId),
            "coordinatingUnitIds": .array(t.coordinatingUnitIds.map { .string($0) }),
            "deadline": .string(t.deadline.description),
            "originalDeadline": .string(t.originalDeadline.description),
            "assignedAt": .string(t.assignedAt.description),
            "status": .string(status.rawValue),
            "statusLabel": .string(status.vietnameseLabel),
        ]
        if let details = texts.details { o["details"] = .string(details) }
        if let field = texts.field { o["field"] = .string(field) }
        if let assignee = t.assigneePersonId { o["assigneePersonId"] = .string(assignee) }
        if let report = t.reportDocument, let reportDocument = texts.reportDocument {
            var r: [String: JSONValue] = [
                "document": document(reportDocument), "unitId": .string(report.unitId), "recordedAt": .string(report.recordedAt.description),
            ]
            if let summary = texts.reportSummary { r["summary"] = .string(summary) }
            o["reportDocument"] = .object(r)
        }
        if let result = t.result, let text = texts.result {
            o["result"] = .object([
                "result": .string(text), "unitId": .string(result.unitId), "recordedAt": .string(result.recordedAt.description),
            ])
        }
        if let done = t.completionDate { o["completionDate"] = .string(done.description) }
        if let grade = t.grade { o["grade"] = .string(grade.rawValue) }
        if let withdrawn = t.withdrawnAt { o["withdrawnAt"] = .string(withdrawn.description) }
        return .object(o)
    }

    static func document(_ d: DocumentRef) -> JSONValue {
        var o: [String: JSONValue] = ["number": .string(d.number), "date": .string(d.date.description)]
        if let signer = d.signer { o["signer"] = .string(signer) }
        return .object(o)
    }
}

extension String {
    /// Case-insensitive containment without Foundation's locale machinery (titles are Vietnamese; lowercasing is enough).
    func localizedCaseInsensitiveContainsCompat(_ other: String) -> Bool {
        lowercased().contains(other.lowercased())
    }
}

/// The `capacity` smallest strings offered, kept in a binary max-heap: O(n log k) for n offers.
struct BoundedMaxHeap {
    let capacity: Int
    private var items: [String] = []

    init(capacity: Int) { self.capacity = capacity }

    mutating func offer(_ item: String) {
        guard capacity > 0 else { return }
        if items.count < capacity {
            items.append(item)
            siftUp(items.count - 1)
        } else if item < items[0] {
            items[0] = item
            siftDown(0)
        }
    }

    func sortedAscending() -> [String] { items.sorted() }

    /// Whether `offer(item)` would keep it: lets a caller skip an expensive check for an item that cannot enter.
    func wouldAccept(_ item: String) -> Bool { capacity > 0 && (items.count < capacity || item < items[0]) }

    private mutating func siftUp(_ index: Int) {
        var child = index
        while child > 0 {
            let parent = (child - 1) / 2
            guard items[parent] < items[child] else { return }
            items.swapAt(parent, child)
            child = parent
        }
    }

    private mutating func siftDown(_ index: Int) {
        var parent = index
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var largest = parent
            if left < items.count, items[largest] < items[left] { largest = left }
            if right < items.count, items[largest] < items[right] { largest = right }
            if largest == parent { return }
            items.swapAt(parent, largest)
            parent = largest
        }
    }
}
