import CanonicalJSON
import DemoProvince
import Domain
import ProvinceTime
import Testing

/// The real check: every demo event passes the rules of SPEC §3 in order, through the same
/// `validate` → `decide` → `apply` the ledger's bare-event import runs.
@Suite struct DemoProvinceReplayTests {
    /// The state after replaying every event of `seed`, or the first refusal with its line number.
    static func replay(seed: UInt64, scale: Double = 1) -> (state: LedgerState, refusal: String?) {
        var state = LedgerState()
        var seq: UInt64 = 0
        for (index, event) in DemoProvince(seed: seed, scale: scale).events().enumerated() {
            let line = index + 1
            guard let type = event["type"]?.stringValue, let stamp = event["recordedAt"]?.stringValue,
                let recordedAt = Instant(parsingRFC3339: stamp), let roleName = event["actor"]?["role"]?.stringValue,
                let role = Role(rawValue: roleName), let payload = event["payload"]
            else {
                return (state, "line \(line): not a bare event: \(event.canonicalString)")
            }
            let actor = Actor(role: role, unitId: event["actor"]?["unitId"]?.stringValue)
            do {
                let validated = try Rules.validate(Command(type: type, actor: actor, payload: payload, recordedAt: recordedAt))
                try Rules.decide(validated, actor: actor, recordedAt: recordedAt, in: state)
                seq += 1
                state.apply(validated.event, seq: seq, recordedAt: recordedAt, actor: actor)
            } catch {
                return (state, "line \(line): \(error) — \(event.canonicalString)")
            }
        }
        return (state, nil)
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func everyEventIsAccepted(seed: UInt64) {
        let (state, refusal) = Self.replay(seed: seed)
        #expect(refusal == nil, "seed \(seed): \(refusal ?? "")")
        #expect(state.tasks.count > 3_000)
    }

    /// Every lifecycle the reports must show is present at the end of the history, judged on its last day.
    @Test func everyLifecycleIsPresent() throws {
        let (state, refusal) = Self.replay(seed: 1)
        try #require(refusal == nil, "\(refusal ?? "")")
        let end = LocalDate(year: 2026, month: 11, day: 20)!
        var statuses: [TaskStatus: Int] = [:]
        for task in state.tasks.values { statuses[task.status(judgedOn: end), default: 0] += 1 }
        for status in TaskStatus.allCases {
            #expect((statuses[status] ?? 0) > 0, "no task \(status)")
        }
        let tasks = Array(state.tasks.values)
        #expect(tasks.contains { $0.completionDate != nil && $0.completionDate == $0.deadline }, "none completed on its deadline day")
        #expect(tasks.contains { $0.deadline != $0.originalDeadline }, "none extended")
        #expect(tasks.contains { $0.grade != nil }, "none graded")
        #expect(tasks.contains { !$0.coordinatingUnitIds.isEmpty }, "none coordinated")
        #expect(tasks.contains { $0.assigneePersonId != nil }, "none with an assignee")
        #expect(state.policies.map(\.policyId) == ["QD-2024", "QD-2026"])

        let merged = state.units.values.filter { !$0.isActive }
        #expect(merged.contains { $0.kind == .district })
        #expect(merged.contains { $0.kind == .department })
        #expect(state.units.values.filter { $0.kind == .district }.allSatisfy { !$0.isActive }, "a district survives 1 July 2025")
        #expect(state.units.values.contains { $0.headAppointments.count > 1 }, "no head changed")
        // After the reorganisation no open task is led by a merged unit: merges passed them on.
        for task in tasks where !task.isComplete && !task.isWithdrawn {
            #expect(state.units[task.leadUnitId]?.isActive == true, "\(task.id) led by merged \(task.leadUnitId)")
        }
    }
}
