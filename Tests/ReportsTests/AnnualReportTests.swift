import Domain
import Reports
import Testing

@Suite struct AnnualReportTests {
    /// SPEC §5's own example: weight 0.85 for late, 4 on time and 1 late of 8 due → 60.625 → 60.63.
    @Test func scoreIsExactAndRoundedOnceHalfAwayFromZero() throws {
        var b = StateBuilder()
        b.unit("U")
        b.publish("p-2026", fromYear: 2026, onTime: 10_000, late: 8_500, overdue: 0, bands: [(90, "A"), (60, "B"), (0, "C")])
        for i in 1...8 { b.task("T\(i)", unit: "U", assigned: "2026-01-05", deadline: "2026-03-01") }
        for i in 1...4 { b.complete("T\(i)", document: "2026-02-01", entered: "2026-02-01") }
        b.complete("T5", document: "2026-03-05", entered: "2026-03-05")
        let report = try Reports.annual(b.state, cutoff: cutoff("2026-06-30"), AnnualParameters())
        let figures = try #require(report.units.first).figures
        #expect([figures.due, figures.completedOnTime, figures.completedLate, figures.openOverdue] == [8, 4, 1, 3])
        #expect(report.score(figures) == TwoDecimals(hundredths: 6063))
        #expect(report.band(figures)?.label == "B")
        #expect(report.policy.policyId == "p-2026")
    }

    /// Half away from zero at exactly .xx5, and no double rounding.
    @Test(arguments: [
        (1_234_500 as Int64, 1000 as Int64, 1235 as Int64),  // 1234.5 hundredths: 12.345 exactly → 12.35
        (-1_234_500, 1000, -1235),  // −12.345 → −12.35
        (1_234_499, 1000, 1234),  // 12.34499 → 12.34
        (48_500, 8, 6063),  // 60.625 → 60.63
        (10_000, 3, 3333),  // 33.333… → 33.33
        (20_000, 3, 6667),  // 66.666… → 66.67
        (1, 2, 1),  // 0.005 → 0.01
    ])
    func roundingHalfAwayFromZero(numerator: Int64, denominator: Int64, hundredths: Int64) {
        #expect(TwoDecimals.rounding(numerator, over: denominator) == TwoDecimals(hundredths: hundredths))
    }

    @Test func roundingByZeroIsUndefined() {
        #expect(TwoDecimals.rounding(5, over: 0) == nil)
        #expect(TwoDecimals.percentage(0, of: 0) == nil)
        #expect(TwoDecimals(hundredths: 6063).description == "60.63")
        #expect(TwoDecimals(hundredths: 6060).description == "60.6")
        #expect(TwoDecimals(hundredths: 10_000).description == "100")
        #expect(TwoDecimals(hundredths: 5).description == "0.05")
        #expect(TwoDecimals(hundredths: -150).description == "-1.5")
    }

    /// A scenario whose exact score is 12.345: weights 0.2469 on time, 0 otherwise, 1 of 2 due:
    /// 100 × 0.2469 / 2 = 12.345 → 12.35.
    @Test func scoreAtAnExactHalfRoundsAway() throws {
        var b = StateBuilder()
        b.unit("U")
        b.publish("odd", fromYear: 2020, onTime: 2_469, late: 0, overdue: 0, bands: [(10, "≥10"), (0, "<10")])
        b.task("A", unit: "U", assigned: "2026-01-05", deadline: "2026-02-01")
        b.complete("A", document: "2026-01-10", entered: "2026-01-10")
        b.task("B", unit: "U", assigned: "2026-01-05", deadline: "2026-02-01")
        let report = try Reports.annual(b.state, cutoff: cutoff("2026-12-31"), AnnualParameters(year: 2026))
        let figures = try #require(report.units.first).figures
        #expect(report.score(figures) == TwoDecimals(hundredths: 1235))
        #expect(report.band(figures)?.label == "≥10")
    }

    @Test func scopeIsCompleteOrPastDeadlineWithDeadlineInTheYear() throws {
        var b = StateBuilder()
        b.unit("U")
        b.task("DUE_LATER", unit: "U", assigned: "2026-01-05", deadline: "2026-09-30")  // open, not yet due: not scored
        b.task("EARLY", unit: "U", assigned: "2026-01-05", deadline: "2026-09-30")  // complete before its deadline: scored
        b.complete("EARLY", document: "2026-03-01", entered: "2026-03-01", grade: .good)
        b.task("OVERDUE", unit: "U", assigned: "2026-01-05", deadline: "2026-05-31")
        b.task("LAST_YEAR", unit: "U", assigned: "2025-01-05", deadline: "2025-12-31")  // deadline in 2025
        b.task("NEXT_YEAR", unit: "U", assigned: "2026-01-05", deadline: "2027-01-01")
        b.complete("NEXT_YEAR", document: "2026-03-01", entered: "2026-03-01")
        let report = try Reports.annual(b.state, cutoff: cutoff("2026-06-30"), AnnualParameters())
        #expect(report.year == 2026)
        let figures = try #require(report.units.first).figures
        #expect([figures.due, figures.completedOnTime, figures.completedLate, figures.openOverdue] == [2, 1, 0, 1])
        // default-2026: (1×1 + 0×0.75 + 1×0) / 2 = 50 → "Hoàn thành nhiệm vụ"
        #expect(report.score(figures) == TwoDecimals(hundredths: 5000))
        #expect(report.band(figures)?.label == "Hoàn thành nhiệm vụ")
        #expect(figures.quality.evaluated == 1 && figures.quality.good == 1)
        let lastYear = try Reports.annual(b.state, cutoff: cutoff("2026-06-30"), AnnualParameters(year: 2025))
        #expect(lastYear.units.first?.figures.due == 1)
    }

    @Test func nothingDueMeansNoScoreAndNoBand() throws {
        var b = StateBuilder()
        b.unit("U")
        b.task("T", unit: "U", assigned: "2026-01-05", deadline: "2026-09-30")
        let report = try Reports.annual(b.state, cutoff: cutoff("2026-06-30"), AnnualParameters())
        let figures = try #require(report.units.first).figures
        #expect(figures.due == 0)
        #expect(report.score(figures) == nil)
        #expect(report.band(figures) == nil)
    }

    @Test func qualityCountsEveryGradeBesideTheScore() throws {
        var b = StateBuilder()
        b.unit("U")
        let grades: [Grade?] = [.excellent, .excellent, .good, .satisfactory, .unsatisfactory, nil]
        for (i, grade) in grades.enumerated() {
            b.task("T\(i)", unit: "U", assigned: "2026-01-05", deadline: "2026-02-01")
            b.complete("T\(i)", document: "2026-01-10", entered: "2026-01-10", grade: grade)
        }
        let report = try Reports.annual(b.state, cutoff: cutoff("2026-06-30"), AnnualParameters())
        let quality = try #require(report.units.first).figures.quality
        #expect([quality.evaluated, quality.excellent, quality.good, quality.satisfactory, quality.unsatisfactory] == [5, 2, 1, 1, 1])
        #expect(report.score(report.units[0].figures) == TwoDecimals(hundredths: 10_000))
    }

    /// The band is the greatest `min` ≤ the *rounded* score: one task on time and one late of two due, so the
    /// score is (1 + wLate) / 2 × 100; 89.995 rounds to 90.00 and earns the top band.
    @Test(arguments: [
        (1, 1, 0, 7_999 as Int64, "Hoàn thành xuất sắc nhiệm vụ" as String?),  // 89.995 → 90.00
        (1, 1, 0, 7_997, "Hoàn thành tốt nhiệm vụ"),  // 89.985 → 89.99
        (1, 1, 0, 4_000, "Hoàn thành tốt nhiệm vụ"),  // 70.00 exactly
        (1, 1, 0, 3_997, "Hoàn thành nhiệm vụ"),  // 69.985 → 69.99
        (1, 0, 2, 0, "Không hoàn thành nhiệm vụ"),  // 33.33
        (0, 0, 1, 0, "Không hoàn thành nhiệm vụ"),  // 0
    ])
    func bandOfTheRoundedScore(onTime: Int, late: Int, overdue: Int, lateWeight: Int64, label: String?) {
        var figures = ScoreFigures()
        figures.due = onTime + late + overdue
        figures.completedOnTime = onTime
        figures.completedLate = late
        figures.openOverdue = overdue
        var policy = ScoringPolicy.default2026
        policy.late = Decimal4(tenThousandths: lateWeight)
        #expect(figures.band(under: policy)?.label == label)
    }

    @Test func aScoreBelowEveryBandHasNoBand() {
        var figures = ScoreFigures()
        figures.due = 1
        figures.openOverdue = 1
        var policy = ScoringPolicy.default2026
        policy.bands = [ScoreBand(min: Decimal4(tenThousandths: 500_000), label: "Đạt")]
        #expect(figures.score(under: policy) == TwoDecimals(hundredths: 0))
        #expect(figures.band(under: policy) == nil)
    }

    @Test func policyIsTheLatestApplyingToTheYearElseDefault2026() throws {
        var b = StateBuilder()
        b.unit("U")
        b.task("T", unit: "U", assigned: "2024-01-05", deadline: "2024-02-01")
        #expect(try Reports.annual(b.state, cutoff: cutoff("2026-06-30"), AnnualParameters(year: 2024)).policy == .default2026)
        b.publish("p2025", fromYear: 2025, onTime: 10_000, late: 5_000, overdue: 0, bands: [(0, "x")])
        b.publish("p2027", fromYear: 2027, onTime: 10_000, late: 2_500, overdue: 0, bands: [(0, "y")])
        b.publish("p2025b", fromYear: 2025, onTime: 10_000, late: 6_000, overdue: 0, bands: [(0, "z")])
        func policyId(_ year: Int) throws -> String {
            try Reports.annual(b.state, cutoff: cutoff("2026-06-30"), AnnualParameters(year: year)).policy.policyId
        }
        #expect(try policyId(2024) == "default-2026")
        #expect(try policyId(2025) == "p2025b")  // the latest published, in log order
        #expect(try policyId(2026) == "p2025b")
        // "The latest with appliesFromYear ≤ year" is the latest *published*: p2025b came after p2027.
        #expect(try policyId(2027) == "p2025b")
        b.publish("p2027b", fromYear: 2027, onTime: 10_000, late: 2_500, overdue: 0, bands: [(0, "w")])
        #expect(try policyId(2027) == "p2027b")
        #expect(try policyId(2026) == "p2025b")
    }

    @Test func yearOutsideWhatADateCanWriteIsRefused() {
        #expect(throws: ReportError.yearOutOfRange(10_000)) {
            try Reports.annual(LedgerState(), cutoff: cutoff("2026-06-30"), AnnualParameters(year: 10_000))
        }
    }

    /// Head tenures split at a new appointment; figures over the unit's own tasks with deadline in the tenure.
    @Test func headFiguresSplitAtANewAppointment() throws {
        var b = StateBuilder()
        b.unit("U")
        b.unit("V")
        b.person("H1", "Trần Thị Bình", unit: "U")
        b.person("H2", "Lê Văn Cường", unit: "U")
        b.person("H0", "Phạm Đức", unit: "U")
        b.head("U", "H0", from: "2020-01-01")
        b.head("U", "H1", from: "2024-05-01")
        b.head("U", "H2", from: "2026-04-01")
        b.task("A", unit: "U", assigned: "2026-01-05", deadline: "2026-03-31")  // H1's last day
        b.complete("A", document: "2026-03-01", entered: "2026-03-01")
        b.task("B", unit: "U", assigned: "2026-01-05", deadline: "2026-04-01")  // H2's first day
        b.task("C", unit: "V", assigned: "2026-01-05", deadline: "2026-04-01")  // another unit's task
        let report = try Reports.annual(b.state, cutoff: cutoff("2026-06-30"), AnnualParameters())
        // H0's tenure ended 2024-04-30, before 2026: not listed.
        #expect(report.heads.map(\.personId) == ["H1", "H2"])
        #expect(report.heads.map(\.from) == [day("2024-05-01"), day("2026-04-01")])
        #expect(report.heads.map(\.to) == [day("2026-03-31"), nil])
        #expect(report.heads.map(\.figures.due) == [1, 1])
        #expect(report.heads.map(\.figures.completedOnTime) == [1, 0])
        #expect(report.heads.map(\.figures.openOverdue) == [0, 1])
        #expect(report.heads[0].personName == "Trần Thị Bình")
    }

    @Test func headsOrderedByUnitThenFrom() throws {
        var b = StateBuilder()
        b.unit("B")
        b.unit("A")
        b.person("P1", "Một", unit: "A")
        b.person("P2", "Hai", unit: "B")
        b.person("P3", "Ba", unit: "A")
        b.head("B", "P2", from: "2026-01-01")
        b.head("A", "P1", from: "2025-01-01")
        b.head("A", "P3", from: "2026-07-01")
        let report = try Reports.annual(b.state, cutoff: cutoff("2026-08-30"), AnnualParameters())
        #expect(report.heads.map(\.personId) == ["P1", "P3", "P2"])
        // A tenure that only starts after the year does not overlap it.
        let previous = try Reports.annual(b.state, cutoff: cutoff("2026-08-30"), AnnualParameters(year: 2025))
        #expect(previous.heads.map(\.personId) == ["P1"])
    }

    /// Individuals: by assignee in the state; the row names the person's unit as of the cutoff.
    @Test func peopleRowsIncludeATransferredPerson() throws {
        var b = StateBuilder()
        b.unit("U")
        b.unit("W")
        b.person("P2", "Hoàng Văn Em", unit: "U")
        b.person("P1", "Đỗ Thị Phương", unit: "W")  // transferred from U to W after being assigned T1
        b.person("P3", "Không Việc", unit: "U")
        b.task("T1", unit: "U", assigned: "2026-01-05", deadline: "2026-02-01", assignee: "P1")
        b.complete("T1", document: "2026-02-03", entered: "2026-02-03")
        b.task("T2", unit: "U", assigned: "2026-01-05", deadline: "2026-02-01", assignee: "P2")
        b.task("T3", unit: "U", assigned: "2026-01-05", deadline: "2026-12-01", assignee: "P3")  // not yet due
        let report = try Reports.annual(b.state, cutoff: cutoff("2026-06-30"), AnnualParameters())
        #expect(report.people.map(\.personId) == ["P1", "P2"])
        #expect(report.people[0].unitId == "W")
        #expect(report.people[0].figures.completedLate == 1)
        #expect(report.score(report.people[0].figures) == TwoDecimals(hundredths: 7500))
        #expect(report.people[1].figures.openOverdue == 1)
        // The task still counts for the unit that leads it.
        #expect(report.units.first { $0.unitId == "U" }?.figures.due == 2)
    }
}
