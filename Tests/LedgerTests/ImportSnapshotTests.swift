import DemoProvince
import Domain
import EventLog
import Foundation
import Ledger
import ProvinceTime
import Testing

/// A bulk import is one transaction; snapshots due inside it are stored in that transaction, so an as-of report
/// within the import starts near its cutoff, and a refused import leaves no snapshot behind.
@Suite struct ImportSnapshotTests {
    static let demo = Array(DemoProvince(seed: 11, scale: 0.05).lines())

    @Test func snapshotsAreStoredEveryNEventsInsideTheImportAndEqualTheFold() throws {
        let (ledger, dir) = try temporaryLedger(clock: TestClock("2027-06-01T00:00:00Z"))
        defer {
            ledger.close()
            try? FileManager.default.removeItem(atPath: dir)
        }
        let every: UInt64 = 400
        ledger.snapshotPolicy = SnapshotPolicy(everyEvents: every, keep: 1000)
        let summary = try ledger.importLines(lines(Self.demo))
        let head = summary.head.seq
        #expect(head > 3 * every)
        let listed = try ledger.snapshots()
        // One every `every` events inside the import; the scheduler writes none at the head, since the last is
        // fewer than `every` events behind it.
        #expect(listed.map(\.seq) == Array(stride(from: every, through: head, by: Int(every))))
        #expect(listed.allSatisfy { $0.validity == .valid })
        for info in listed.prefix(2) {
            #expect(try ledger.state(throughSeq: info.seq) == (try foldedFromEventOne(ledger, through: info.seq)), "snapshot at seq \(info.seq)")
        }
        #expect(try ledger.rebuild().differences.isEmpty)
    }

    @Test func theImportPrunesToTheNewestFew() throws {
        let (ledger, dir) = try temporaryLedger(clock: TestClock("2027-06-01T00:00:00Z"))
        defer {
            ledger.close()
            try? FileManager.default.removeItem(atPath: dir)
        }
        ledger.snapshotPolicy = SnapshotPolicy(everyEvents: 300, keep: 2)
        let head = try ledger.importLines(lines(Self.demo)).head.seq
        let last = head / 300 * 300
        #expect(try ledger.snapshots().map(\.seq) == [last - 300, last])
    }

    @Test func aRefusedImportLeavesNoSnapshot() throws {
        let (ledger, dir) = try temporaryLedger(clock: TestClock("2027-06-01T00:00:00Z"))
        defer {
            ledger.close()
            try? FileManager.default.removeItem(atPath: dir)
        }
        ledger.snapshotPolicy = SnapshotPolicy(everyEvents: 200, keep: 1000)
        // A line no rule accepts, after several snapshots were due.
        let broken = Self.demo.prefix(900) + [#"{"type":"TaskWithdrawn","actor":{"role":"office"},"payload":{"taskId":"NO-SUCH-TASK","reason":"x"}}"#]
        #expect(throws: ImportFailure.self) { try ledger.importLines(lines(Array(broken))) }
        #expect(try ledger.snapshots().isEmpty)
        #expect(try ledger.log.head().seq == 0)
        // And the next import writes its snapshots from the start.
        let head = try ledger.importLines(lines(Array(Self.demo.prefix(900)))).head.seq
        #expect(try ledger.snapshots().map(\.seq) == Array(stride(from: 200, through: head, by: 200)))
    }
}
