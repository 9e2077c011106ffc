import CanonicalJSON
import Domain
import ProvinceTime

/// One command of a test history: what the ledger would pass to `validate`, `decide` and `apply`.
struct Step: Sendable, CustomStringConvertible {
    var type: String
    var actor: Actor
    var payload: JSONValue
    var at: Instant

    var description: String { type }

    func with(_ path: String, _ value: JSONValue?) -> Step {
        var copy = self
        copy.payload = payload.with(path, value)
        return copy
    }

    func without(_ path: String) -> Step { with(path, nil) }

    func by(_ actor: Actor) -> Step {
        var copy = self
        copy.actor = actor
        return copy
    }

    func at(_ text: String) -> Step {
        var copy = self
        copy.at = instant(text)
        return copy
    }

    var command: Command { Command(type: type, actor: actor, payload: payload, recordedAt: at) }
}

/// A ledger in memory, calling the domain exactly as the real ledger does: validate → decide → append → apply.
struct TestLedger {
    var state = LedgerState()
    /// The accepted events, the event of seq N at index N − 1: the log the state's seqs point into.
    var log: [DomainEvent] = []

    init() {}

    init(_ history: [Step]) throws(Refusal) {
        for step in history { try submit(step) }
    }

    @discardableResult
    mutating func submit(_ step: Step) throws(Refusal) -> ValidatedCommand {
        let validated = try Rules.validate(step.command)
        try Rules.decide(validated, actor: step.actor, recordedAt: step.at, in: state)
        state.apply(validated.event, seq: state.lastSeq + 1, recordedAt: step.at, actor: step.actor)
        log.append(validated.event)
        return validated
    }

    /// The texts of a task, assembled from `log` at the seqs the state keeps, as the ledger reads them from its log.
    func texts(of taskId: String) -> TaskTexts? {
        guard let task = state.tasks[taskId], case .taskAssigned(let assigned) = log[Int(task.assignedSeq) - 1] else { return nil }
        var texts = TaskTexts(assigned: assigned)
        for seq in task.correctionSeqs {
            guard case .taskCorrected(let correction) = log[Int(seq) - 1] else { return nil }
            texts.correct(correction)
        }
        if let seq = task.reportDocument?.seq {
            guard case .reportDocumentSubmitted(let report) = log[Int(seq) - 1] else { return nil }
            texts.report(report)
        }
        if let seq = task.result?.seq {
            guard case .resultEntered(let result) = log[Int(seq) - 1] else { return nil }
            texts.result(result)
        }
        return texts
    }

    /// The refusal of `step`, or `nil` when accepted; asserts nothing changed when refused.
    mutating func outcome(_ step: Step) -> Refusal? {
        let before = state
        do {
            try submit(step)
            return nil
        } catch {
            precondition(state == before, "a refused command changed the state")
            return error
        }
    }
}

func instant(_ text: String) -> Instant {
    guard let value = Instant(parsingRFC3339: text) else { preconditionFailure("bad instant in a test: \(text)") }
    return value
}

func date(_ text: String) -> LocalDate {
    guard let value = LocalDate(parsing: text) else { preconditionFailure("bad date in a test: \(text)") }
    return value
}

// MARK: - Actors

let office = Actor(role: .office, tokenId: "tk-office")
let admin = Actor(role: .admin)
func unit(_ id: String) -> Actor { Actor(role: .unit, unitId: id, tokenId: "tk-\(id)") }

// MARK: - A small province: builders for each event type with sensible defaults

/// Default instant of a step: 2025-03-02 09:00 local.
let morning = instant("2025-03-02T09:00:00+07:00")

func step(_ type: String, _ payload: JSONValue, by actor: Actor = office, at: Instant = morning) -> Step {
    Step(type: type, actor: actor, payload: payload, at: at)
}

func registerUnit(_ id: String, kind: String = "department") -> Step {
    step("UnitRegistered", ["unitId": .string(id), "name": .string("Đơn vị \(id)"), "kind": .string(kind)])
}

func registerPerson(_ id: String, in unitId: String) -> Step {
    step("PersonRegistered", ["personId": .string(id), "name": .string("Cán bộ \(id)"), "unitId": .string(unitId)])
}

func assignTask(_ id: String, lead: String = "SXD", coordinating: [String] = ["STC"], deadline: String = "2025-03-10") -> Step {
    step(
        "TaskAssigned",
        [
            "taskId": .string(id), "issuer": "committee",
            "sourceDocument": ["number": "5425/UBND-KGVX", "date": "2025-03-01", "signer": "Nguyễn Văn A"],
            "title": "Rà soát quy hoạch", "leadUnitId": .string(lead), "coordinatingUnitIds": .array(coordinating.map { .string($0) }),
            "deadline": .string(deadline),
        ]
    )
}

func submitReport(_ task: String = "T-1", by unitId: String = "SXD", date: String = "2025-03-05", at: String = "2025-03-05T09:00:00+07:00") -> Step {
    step(
        "ReportDocumentSubmitted",
        ["taskId": .string(task), "unitId": .string(unitId), "document": ["number": "12/BC-SXD", "date": .string(date)]],
        by: unit(unitId),
        at: instant(at)
    )
}

func enterResult(_ task: String = "T-1", by unitId: String = "SXD", at: String = "2025-03-05T10:00:00+07:00") -> Step {
    step("ResultEntered", ["taskId": .string(task), "unitId": .string(unitId), "result": "Đã hoàn thành"], by: unit(unitId), at: instant(at))
}

func reportProgress(_ task: String = "T-1", by unitId: String = "STC") -> Step {
    step("ProgressReported", ["taskId": .string(task), "unitId": .string(unitId), "note": "Đang làm", "percent": 40], by: unit(unitId))
}

func extend(_ task: String = "T-1", to newDeadline: String = "2025-03-20", at: String = "2025-03-05T09:00:00+07:00") -> Step {
    step(
        "DeadlineExtended",
        [
            "taskId": .string(task), "newDeadline": .string(newDeadline), "reason": "Cần thêm thời gian",
            "approvalDocument": ["number": "99/UBND-TH", "date": "2025-03-04"],
        ],
        at: instant(at)
    )
}

func reassign(_ task: String = "T-1", to lead: String, assignee: String? = nil) -> Step {
    var payload: JSONValue = ["taskId": .string(task), "leadUnitId": .string(lead), "reason": "Điều chỉnh phân công"]
    if let assignee { payload = payload.with("assigneePersonId", .string(assignee)) }
    return step("TaskReassigned", payload)
}

func merge(_ ids: [String], into: String, at: String = "2025-03-03T09:00:00+07:00") -> Step {
    step("UnitMerged", ["unitIds": .array(ids.map { .string($0) }), "intoUnitId": .string(into)], at: instant(at))
}

func withdraw(_ task: String = "T-1") -> Step {
    step("TaskWithdrawn", ["taskId": .string(task), "reason": "Không còn cần thiết"])
}

func returnResult(_ task: String = "T-1", at: String = "2025-03-06T09:00:00+07:00") -> Step {
    step("ResultReturned", ["taskId": .string(task), "reason": "Báo cáo chưa đạt"], at: instant(at))
}

func evaluate(_ task: String = "T-1", grade: String = "good") -> Step {
    step("QualityEvaluated", ["taskId": .string(task), "grade": .string(grade)], at: instant("2025-03-07T09:00:00+07:00"))
}

func correct(_ task: String = "T-1", _ fields: JSONValue) -> Step {
    step("TaskCorrected", fields.with("taskId", .string(task)).with("reason", "Nhập nhầm"))
}

func appointHead(_ unitId: String, _ personId: String, from: String) -> Step {
    step("HeadAppointed", ["unitId": .string(unitId), "personId": .string(personId), "from": .string(from)])
}

func transfer(_ personId: String, to unitId: String) -> Step {
    step("PersonTransferred", ["personId": .string(personId), "unitId": .string(unitId), "title": "Phó Giám đốc"])
}

func publishPolicy(_ id: String = "P-2027", weights: JSONValue = ["onTime": 1, "late": 0.85, "overdue": 0], bands: JSONValue? = nil) -> Step {
    step(
        "ScoringPolicyPublished",
        [
            "policyId": .string(id), "appliesFromYear": 2027, "weights": weights,
            "bands": bands ?? [["min": 90, "label": "Xuất sắc"], ["min": 50, "label": "Đạt"], ["min": 0, "label": "Chưa đạt"]],
        ]
    )
}

func issueToken(_ id: String = "TK1", role: String = "unit", unitId: String? = "SXD") -> Step {
    var payload: JSONValue = ["tokenId": .string(id), "name": "Máy trạm Sở Xây dựng", "role": .string(role)]
    if let unitId { payload = payload.with("unitId", .string(unitId)) }
    return step("TokenIssued", payload, by: admin)
}

func revokeToken(_ id: String = "TK1") -> Step {
    step("TokenRevoked", ["tokenId": .string(id)], by: admin)
}

/// Units SXD, STC, SNV (departments) and D1 (a district); people P1, P3 in SXD and P2 in STC; task T-1
/// (source document 2025-03-01, assigned 2025-03-02 09:00, deadline 2025-03-10) led by SXD with STC coordinating.
let province: [Step] = [
    registerUnit("SXD"), registerUnit("STC"), registerUnit("SNV"), registerUnit("D1", kind: "district"),
    registerPerson("P1", in: "SXD"), registerPerson("P2", in: "STC"), registerPerson("P3", in: "SXD"),
    assignTask("T-1"),
]

/// `province` with T-1 complete (report document 2025-03-05, result 2025-03-05).
let completed: [Step] = province + [submitReport(), enterResult()]
