import CanonicalJSON
import Domain
import Reports
import Testing

@Suite struct MonthlyReportTests {
    @Test func periodDefaultsToTheCutoffYearAndIsInclusive() throws {
        var b = StateBuilder()
        b.unit("U")
        b.task("OLD", unit: "U", assigned: "2025-12-31T23:59:00+07:00", deadline: "2026-12-31")
        b.task("FIRST", unit: "U", assigned: "2026-01-01T00:00:00+07:00", deadline: "2026-12-31")
        b.task("LAST", unit: "U", assigned: "2026-03-10T23:00:00+07:00", deadline: "2026-12-31")
        let report = try Reports.monthly(b.state, cutoff: cutoff("2026-03-10"), MonthlyParameters())
        #expect(report.from == day("2026-01-01"))
        #expect(report.to == day("2026-03-10"))
        #expect(report.totals.assigned == 2)

        let march = try Reports.monthly(b.state, cutoff: cutoff("2026-03-10"), MonthlyParameters(from: day("2026-03-10"), to: day("2026-03-10")))
        #expect(march.totals.assigned == 1)
    }

    /// The state keeps no titles: the caller gives them, and is asked only for the tasks the lists show, in list order.
    @Test func listTitlesComeFromTheCallerForListedTasksOnly() throws {
        var b = StateBuilder()
        b.unit("B")
        b.unit("A")
        b.task("LATE-2", unit: "B", deadline: "2026-03-01")
        b.task("SOON", unit: "A", deadline: "2026-03-12")
        b.task("LATER", unit: "A", deadline: "2026-06-30")
        b.task("DONE", unit: "A", deadline: "2026-03-01")
        b.complete("DONE", document: "2026-02-20", entered: "2026-02-20")
        b.task("LATE-1", unit: "B", deadline: "2026-03-02")
        var asked: [String] = []
        let report = try Reports.monthly(b.state, cutoff: cutoff("2026-03-10"), MonthlyParameters()) { task in
            asked.append(task.id)
            return "Tiêu đề \(task.id)"
        }
        #expect(asked == ["LATE-1", "LATE-2", "SOON"])
        #expect(report.overdue.map(\.title) == ["Tiêu đề LATE-1", "Tiêu đề LATE-2"])
        #expect(report.dueSoon.map(\.title) == ["Tiêu đề SOON"])
        let json = report.json()
        #expect(json["overdue"]?.arrayValue?.map { $0["title"]?.stringValue } == ["Tiêu đề LATE-1", "Tiêu đề LATE-2"])
    }

    /// Lists are in (unitId, taskId) code-point order, also for ids that share their first 16 bytes, that are
    /// prefixes of one another, or that are not ASCII.
    @Test func listsAreInCodePointOrderOfUnitThenTask() throws {
        var b = StateBuilder()
        let units = ["U-b", "U-a", "Ü", "U"]
        for unit in units { b.unit(unit) }
        let ids = [
            "T-0000000000000001", "T-00000000000000", "T-000000000000000", "T-0000000000000002", "T-00000000000000Z",
            "T-1", "T-10", "T-9", "Ä-1", "T-000000000000000a", "T-000000000000000A", "t",
        ]
        var expected: [(String, String)] = []
        for (n, unit) in units.enumerated() {
            for id in ids {
                b.task("\(id)-\(n)", unit: unit, deadline: "2026-03-01")
                b.task("\(id)+\(n)", unit: unit, deadline: "2026-03-12")
                expected.append((unit, "\(id)-\(n)"))
            }
        }
        let precedes: ((String, String), (String, String)) -> Bool = { a, b in
            a.0 == b.0 ? a.1.utf8.lexicographicallyPrecedes(b.1.utf8) : a.0.utf8.lexicographicallyPrecedes(b.0.utf8)
        }
        expected.sort(by: precedes)
        let report = try Reports.monthly(b.state, cutoff: cutoff("2026-03-10"), MonthlyParameters())
        #expect(report.overdue.map { [$0.unitId, $0.taskId] } == expected.map { [$0.0, $0.1] })
        let soon = report.dueSoon.map { ($0.unitId, $0.taskId) }
        #expect(soon.count == units.count * ids.count)
        #expect(zip(soon, soon.dropFirst()).allSatisfy { precedes($0, $1) })
    }

    @Test func fromAfterToIsRefused() {
        let parameters = MonthlyParameters(from: day("2026-03-02"), to: day("2026-03-01"))
        #expect(throws: ReportError.periodReversed(from: day("2026-03-02"), to: day("2026-03-01"))) {
            try Reports.monthly(LedgerState(), cutoff: cutoff("2026-03-10"), parameters)
        }
        let error = ReportError.periodReversed(from: day("2026-03-02"), to: day("2026-03-01"))
        #expect(error.message.contains("Ngày bắt đầu"))
        #expect(error.parameter == "from")
    }

    @Test func countsPerUnitAndTotals() throws {
        var b = StateBuilder()
        b.unit("A")
        b.unit("B")
        b.unit("C")
        b.task("A1", unit: "A", assigned: "2026-01-05", deadline: "2026-01-20")
        b.complete("A1", document: "2026-01-10", entered: "2026-01-10")
        b.task("A2", unit: "A", assigned: "2026-01-05", deadline: "2026-01-20")
        b.complete("A2", document: "2026-01-25", entered: "2026-01-25")
        b.task("A3", unit: "A", assigned: "2026-01-05", deadline: "2026-01-20")
        b.task("B1", unit: "B", assigned: "2026-02-05", deadline: "2026-12-20")
        b.task("B2", unit: "B", assigned: "2026-02-05", deadline: "2026-12-20")
        b.complete("B2", document: "2026-02-10", entered: "2026-02-10")
        b.task("B3", unit: "B", assigned: "2026-02-05", deadline: "2026-12-20")
        b.complete("B3", document: "2026-02-10", entered: "2026-02-10")
        let report = try Reports.monthly(b.state, cutoff: cutoff("2026-03-10"), MonthlyParameters())
        #expect(report.units.map(\.unitId) == ["A", "B", "C"])
        let a = report.units[0].figures
        #expect([a.assigned, a.completedOnTime, a.completedLate, a.openOnTime, a.openOverdue] == [3, 1, 1, 0, 1])
        #expect(a.onTimeRate == TwoDecimals(hundredths: 3333))  // 33.333… → 33.33
        let bRow = report.units[1].figures
        #expect([bRow.assigned, bRow.completedOnTime, bRow.completedLate, bRow.openOnTime, bRow.openOverdue] == [3, 2, 0, 1, 0])
        #expect(bRow.onTimeRate == TwoDecimals(hundredths: 6667))  // 66.666… → 66.67
        #expect(report.units[2].figures.onTimeRate == nil)
        let t = report.totals
        #expect([t.assigned, t.completedOnTime, t.completedLate, t.openOnTime, t.openOverdue] == [6, 3, 1, 1, 1])
        #expect(t.onTimeRate == TwoDecimals(hundredths: 5000))
    }

    @Test func overdueListIncludesOldTasksOutsideThePeriod() throws {
        var b = StateBuilder()
        b.unit("U")
        b.task("OLD", unit: "U", assigned: "2024-05-05", deadline: "2024-06-30")
        b.task("NEW", unit: "U", assigned: "2026-03-01", deadline: "2026-03-05")
        let report = try Reports.monthly(b.state, cutoff: cutoff("2026-03-10"), MonthlyParameters())
        #expect(report.totals.assigned == 1)
        #expect(report.overdue.map(\.taskId) == ["NEW", "OLD"].sorted())
        #expect(report.overdue.first { $0.taskId == "OLD" }?.daysOverdue == day("2026-03-10").days(since: day("2024-06-30")))
        #expect(report.overdue.first { $0.taskId == "NEW" }?.daysOverdue == 5)
    }

    /// daysOverdue = cutoff date − deadline; buckets 1–30, 31–90, over 90.
    @Test func overdueBucketBoundaries() throws {
        var b = StateBuilder()
        b.unit("U")
        let cutoffDate = day("2026-06-30")
        for days in [1, 30, 31, 90, 91] {
            b.task("D\(days)", unit: "U", assigned: "2025-01-02", deadline: cutoffDate.adding(days: -days).description)
        }
        let report = try Reports.monthly(b.state, cutoff: cutoff("2026-06-30"), MonthlyParameters())
        #expect(report.overdue.map(\.daysOverdue).sorted() == [1, 30, 31, 90, 91])
        #expect(report.overdueBuckets == OverdueBuckets(days1To30: 2, days31To90: 2, over90Days: 1))
    }

    @Test func dueSoonIsZeroToThreeDaysAndNotComplete() throws {
        var b = StateBuilder()
        b.unit("U")
        let cutoffDate = day("2026-03-10")
        for offset in [-1, 0, 1, 3, 4] {
            b.task("S\(offset + 1)", unit: "U", assigned: "2026-03-01", deadline: cutoffDate.adding(days: offset).description)
        }
        b.task("DONE", unit: "U", assigned: "2026-03-01", deadline: "2026-03-11")
        b.complete("DONE", document: "2026-03-05", entered: "2026-03-05")
        let report = try Reports.monthly(b.state, cutoff: cutoff("2026-03-10"), MonthlyParameters())
        #expect(report.dueSoon.map(\.taskId) == ["S1", "S2", "S4"])
        #expect(report.dueSoon.map(\.daysLeft) == [0, 1, 3])
        #expect(report.overdue.map(\.taskId) == ["S0"])
    }

    @Test func listsAreOrderedByUnitThenTaskInCodePointOrder() throws {
        var b = StateBuilder()
        // "Z" (U+005A) precedes "a" (U+0061) and "É" (U+00C9) in code-point order.
        for u in ["a", "Z", "É"] { b.unit(u) }
        b.task("t2", unit: "a", assigned: "2026-01-05", deadline: "2026-02-01")
        b.task("T1", unit: "a", assigned: "2026-01-05", deadline: "2026-02-01")
        b.task("x", unit: "É", assigned: "2026-01-05", deadline: "2026-02-01")
        b.task("y", unit: "Z", assigned: "2026-01-05", deadline: "2026-02-01")
        let report = try Reports.monthly(b.state, cutoff: cutoff("2026-03-10"), MonthlyParameters())
        #expect(report.units.map(\.unitId) == ["Z", "a", "É"])
        #expect(report.overdue.map(\.taskId) == ["y", "T1", "t2", "x"])
    }

    /// entryLag = assignment date − source document date over the counted tasks.
    @Test(arguments: [
        ([0, 1, 2, 5, 9], 200 as Int64?, 9 as Int?, 3),  // odd count: the middle value
        ([0, 1, 2, 5], 150, 5, 2),  // even count: mean of 1 and 2 = 1.5
        ([3], 300, 3, 1),
        ([], nil, nil, 0),
    ])
    func entryLagMedianMaxAndOverOneDay(lags: [Int], medianHundredths: Int64?, max: Int?, over1Day: Int) throws {
        var b = StateBuilder()
        b.unit("U")
        let assigned = day("2026-02-20")
        for (index, lag) in lags.enumerated() {
            b.task("T\(index)", unit: "U", assigned: "2026-02-20", source: assigned.adding(days: -lag).description, deadline: "2026-12-31")
        }
        // Outside the period: not measured.
        b.task("OUT", unit: "U", assigned: "2025-06-01", source: "2025-01-01", deadline: "2026-12-31")
        let report = try Reports.monthly(b.state, cutoff: cutoff("2026-03-10"), MonthlyParameters())
        #expect(report.entryLag.median == medianHundredths.map { TwoDecimals(hundredths: $0) })
        #expect(report.entryLag.max == max)
        #expect(report.entryLag.over1Day == over1Day)
        #expect(report.entryLag.measured == lags.count)
    }

    @Test func attributedToTheLeadUnitInTheState() throws {
        var b = StateBuilder()
        b.unit("OLD", mergedInto: "NEW")
        b.unit("NEW")
        b.unit("OTHER")
        // Reassigned from OTHER to NEW, and one passed from OLD to NEW by the merge: the state already says NEW.
        b.task("R", unit: "NEW", assigned: "2026-01-05", deadline: "2026-12-31")
        b.task("M", unit: "NEW", assigned: "2026-01-05", deadline: "2026-12-31")
        // Completed before the merge: it stays with OLD.
        b.task("C", unit: "OLD", assigned: "2026-01-05", deadline: "2026-12-31")
        b.complete("C", document: "2026-01-06", entered: "2026-01-06")
        let report = try Reports.monthly(b.state, cutoff: cutoff("2026-03-10"), MonthlyParameters())
        #expect(report.units.map(\.unitId) == ["NEW", "OLD", "OTHER"])
        #expect(report.units.map(\.figures.assigned) == [2, 1, 0])
        #expect(report.units.map(\.mergedInto) == [nil, "NEW", nil])
    }
}
