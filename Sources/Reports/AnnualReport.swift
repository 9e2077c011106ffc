import Domain
import ProvinceTime

/// The annual scoring for the Department of Home Affairs (SPEC §5), as typed values; `json()`,
/// `csv(table:)` and `html()` write it out.
public struct AnnualReport: Hashable, Sendable {
    public var year: Int
    public var cutoff: Cutoff
    public var rollup: Rollup
    /// The policy for `year` among those published by the cutoff (else `default-2026`).
    public var policy: ScoringPolicy
    public var units: [UnitRow<ScoreFigures>]
    /// Every head tenure overlapping `year`, by (unitId, from); unchanged by rollup.
    public var heads: [HeadTenureRow]
    /// Every person with at least one task in scope, by personId; unchanged by rollup.
    public var people: [PersonRow]

    /// The tables `csv(table:)` can write.
    public static let tables: [ReportTable] = [.units, .heads, .people]

    /// The score of `figures` under this report's policy.
    public func score(_ figures: ScoreFigures) -> TwoDecimals? { figures.score(under: policy) }
    /// The band of `figures` under this report's policy.
    public func band(_ figures: ScoreFigures) -> ScoreBand? { figures.band(under: policy) }
}

/// One head's tenure in one unit: [from, to], `to` `nil` while current (SPEC §5 "Heads").
public struct HeadTenureRow: Hashable, Sendable {
    public var unitId: String
    public var unitName: String?
    public var personId: String
    public var personName: String?
    public var from: LocalDate
    /// The day before the unit's next appointment; `nil` while the tenure is current.
    public var to: LocalDate?
    /// Over the unit's own in-scope tasks whose deadline falls within the tenure.
    public var figures: ScoreFigures
}

/// One person's figures over the in-scope tasks assigned to them (SPEC §5 "Individuals").
public struct PersonRow: Hashable, Sendable {
    public var personId: String
    public var name: String?
    /// The person's unit as of the cutoff (after transfers).
    public var unitId: String?
    public var unitName: String?
    public var figures: ScoreFigures
}

extension AnnualReport {
    /// Computes the report from the state folded up to the cutoff (SPEC §5 "Annual scoring").
    init(state: LedgerState, cutoff: Cutoff, parameters: AnnualParameters) throws(ReportError) {
        let date = cutoff.date
        let year = parameters.year ?? date.year
        guard (1...9999).contains(year) else { throw .yearOutOfRange(year) }
        let policy = state.policy(forYear: year)

        // One pass over the task rows, accumulating by interned unit and person index (no string hashing, no copy
        // of a task); the dictionaries by id are built afterwards from the few hundred indexes that have figures.
        let ids = state.tasks.ids
        var scopeByIndex = [[(deadline: LocalDate, status: TaskStatus, grade: Grade?)]](repeating: [], count: ids.count)
        var figuresByIndex = [ScoreFigures](repeating: ScoreFigures(), count: ids.count)
        var personFiguresByIndex = [ScoreFigures](repeating: ScoreFigures(), count: ids.count)
        let firstDayNumber = Int32(truncatingIfNeeded: LocalDate.firstOfYear(year).dayNumber)
        let lastDayNumber = Int32(truncatingIfNeeded: LocalDate.lastOfYear(year).dayNumber)
        for task in state.tasks.rows
        where !task.isWithdrawn && task.deadlineDay >= firstDayNumber && task.deadlineDay <= lastDayNumber {
            let status = task.status(judgedOn: date)
            // A task not yet due and not complete is not scored yet.
            guard status != .openOnTime, status != .withdrawn else { continue }
            let grade = task.isComplete ? task.grade : nil
            scopeByIndex[Int(task.lead)].append((task.deadline, status, grade))
            figuresByIndex[Int(task.lead)].count(status, grade: grade)
            if task.assignee != InternedIds.none {
                personFiguresByIndex[Int(task.assignee)].count(status, grade: grade)
            }
        }
        var scopeByUnit: [String: [(deadline: LocalDate, status: TaskStatus, grade: Grade?)]] = [:]
        var figuresByUnit: [String: ScoreFigures] = [:]
        var figuresByPerson: [String: ScoreFigures] = [:]
        for index in 0..<ids.count {
            let id = ids[UInt32(index)]
            if !scopeByIndex[index].isEmpty {
                scopeByUnit[id] = scopeByIndex[index]
                figuresByUnit[id] = figuresByIndex[index]
            }
            if personFiguresByIndex[index].due > 0 { figuresByPerson[id] = personFiguresByIndex[index] }
        }

        var heads: [HeadTenureRow] = []
        let firstDay = LocalDate.firstOfYear(year)
        let lastDay = LocalDate.lastOfYear(year)
        for unit in state.units.values {
            let appointments = unit.headAppointments.sorted { ($0.from, $0.seq) < ($1.from, $1.seq) }
            for (index, appointment) in appointments.enumerated() {
                let to = index + 1 < appointments.count ? appointments[index + 1].from.adding(days: -1) : nil
                if let to, to < appointment.from { continue }  // superseded on its first day: no tenure
                guard appointment.from <= lastDay, to.map({ $0 >= firstDay }) ?? true else { continue }
                var figures = ScoreFigures()
                for task in scopeByUnit[unit.id] ?? [] where task.deadline >= appointment.from && to.map({ task.deadline <= $0 }) ?? true {
                    figures.count(task.status, grade: task.grade)
                }
                heads.append(
                    HeadTenureRow(
                        unitId: unit.id,
                        unitName: unit.name,
                        personId: appointment.personId,
                        personName: state.people[appointment.personId]?.name,
                        from: appointment.from,
                        to: to,
                        figures: figures
                    )
                )
            }
        }
        heads.sort { a, b in
            a.unitId.utf8.elementsEqual(b.unitId.utf8) ? a.from < b.from : codePointPrecedes(a.unitId, b.unitId)
        }

        var people: [PersonRow] = figuresByPerson.map { personId, figures in
            let person = state.people[personId]
            return PersonRow(
                personId: personId,
                name: person?.name,
                unitId: person?.unitId,
                unitName: person.flatMap { state.units[$0.unitId]?.name },
                figures: figures
            )
        }
        people.sort { codePointPrecedes($0.personId, $1.personId) }

        self.year = year
        self.cutoff = cutoff
        self.rollup = parameters.rollup
        self.policy = policy
        self.units = UnitRow.rows(of: state, figuresByUnit: figuresByUnit, rollup: parameters.rollup)
        self.heads = heads
        self.people = people
    }
}
