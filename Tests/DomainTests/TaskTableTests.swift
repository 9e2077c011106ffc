import Domain
import ProvinceTime
import Testing

/// The task table outside the fold: views set and read by id, removal, the shared coordinating lists, and the
/// checks on stored parts.
@Suite struct TaskTableTests {
    static func task(_ id: String, lead: String, coordinating: [String] = []) -> TaskState {
        TaskState(
            id: id,
            issuer: .committee,
            sourceDocumentDate: date("2025-03-01"),
            leadUnitId: lead,
            coordinatingUnitIds: coordinating,
            assigneePersonId: nil,
            deadline: date("2025-03-10"),
            assignedAt: instant("2025-03-02T09:00:00+07:00"),
            assignedSeq: 1
        )
    }

    @Test func viewsAreFoundByIdThroughGrowthAndRemoval() {
        var table = TaskTable()
        for i in 0..<1_000 { table["T-\(i)"] = Self.task("T-\(i)", lead: "U\(i % 7)", coordinating: i % 2 == 0 ? ["X", "Y"] : []) }
        #expect(table.count == 1_000)
        #expect((0..<1_000).allSatisfy { table["T-\($0)"]?.leadUnitId == "U\($0 % 7)" })
        #expect(table["T-1000"] == nil && !table.contains("T-1000"))
        // Equal lists are stored once: the empty one and ["X", "Y"].
        #expect(table.coordinatingLists.count == 2)
        #expect(table["T-2"]?.coordinatingUnitIds == ["X", "Y"])

        table["T-500"] = nil
        #expect(table.count == 999 && !table.contains("T-500"))
        #expect((0..<1_000).filter { $0 != 500 }.allSatisfy { table["T-\($0)"]?.id == "T-\($0)" })
        table["T-500"] = Self.task("T-500", lead: "Z")
        #expect(table["T-500"]?.leadUnitId == "Z")
        #expect(table.keys.last == "T-500", "a task set again after removal goes last")
    }

    @Test func storedPartsAreChecked() throws {
        var table = TaskTable()
        table["A"] = Self.task("A", lead: "U1", coordinating: ["U2"])
        table["B"] = Self.task("B", lead: "U2")
        let rebuilt = TaskTable(ids: table.ids, coordinatingLists: table.coordinatingLists, rows: table.rows)
        #expect(rebuilt == table)
        #expect(rebuilt?["A"]?.coordinatingUnitIds == ["U2"])
        let a = try #require(table.row("A"))
        #expect(TaskTable(ids: table.ids, coordinatingLists: table.coordinatingLists, rows: [a, a]) == nil, "a repeated id")
        #expect(TaskTable(ids: InternedIds(), coordinatingLists: InternedLists(), rows: [a]) == nil, "an id outside the table")
        #expect(InternedLists([[UInt32(0)], []]) == nil, "the empty list comes first")
        #expect(InternedIds(["U1", "U1"]) == nil)
    }
}
