import Domain
import Reports
import Testing

/// SPEC §4 as the monthly counts see it: one scenario per rule, each task alone in its unit so the row's
/// counts name its status.
@Suite struct StatusRulesTests {
    /// The status the monthly `units` row of `unit` gives its only task.
    func status(of unit: String, in builder: StateBuilder, on date: String) throws -> TaskStatus? {
        let report = try Reports.monthly(builder.state, cutoff: cutoff(date), MonthlyParameters())
        guard let row = report.units.first(where: { $0.unitId == unit }) else { return nil }
        return TaskStatus.allCases.first { row.figures.count(of: $0) == 1 }
    }

    @Test func completeOnlyWithBothDocumentAndResult() throws {
        var b = StateBuilder()
        for u in ["DOC", "RES", "BOTH"] { b.unit(u) }
        b.task("T1", unit: "DOC", deadline: "2026-03-31")
        b.submitDocument("T1", date: "2026-03-02")
        b.task("T2", unit: "RES", deadline: "2026-03-31")
        b.enterResult("T2", at: "2026-03-02")
        b.task("T3", unit: "BOTH", deadline: "2026-03-31")
        b.complete("T3", document: "2026-03-02", entered: "2026-03-03")
        #expect(try status(of: "DOC", in: b, on: "2026-03-10") == .openOnTime)
        #expect(try status(of: "RES", in: b, on: "2026-03-10") == .openOnTime)
        #expect(try status(of: "BOTH", in: b, on: "2026-03-10") == .completedOnTime)
        // Past the deadline, a task with only one of the two is overdue.
        #expect(try status(of: "DOC", in: b, on: "2026-04-01") == .openOverdue)
        #expect(try status(of: "RES", in: b, on: "2026-04-01") == .openOverdue)
    }

    /// Completion date = the later of the report document's date and the local date the result was entered.
    @Test(arguments: [
        ("2026-03-10", "2026-03-10", TaskStatus.completedOnTime),  // both on the deadline: on time
        ("2026-03-11", "2026-03-09", .completedLate),  // document dated after the deadline
        ("2026-03-09", "2026-03-11", .completedLate),  // result entered after the deadline
        ("2026-03-09", "2026-03-10T00:30:00+07:00", .completedOnTime),  // 00:30 local is still the deadline date
        ("2026-03-09", "2026-03-11T00:30:00+07:00", .completedLate),  // 00:30 local on the next day (17:30Z on the deadline)
        ("2026-03-09", "2026-03-10T23:59:59.999+07:00", .completedOnTime),
    ])
    func completionDateIsTheLaterOfDocumentAndEntry(document: String, entered: String, expected: TaskStatus) throws {
        var b = StateBuilder()
        b.unit("U")
        b.task("T", unit: "U", assigned: "2026-03-01", deadline: "2026-03-10")
        b.complete("T", document: document, entered: entered)
        #expect(try status(of: "U", in: b, on: "2026-03-20") == expected)
    }

    @Test func openTaskIsOnTimeUntilTheEndOfItsDeadlineDate() throws {
        var b = StateBuilder()
        b.unit("U")
        b.task("T", unit: "U", assigned: "2026-03-01", deadline: "2026-03-10")
        #expect(try status(of: "U", in: b, on: "2026-03-10") == .openOnTime)
        #expect(try status(of: "U", in: b, on: "2026-03-11") == .openOverdue)
        // A cutoff at 00:00 local on the 11th is already the 11th.
        let early = Cutoff(seq: 1, hash: "h", at: instant("2026-03-11T00:00:00+07:00"))
        let report = try Reports.monthly(b.state, cutoff: early, MonthlyParameters())
        #expect(report.totals.openOverdue == 1)
    }

    @Test func anExtensionMovesTheDeadline() throws {
        var b = StateBuilder()
        b.unit("U")
        b.task("T", unit: "U", assigned: "2026-03-01", deadline: "2026-03-10")
        b.extend("T", to: "2026-03-20")
        #expect(try status(of: "U", in: b, on: "2026-03-15") == .openOnTime)
        b.complete("T", document: "2026-03-18", entered: "2026-03-18")
        #expect(try status(of: "U", in: b, on: "2026-03-25") == .completedOnTime)
    }

    @Test func aReturnedTaskIsOpenAgain() throws {
        var b = StateBuilder()
        b.unit("U")
        b.task("T", unit: "U", assigned: "2026-03-01", deadline: "2026-03-10")
        b.complete("T", document: "2026-03-05", entered: "2026-03-05")
        #expect(try status(of: "U", in: b, on: "2026-03-12") == .completedOnTime)
        b.returnResult("T")
        #expect(try status(of: "U", in: b, on: "2026-03-12") == .openOverdue)
        let report = try Reports.monthly(b.state, cutoff: cutoff("2026-03-12"), MonthlyParameters())
        #expect(report.overdue.map(\.taskId) == ["T"])
    }

    @Test func withdrawnIsCountedNowhere() throws {
        var b = StateBuilder()
        b.unit("U")
        b.person("P", "Nguyễn Văn A", unit: "U")
        b.task("T", unit: "U", assigned: "2026-01-05", deadline: "2026-01-10", assignee: "P")
        b.task("S", unit: "U", assigned: "2026-01-05", deadline: "2026-03-12", assignee: "P")
        b.withdraw("T")
        b.withdraw("S")
        let monthly = try Reports.monthly(b.state, cutoff: cutoff("2026-03-10"), MonthlyParameters())
        #expect(monthly.totals == StatusCounts())
        #expect(monthly.units.map(\.figures.assigned) == [0])
        #expect(monthly.overdue.isEmpty)
        #expect(monthly.dueSoon.isEmpty)
        #expect(monthly.entryLag.measured == 0)
        let annual = try Reports.annual(b.state, cutoff: cutoff("2026-12-31"), AnnualParameters())
        #expect(annual.units.map(\.figures.due) == [0])
        #expect(annual.people.isEmpty)
    }
}
