import Domain
import ProvinceTime
import Reports

/// A date from `YYYY-MM-DD` written in a test.
func day(_ text: String) -> LocalDate {
    guard let date = LocalDate(parsing: text) else { preconditionFailure("bad test date \(text)") }
    return date
}

/// An instant from RFC 3339 written in a test (`2026-03-10T00:30:00+07:00`).
func instant(_ text: String) -> Instant {
    guard let instant = Instant(parsingRFC3339: text) else { preconditionFailure("bad test instant \(text)") }
    return instant
}

/// A cutoff judged at the end of the local day `date` (as `meeting=` the next day would give).
func cutoff(_ date: String, seq: UInt64 = 42, hash: String = String(repeating: "ab", count: 32)) -> Cutoff {
    Cutoff(seq: seq, hash: hash, at: Instant.endOfLocalDay(day(date)))
}

/// Builds a `LedgerState` by hand, as the ledger would have folded it up to a cutoff.
struct StateBuilder {
    var state = LedgerState()
    private var nextSeq: UInt64 = 1

    private mutating func seq() -> UInt64 {
        defer { nextSeq += 1 }
        return nextSeq
    }

    mutating func unit(_ id: String, _ name: String? = nil, mergedInto: String? = nil) {
        var unit = UnitState(
            id: id,
            name: name ?? "Đơn vị \(id)",
            kind: .department,
            parentUnitId: nil,
            registeredAt: instant("2025-01-01T08:00:00+07:00")
        )
        unit.mergedInto = mergedInto
        unit.mergedAt = mergedInto.map { _ in instant("2025-07-01T08:00:00+07:00") }
        state.units[id] = unit
    }

    mutating func person(_ id: String, _ name: String, unit: String) {
        state.people[id] = PersonState(id: id, name: name, unitId: unit, title: nil)
    }

    mutating func head(_ unitId: String, _ personId: String, from: String) {
        let appointment = HeadAppointment(unitId: unitId, personId: personId, from: day(from), seq: seq())
        state.units[unitId]?.headAppointments.append(appointment)
    }

    /// A task assigned at `assigned` (local time 09:00 on that date unless a full instant is given).
    mutating func task(
        _ id: String,
        unit: String,
        assigned: String = "2026-01-05",
        source: String? = nil,
        deadline: String,
        assignee: String? = nil
    ) {
        let assignedAt = assigned.count == 10 ? instant(assigned + "T09:00:00+07:00") : instant(assigned)
        state.tasks[id] = TaskState(
            id: id,
            issuer: .committee,
            sourceDocumentDate: day(source ?? String(assignedAt.localDate.description)),
            leadUnitId: unit,
            coordinatingUnitIds: [],
            assigneePersonId: assignee,
            deadline: day(deadline),
            assignedAt: assignedAt,
            assignedSeq: seq()
        )
    }

    /// Gives a task its report document (dated `document`) and its result (entered at `entered`, RFC 3339 or a
    /// date meaning 10:00 local that day).
    mutating func complete(_ id: String, document: String, entered: String, grade: Grade? = nil) {
        submitDocument(id, date: document)
        enterResult(id, at: entered)
        state.tasks[id]?.grade = grade
    }

    mutating func submitDocument(_ id: String, date: String) {
        guard let unitId = state.tasks[id]?.leadUnitId else { return }
        let report = SubmittedReport(
            documentDate: day(date),
            unitId: unitId,
            recordedAt: instant(date + "T10:00:00+07:00"),
            seq: seq()
        )
        state.tasks[id]?.reportDocument = report
    }

    mutating func enterResult(_ id: String, at entered: String) {
        guard let unitId = state.tasks[id]?.leadUnitId else { return }
        let at = entered.count == 10 ? instant(entered + "T10:00:00+07:00") : instant(entered)
        let result = EnteredResult(unitId: unitId, recordedAt: at, seq: seq())
        state.tasks[id]?.result = result
    }

    mutating func extend(_ id: String, to newDeadline: String) {
        state.tasks[id]?.deadline = day(newDeadline)
    }

    /// `ResultReturned`: voids the report document, the result and the grade.
    mutating func returnResult(_ id: String) {
        state.tasks[id]?.reportDocument = nil
        state.tasks[id]?.result = nil
        state.tasks[id]?.grade = nil
    }

    mutating func withdraw(_ id: String) {
        state.tasks[id]?.withdrawnAt = instant("2026-02-01T09:00:00+07:00")
    }

    mutating func publish(_ id: String, fromYear: Int, onTime: Int64, late: Int64, overdue: Int64, bands: [(Int64, String)]) {
        state.policies.append(
            ScoringPolicy(
                policyId: id,
                appliesFromYear: fromYear,
                onTime: Decimal4(tenThousandths: onTime),
                late: Decimal4(tenThousandths: late),
                overdue: Decimal4(tenThousandths: overdue),
                bands: bands.map { ScoreBand(min: Decimal4(tenThousandths: $0.0 * 10_000), label: $0.1) },
                seq: seq()
            )
        )
    }
}

/// The title a hand-built task shows in the monthly lists. A real ledger reads titles from the log; these states
/// have no log, so each task is titled after its id.
func fixtureTitle(_ task: TaskRow) -> String { "Nhiệm vụ \(task.id)" }

extension Reports {
    /// The monthly report of a hand-built state, its tasks titled by `fixtureTitle`.
    static func monthly(_ state: LedgerState, cutoff: Cutoff, _ parameters: MonthlyParameters) throws(ReportError) -> MonthlyReport {
        try monthly(state, cutoff: cutoff, parameters, title: fixtureTitle)
    }
}
