import Domain
import Reports
import Testing

/// `rollup=successor` (SPEC §5): merged units have no row, their counts go to the end of their merge chain.
@Suite struct RollupTests {
    /// A → B → C (A merged into B, then B into C); D active, unrelated. Tasks completed before the merges stay.
    var builder: StateBuilder {
        var b = StateBuilder()
        b.unit("A", "Sở A", mergedInto: "B")
        b.unit("B", "Sở B", mergedInto: "C")
        b.unit("C", "Sở C")
        b.unit("D", "Sở D")
        b.person("PA", "Người A", unit: "C")
        b.head("A", "PA", from: "2025-01-01")
        b.task("A1", unit: "A", assigned: "2026-01-02", deadline: "2026-01-10", assignee: "PA")
        b.complete("A1", document: "2026-01-05", entered: "2026-01-05")
        b.task("B1", unit: "B", assigned: "2026-01-02", deadline: "2026-01-10")
        b.complete("B1", document: "2026-01-15", entered: "2026-01-15")
        b.task("C1", unit: "C", assigned: "2026-01-02", deadline: "2026-01-10")
        b.task("C2", unit: "C", assigned: "2026-01-02", deadline: "2026-01-10")
        b.complete("C2", document: "2026-01-05", entered: "2026-01-05")
        b.task("D1", unit: "D", assigned: "2026-01-02", deadline: "2026-01-10")
        return b
    }

    @Test func monthlyFoldsMergedUnitsIntoTheEndOfTheirChain() throws {
        let state = builder.state
        let plain = try Reports.monthly(state, cutoff: cutoff("2026-03-10"), MonthlyParameters())
        let rolled = try Reports.monthly(state, cutoff: cutoff("2026-03-10"), MonthlyParameters(rollup: .successor))
        #expect(plain.units.map(\.unitId) == ["A", "B", "C", "D"])
        #expect(plain.units.map(\.mergedInto) == ["B", "C", nil, nil])  // the direct successor
        #expect(rolled.units.map(\.unitId) == ["C", "D"])
        #expect(rolled.units[0].mergedUnits == ["A", "B"])
        #expect(rolled.units[1].mergedUnits == [])
        let c = rolled.units[0].figures
        #expect([c.assigned, c.completedOnTime, c.completedLate, c.openOverdue] == [4, 2, 1, 1])
        #expect(c.onTimeRate == TwoDecimals(hundredths: 5000))  // recomputed from the sums, not averaged
        #expect(plain.units[2].figures.onTimeRate == TwoDecimals(hundredths: 5000))
        #expect(rolled.totals == plain.totals)
        #expect(rolled.overdue == plain.overdue)
        #expect(rolled.dueSoon == plain.dueSoon)
        #expect(rolled.entryLag == plain.entryLag)
    }

    @Test func annualRecomputesScoresAndKeepsHeadsAndPeople() throws {
        let state = builder.state
        let plain = try Reports.annual(state, cutoff: cutoff("2026-03-10"), AnnualParameters())
        let rolled = try Reports.annual(state, cutoff: cutoff("2026-03-10"), AnnualParameters(rollup: .successor))
        #expect(rolled.units.map(\.unitId) == ["C", "D"])
        let c = rolled.units[0].figures
        #expect([c.due, c.completedOnTime, c.completedLate, c.openOverdue] == [4, 2, 1, 1])
        // (2 + 0.75) / 4 = 68.75
        #expect(rolled.score(c) == TwoDecimals(hundredths: 6875))
        #expect(rolled.band(c)?.label == "Hoàn thành nhiệm vụ")
        #expect(plain.score(plain.units[0].figures) == TwoDecimals(hundredths: 10_000))
        #expect(rolled.heads == plain.heads)
        #expect(rolled.heads.map(\.unitId) == ["A"])
        #expect(rolled.people == plain.people)
    }
}
