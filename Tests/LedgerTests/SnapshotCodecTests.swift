import Domain
import Foundation
import Ledger
import ProvinceTime
import Testing

@Suite struct SnapshotCodecTests {
    @Test(arguments: [UInt64(1), 2, 3])
    func demoStatesRoundTripByteForByte(seed: UInt64) throws {
        let (ledger, dir) = try demoLedger(seed: seed)
        defer {
            ledger.close()
            try? FileManager.default.removeItem(atPath: dir)
        }
        let head = try ledger.log.head().seq
        for seq in [1, 17, head / 3, head / 2, head] {
            let state = try ledger.state(throughSeq: seq)
            let bytes = StateCodec.encode(state)
            let decoded = try bytes.withUnsafeBytes { try StateCodec.decode($0) }
            #expect(decoded == state, "seed \(seed), seq \(seq)")
            #expect(StateCodec.encode(decoded) == bytes, "the encoding is deterministic (seed \(seed), seq \(seq))")
        }
    }

    @Test func everyFieldOfAHandBuiltStateRoundTrips() throws {
        let state = Self.handBuiltState()
        let decoded = try StateCodec.encode(state).withUnsafeBytes { try StateCodec.decode($0) }
        #expect(decoded == state)
    }

    @Test func cutOrPaddedBytesAreRefusedNotMisread() throws {
        let bytes = StateCodec.encode(Self.handBuiltState())
        for length in 0..<bytes.count {
            #expect(throws: StateCodecError.self, "cut to \(length) bytes") {
                try Array(bytes.prefix(length)).withUnsafeBytes { try StateCodec.decode($0) }
            }
        }
        #expect(throws: StateCodecError.self) { try (bytes + [0]).withUnsafeBytes { try StateCodec.decode($0) } }
    }

    /// The codec writes every stored property by name. A property added to a state type and not to `StateCodec`
    /// would be dropped from snapshots silently; this fails first. Add it to the codec and bump
    /// `Snapshot.projectionVersion`, then add its name here.
    @Test func theCodecKnowsEveryStoredPropertyOfTheState() {
        let state = Self.handBuiltState()
        let labels: [(String, Any, [String])] = [
            ("LedgerState", state, ["units", "people", "tasks", "policies", "tokens", "lastSeq", "lastRecordedAt"]),
            (
                "UnitState", state.units["U1"]!,
                ["id", "name", "kind", "parentUnitId", "registeredAt", "mergedInto", "mergedAt", "headAppointments"]
            ),
            ("HeadAppointment", state.units["U1"]!.headAppointments[0], ["unitId", "personId", "from", "seq"]),
            ("PersonState", state.people["P1"]!, ["id", "name", "unitId", "title"]),
            // `rowIndex` is derived from the rows on decoding, `indexByString` from the strings, `indexByList` from the lists.
            ("TaskTable", state.tasks, ["rows", "ids", "coordinatingLists", "rowIndex"]),
            ("InternedIds", state.tasks.ids, ["strings", "indexByString"]),
            ("InternedLists", state.tasks.coordinatingLists, ["lists", "indexByList"]),
            (
                "TaskRow", state.tasks.row("T1")!,
                [
                    "id", "assignedAt", "assignedSeq", "reportRecordedAt", "reportSeq", "resultRecordedAt", "resultSeq",
                    "withdrawnAtMilliseconds", "correctionSeqs", "mergeSeqs", "coordinatingList", "sourceDocumentDay",
                    "originalDeadlineDay", "deadlineDay", "reportDocumentDay", "lead", "assignee", "reportUnit", "resultUnit",
                    "issuer", "grade",
                ]
            ),
            (
                "ScoringPolicy", state.policies[0],
                ["policyId", "appliesFromYear", "onTime", "late", "overdue", "bands", "seq"]
            ),
            ("ScoreBand", state.policies[0].bands[0], ["min", "label"]),
            ("TokenState", state.tokens["K1"]!, ["id", "name", "role", "unitId", "revoked"]),
        ]
        for (type, value, expected) in labels {
            let found = Mirror(reflecting: value).children.compactMap(\.label)
            #expect(found == expected, "\(type) has stored properties \(found); StateCodec writes \(expected)")
        }
    }

    /// Every optional present, keys that differ from the ids inside, negative instants and days, seqs that fall.
    static func handBuiltState() -> LedgerState {
        let t0 = Instant(millisecondsSinceEpoch: -86_400_001)
        let t1 = Instant(millisecondsSinceEpoch: 1_767_225_600_123)
        let day = LocalDate(dayNumber: 20_500)
        var state = LedgerState()
        var unit = UnitState(id: "U1", name: "Sở Xây dựng", kind: .department, parentUnitId: "UBND", registeredAt: t0)
        unit.mergedInto = "U2"
        unit.mergedAt = t1
        unit.headAppointments = [
            HeadAppointment(unitId: "U1", personId: "P1", from: day, seq: 4),
            HeadAppointment(unitId: "U1", personId: "P2", from: day.adding(days: 30), seq: 9),
        ]
        state.units["U1"] = unit
        state.units["U2"] = UnitState(id: "U2", name: "Sở Nội vụ", kind: .other, parentUnitId: nil, registeredAt: t1)
        state.units["alias"] = UnitState(id: "U3", name: "Xã Đông Hòa", kind: .commune, parentUnitId: nil, registeredAt: t1)
        state.people["P1"] = PersonState(id: "P1", name: "Nguyễn Thị Ánh", unitId: "U1", title: "Giám đốc")
        state.people["P2"] = PersonState(id: "P2", name: "Lê Văn Bình", unitId: "U2", title: nil)
        var task = TaskState(
            id: "T1",
            issuer: .chairman,
            sourceDocumentDate: day,
            leadUnitId: "U2",
            coordinatingUnitIds: ["U1", "alias"],
            assigneePersonId: "P2",
            deadline: day.adding(days: 10),
            assignedAt: t0,
            assignedSeq: 5
        )
        task.deadline = day.adding(days: 40)
        task.correctionSeqs = [7, 6]
        task.reportDocument = SubmittedReport(documentDate: day.adding(days: 2), unitId: "U2", recordedAt: t1, seq: 12)
        task.result = EnteredResult(unitId: "U1", recordedAt: t1, seq: 13)
        task.grade = .excellent
        task.withdrawnAt = t1
        task.mergeSeqs = [UInt64.max]
        state.tasks["T1"] = task
        var other = TaskState(
            id: "T2",
            issuer: .committee,
            sourceDocumentDate: LocalDate(dayNumber: -1),
            leadUnitId: "U1",
            coordinatingUnitIds: [],
            assigneePersonId: nil,
            deadline: day,
            assignedAt: t1,
            assignedSeq: 14
        )
        other.grade = .unsatisfactory
        state.tasks["T2"] = other
        state.policies = [
            ScoringPolicy(
                policyId: "pol-2027",
                appliesFromYear: 2027,
                onTime: Decimal4(tenThousandths: 10_000),
                late: Decimal4(tenThousandths: 8_500),
                overdue: Decimal4(tenThousandths: 0),
                bands: [ScoreBand(min: Decimal4(tenThousandths: 900_000), label: "Xuất sắc")],
                seq: 15
            ),
            .default2026,
        ]
        state.tokens["K1"] = TokenState(id: "K1", name: "Văn phòng", role: .unit, unitId: "U1", revoked: true)
        state.tokens["K2"] = TokenState(id: "K2", name: "Kiểm toán", role: .auditor, unitId: nil)
        state.lastSeq = 15
        state.lastRecordedAt = t1
        return state
    }
}
