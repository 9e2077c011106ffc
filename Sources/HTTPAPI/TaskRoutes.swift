import CanonicalJSON
import Domain
import Hummingbird
import Ledger
import Reports

/// Reading tasks: the list with filters and a stable cursor, one task (with its `ETag`), and its history.
///
/// A `unit` token sees only the tasks its unit leads or coordinates; any other task is answered 404, exactly
/// as a task that does not exist, so a unit cannot learn which task ids exist elsewhere.
enum TaskRoutes {
    static let defaultLimit = 100
    static let maxLimit = 1000

    static func routes(ledger: Ledger) -> [Route] {
        [
            Route(
                method: .get,
                path: "/v1/tasks",
                access: .readTasks,
                query: ["unit", "status", "deadlineFrom", "deadlineTo", "assignedFrom", "assignedTo", "q", "cursor", "limit"]
                    + Call.cutoffParameters
            ) { call in try list(call, ledger: ledger) },
            Route(method: .get, path: "/v1/tasks/{taskId}", access: .readTasks, query: Call.cutoffParameters) { call in
                try one(call, ledger: ledger)
            },
            Route(method: .get, path: "/v1/tasks/{taskId}/history", access: .readTasks, query: Call.cutoffParameters) { call in
                try history(call, ledger: ledger)
            },
        ]
    }

    static func list(_ call: Call, ledger: Ledger) throws -> Response {
        let actor = try call.caller
        let filter = TaskFilter(
            leadUnitId: call.string("unit"),
            status: try call.choice("status", TaskStatus.self),
            deadlineFrom: try call.date("deadlineFrom"),
            deadlineTo: try call.date("deadlineTo"),
            assignedFrom: try call.date("assignedFrom"),
            assignedTo: try call.date("assignedTo"),
            text: call.string("q"),
            visibleToUnit: actor.role == .unit ? actor.unitId : nil,
            afterTaskId: call.string("cursor"),
            limit: try call.integer("limit", in: 1...maxLimit) ?? defaultLimit
        )
        let page = try withCutoff { try ledger.tasks(filter, asOf: try call.cutoff()) }
        var o: [String: JSONValue] = [
            "cutoff": cutoffJSON(page.cutoff),
            "tasks": .array(page.tasks),
            "nextCursor": page.nextCursor.map { .string($0) } ?? .null,
        ]
        o["count"] = .number(Double(page.tasks.count))
        return .json(.object(o))
    }

    static func one(_ call: Call, ledger: Ledger) throws -> Response {
        let taskId = try call.pathParameter("taskId")
        let spec = try call.cutoff()
        // The version is read before the task, so the ETag is never newer than the body it goes with.
        let version = try ledger.streamVersion("task/" + taskId)
        guard let found = try withCutoff({ try ledger.task(taskId, asOf: spec) }), visible(found.task, to: try call.caller) else {
            throw notFound(taskId)
        }
        var headers: HTTPFields = [:]
        if spec == .now { headers[.eTag] = "\"\(version)\"" }
        return .json(.object(["cutoff": cutoffJSON(found.cutoff), "task": found.json]), headers: headers)
    }

    static func history(_ call: Call, ledger: Ledger) throws -> Response {
        let taskId = try call.pathParameter("taskId")
        let spec = try call.cutoff()
        guard let found = try withCutoff({ try ledger.task(taskId, asOf: spec) }), visible(found.task, to: try call.caller),
            let history = try withCutoff({ try ledger.history(taskId: taskId, asOf: spec) })
        else {
            throw notFound(taskId)
        }
        return .json(
            .object([
                "taskId": .string(taskId),
                "cutoff": cutoffJSON(history.cutoff),
                "events": .array(history.events.map(\.json)),
            ])
        )
    }

    /// A `unit` reader sees the tasks its unit leads or coordinates (SPEC §1); every other role sees all.
    static func visible(_ task: TaskState, to actor: Actor) -> Bool {
        guard actor.role == .unit else { return true }
        guard let unit = actor.unitId else { return false }
        return task.leadUnitId == unit || task.coordinatingUnitIds.contains(unit)
    }

    static func notFound(_ taskId: String) -> Problem {
        .notFound("Không có nhiệm vụ \(taskId) (hoặc mã truy cập này không được xem nhiệm vụ đó).")
    }

    /// `{seq, hash, at}` and, when known, the Merkle tree size and root at that seq.
    static func cutoffJSON(_ cutoff: Cutoff) -> JSONValue {
        var o: [String: JSONValue] = [
            "seq": .number(Double(cutoff.seq)), "hash": .string(cutoff.hash), "at": .string(cutoff.at.description),
        ]
        if let size = cutoff.treeSize, let root = cutoff.treeRoot {
            o["treeSize"] = .number(Double(size))
            o["rootHash"] = .string(root)
        }
        return .object(o)
    }
}

/// Runs a ledger read whose cutoff may be refused, turning `CutoffError` into its 400 problem.
func withCutoff<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as CutoffError {
        throw Problem(error)
    }
}
