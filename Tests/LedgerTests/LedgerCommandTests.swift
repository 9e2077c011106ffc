import CanonicalJSON
import Domain
import EventLog
import Foundation
import Ledger
import ProvinceTime
import Testing

/// A ledger in a fresh temporary directory with a clock the test controls.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Instant
    init(_ start: String) { current = Instant(parsingRFC3339: start)! }
    var now: Instant { lock.withLock { current } }
    func set(_ text: String) { lock.withLock { current = Instant(parsingRFC3339: text)! } }
}

func temporaryLedger(clock: TestClock) throws -> (Ledger, String) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-\(UUID().uuidString)").path
    return (try Ledger(directory: dir, clock: { clock.now }), dir)
}

let office = Actor(role: .office)

func json(_ text: String) -> JSONValue { try! JSONParser.parse(text) }

func request(
    _ type: String,
    _ payload: String,
    actor: Actor = office,
    commandId: String? = nil,
    expectedVersion: UInt64? = nil
)
    -> CommandRequest
{
    CommandRequest(type: type, actor: actor, payload: json(payload), commandId: commandId, expectedVersion: expectedVersion)
}

/// A province with one department, one person and one task.
func seed(_ ledger: Ledger) throws {
    for r in [
        request("UnitRegistered", #"{"unitId":"SXD","name":"Sở Xây dựng","kind":"department"}"#),
        request("PersonRegistered", #"{"personId":"P1","name":"Nguyễn Văn An","unitId":"SXD"}"#),
        request(
            "TaskAssigned",
            #"{"taskId":"T-1","issuer":"chairman","sourceDocument":{"number":"5425/UBND-KGVX","date":"2025-03-01"},"title":"Báo cáo tiến độ","leadUnitId":"SXD","deadline":"2025-03-20"}"#
        ),
    ] {
        let outcome = try ledger.executeAndWait(r)
        guard case .appended = outcome else { throw Refusal(.invalidValue, field: nil, "seed refused: \(outcome)") }
    }
}

@Suite struct LedgerCommandTests {
    @Test func appendsAndFoldsIntoTheLiveState() throws {
        let clock = TestClock("2025-03-02T09:00:00+07:00")
        let (ledger, dir) = try temporaryLedger(clock: clock)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try seed(ledger)
        let task = try ledger.withState { $0.tasks["T-1"] }
        #expect(task?.leadUnitId == "SXD")
        #expect(try ledger.log.head().seq == 3)
        #expect(try ledger.log.verify().events == 3)
    }

    @Test func aRefusalNamesItsRuleAndStoresNothing() throws {
        let clock = TestClock("2025-03-02T09:00:00+07:00")
        let (ledger, dir) = try temporaryLedger(clock: clock)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try seed(ledger)
        let before = try ledger.log.head()
        let outcome = try ledger.executeAndWait(
            request("TaskWithdrawn", #"{"taskId":"T-404","reason":"nhầm"}"#)
        )
        guard case .refused(let refusal) = outcome else {
            Issue.record("expected a refusal, got \(outcome)")
            return
        }
        #expect(refusal.rule == .unknownTask)
        #expect(refusal.field == "payload.taskId")
        #expect(try ledger.log.head() == before)
    }

    /// SPEC §3: a repeated commandId with the same type and payload returns the first outcome and appends nothing;
    /// with a different payload it is `commandIdReused`. A refused command leaves no trace.
    @Test func idempotency() throws {
        let clock = TestClock("2025-03-02T09:00:00+07:00")
        let (ledger, dir) = try temporaryLedger(clock: clock)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try seed(ledger)
        let first = try ledger.executeAndWait(
            request("UnitRenamed", #"{"unitId":"SXD","name":"Sở Xây dựng tỉnh"}"#, commandId: "rename-1")
        )
        guard case .appended(let appended) = first else {
            Issue.record("expected appended, got \(first)")
            return
        }
        let again = try ledger.executeAndWait(
            request("UnitRenamed", #"{"unitId":"SXD","name":"  Sở Xây dựng tỉnh "}"#, commandId: "rename-1")
        )
        #expect(again == .repeated(appended))
        let different = try ledger.executeAndWait(
            request("UnitRenamed", #"{"unitId":"SXD","name":"Sở Xây dựng Quảng Ngãi"}"#, commandId: "rename-1")
        )
        #expect(different.refusalRule == .commandIdReused)
        #expect(try ledger.log.head().seq == appended.seq)

        let refused = try ledger.executeAndWait(request("UnitRenamed", #"{"unitId":"NOPE","name":"X"}"#, commandId: "rename-2"))
        #expect(refused.refusalRule == .unknownUnit)
        let retried = try ledger.executeAndWait(request("UnitRenamed", #"{"unitId":"SXD","name":"Sở XD"}"#, commandId: "rename-2"))
        #expect(retried.envelope != nil)
    }

    @Test func aStaleExpectedVersionIsAConflict() throws {
        let clock = TestClock("2025-03-02T09:00:00+07:00")
        let (ledger, dir) = try temporaryLedger(clock: clock)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try seed(ledger)
        let stale = try ledger.executeAndWait(
            request("TaskCorrected", #"{"taskId":"T-1","reason":"gõ nhầm","title":"Báo cáo tiến độ quý I"}"#, expectedVersion: 0)
        )
        #expect(stale.refusalRule == .conflict)
        let fresh = try ledger.executeAndWait(
            request("TaskCorrected", #"{"taskId":"T-1","reason":"gõ nhầm","title":"Báo cáo tiến độ quý I"}"#, expectedVersion: 1)
        )
        #expect(fresh.envelope?.version == 2)
    }

    @Test func tokensAuthenticateUntilRevoked() throws {
        let clock = TestClock("2025-03-02T09:00:00+07:00")
        let (ledger, dir) = try temporaryLedger(clock: clock)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try seed(ledger)
        let issued = try ledger.issueToken(name: "Chuyên viên SXD", role: .unit, unitId: "SXD").get()
        let actor = try ledger.authenticate(secret: issued.secret)
        #expect(actor == Actor(role: .unit, unitId: "SXD", tokenId: issued.tokenId))
        #expect(try ledger.authenticate(secret: issued.secret + "x") == nil)
        // The log names the token but never holds the secret.
        let line = String(decoding: issued.envelope.exportLine, as: UTF8.self)
        #expect(!line.contains(issued.secret))
        #expect(try ledger.revokeToken(issued.tokenId, reason: "nghỉ việc").envelope != nil)
        #expect(try ledger.authenticate(secret: issued.secret) == nil)
    }
}

extension CommandOutcome {
    var refusalRule: RuleID? {
        if case .refused(let r) = self { return r.rule }
        return nil
    }
}

/// SPEC §3 `classifiedTask`: a task from a classified document leaves no trace — not in the log, not in an
/// index (its id stays free, its commandId unused), not in the state.
@Suite struct ClassifiedTaskTests {
    @Test func aClassifiedTaskLeavesNoTrace() throws {
        let clock = TestClock("2025-03-02T09:00:00+07:00")
        let (ledger, dir) = try temporaryLedger(clock: clock)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try seed(ledger)
        let head = try ledger.log.head()
        let state = try ledger.withState { $0 }
        let body =
            #"{"taskId":"T-MAT","issuer":"chairman","sourceDocument":{"number":"12/UBND-M","date":"2025-03-01"},"title":"Nhiệm vụ mật","leadUnitId":"SXD","deadline":"2025-03-20","classified":true}"#
        let outcome = try ledger.executeAndWait(request("TaskAssigned", body, commandId: "secret-1"))
        #expect(outcome.refusalRule == .classifiedTask)
        #expect(try ledger.log.head() == head)
        #expect(try ledger.withState { $0 } == state)
        let (streamVersion, commandSeq, streams) = try ledger.log.read { r in
            (try r.streamVersion("task/T-MAT"), try r.seq(forCommandId: "secret-1"), try r.streamCounts())
        }
        #expect(streamVersion == 0)
        #expect(commandSeq == nil)
        #expect(streams["task"] == 1)
        // The id and the commandId are still free: the same task unclassified is an ordinary first assignment.
        let open = try ledger.executeAndWait(request("TaskAssigned", body.replacingOccurrences(of: "true", with: "false"), commandId: "secret-1"))
        #expect(open.envelope?.stream == "task/T-MAT")
        #expect(open.envelope?.version == 1)
    }
}
