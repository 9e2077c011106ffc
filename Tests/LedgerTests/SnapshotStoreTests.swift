import DemoProvince
import Domain
import EventLog
import Foundation
import Ledger
import ProvinceTime
import Testing

@Suite struct SnapshotStoreTests {
    /// How a forged snapshot (a valid state with one unit renamed) is stored, and whether the ledger may use it.
    enum Forgery: String, CaseIterable, Sendable {
        /// Current version, the log's hash: the ledger uses it (which proves the others are really ignored).
        case none
        case otherVersion
        case otherHash
        /// A flipped byte in the state: the checksum catches it.
        case alteredState
    }

    /// A mark no event changes after registration, so the forged state cannot be mended by the tail.
    static let forgedInstant = Instant(millisecondsSinceEpoch: 42)

    @Test(arguments: Forgery.allCases)
    func onlyASnapshotOfThisVersionAndThisLogIsUsed(forgery: Forgery) throws {
        let dir = try demoDirectory(seed: 7)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let unitId: String
        let used = forgery == .none
        do {
            let ledger = try Ledger(directory: dir)
            let seq = try ledger.log.head().seq / 2
            var forged = try ledger.state(throughSeq: seq)
            unitId = try #require(forged.units.keys.sorted().first)
            forged.units[unitId]?.registeredAt = Self.forgedInstant
            var record = try snapshot(of: forged, in: ledger, version: Snapshot.projectionVersion + (forgery == .otherVersion ? 1 : 0))
            if forgery == .otherHash { record.hash = try #require(Digest(bytes: [UInt8](repeating: 7, count: 32))) }
            if forgery == .alteredState {
                let db = try ledger.log.database("snapshots")
                var bytes = record.encoded()
                bytes[bytes.count - 1] ^= 0x55
                let key = (0..<8).map { UInt8(truncatingIfNeeded: seq >> (8 * (7 - UInt64($0)))) }
                try ledger.log.environment.write { txn in try txn.put(db, key: key, value: bytes) }
            } else {
                try storeSnapshot(record, in: ledger)
            }
            let listed = try #require(try ledger.snapshots().first)
            switch forgery {
            case .none, .alteredState: #expect(listed.validity == .valid)
            case .otherVersion: #expect(listed.validity == .otherVersion(Snapshot.projectionVersion + 1))
            case .otherHash: #expect(listed.validity == .hashMismatch)
            }
            let asOf = try ledger.state(throughSeq: seq + 3)
            #expect((asOf.units[unitId]?.registeredAt == Self.forgedInstant) == used)
            ledger.close()
        }

        let ledger = try Ledger(directory: dir)
        defer { ledger.close() }
        let live = try ledger.withState { $0 }
        #expect((live.units[unitId]?.registeredAt == Self.forgedInstant) == used)
        if !used {
            #expect(live == (try foldedFromEventOne(ledger, through: live.lastSeq)))
        }
    }

    @Test func rebuildDeletesSnapshotsThatDisagreeOrCannotBeUsedAndWritesOneAtTheHead() throws {
        let dir = try demoDirectory(seed: 8)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let head: UInt64
        let taskId: String
        let good: UInt64
        do {
            let ledger = try Ledger(directory: dir)
            head = try ledger.log.head().seq
            var forged = try ledger.state(throughSeq: head / 2)
            taskId = try #require(forged.tasks.keys.sorted().first)
            forged.tasks[taskId]?.assignedSeq += 1_000_000  // no later event changes it
            try storeSnapshot(try snapshot(of: forged, in: ledger), in: ledger)
            try storeSnapshot(try snapshot(of: try ledger.state(throughSeq: head / 3), in: ledger, version: 0), in: ledger)
            good = head / 4
            try storeSnapshot(try snapshot(of: try ledger.state(throughSeq: good), in: ledger), in: ledger)
            ledger.close()
        }

        do {
            let reopened = try Ledger(directory: dir)  // its live state comes from the forged snapshot
            defer { reopened.close() }
            let report = try reopened.rebuild()
            #expect(report.head.seq == head)
            #expect(report.snapshotsCompared == [good, head / 2])
            #expect(report.ignored.map(\.seq) == [head / 3])
            #expect(Set(report.differences.map(\.snapshotSeq)) == [head / 2, nil])
            #expect(report.differences.allSatisfy { $0.detail.contains("tasks differ: \(taskId)") })
            #expect(report.deleted == [head / 3, head / 2])
            #expect(try reopened.snapshots().map(\.seq) == [good, head])
            #expect(try reopened.snapshots().allSatisfy { $0.validity == .valid })
        }

        // The rebuild does not touch the live state of a running process; the next one opens from the fresh snapshot.
        let next = try Ledger(directory: dir)
        defer { next.close() }
        let again = try next.rebuild()
        #expect(again.differences.isEmpty)
        #expect(again.snapshotsCompared == [good, head])
    }

    @Test func createListPinAndPrune() throws {
        let (ledger, dir) = try demoLedger(seed: 9)
        defer {
            ledger.close()
            try? FileManager.default.removeItem(atPath: dir)
        }
        let head = try ledger.log.head().seq
        for seq in [100, 200, 300] as [UInt64] {
            try storeSnapshot(try snapshot(of: try ledger.state(throughSeq: seq), in: ledger), in: ledger)
        }
        let created = try ledger.createSnapshot(pinned: true)
        #expect(created.seq == head && created.pinned && created.validity == .valid)
        #expect(created.header?.projectionVersion == Snapshot.projectionVersion)
        #expect(created.header?.hash == (try ledger.log.head().hash))
        try ledger.setSnapshotPinned(true, seq: 100)
        #expect(try ledger.pruneSnapshots(keep: 1) == [200, 300])
        #expect(try ledger.snapshots().map(\.seq) == [100, head])
        try ledger.setSnapshotPinned(false, seq: 100)
        #expect(try ledger.pruneSnapshots(keep: 1) == [100])
        #expect(throws: SnapshotError.self) { try ledger.setSnapshotPinned(true, seq: 12_345) }
        #expect(try ledger.state(throughSeq: head) == (try ledger.withState { $0 }))
    }

    @Test func snapshotsAreWrittenEveryNEventsAndPruned() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let live: LedgerState
        do {
            let ledger = try Ledger(directory: dir)
            ledger.snapshotPolicy = SnapshotPolicy(everyEvents: 400, keep: 2)
            let all = Array(DemoProvince(seed: 10, scale: 0.08).lines())
            var start = 0
            while start < all.count {
                let chunk = Array(all[start..<min(start + 150, all.count)])
                _ = try ledger.importLines(chunk.enumerated().map { NDJSONLine(number: start + $0.offset + 1, bytes: Array($0.element.utf8)) })
                start += chunk.count
            }
            live = try ledger.withState { $0 }
            ledger.close()  // waits for a snapshot being written
        }

        let reopened = try Ledger(directory: dir)
        defer { reopened.close() }
        let stored = try reopened.snapshots()
        #expect((1...2).contains(stored.count), "pruned to the newest 2: \(stored.map(\.seq))")
        #expect(stored.allSatisfy { $0.validity == .valid && $0.seq >= 400 })
        #expect(try reopened.withState { $0 } == live)
        #expect(try reopened.rebuild().differences.isEmpty)
    }

    @Test func thePolicyComesFromTheEnvironment() {
        #expect(SnapshotPolicy.fromEnvironment([:]) == SnapshotPolicy(everyEvents: 1_000_000, keep: 3))
        #expect(SnapshotPolicy.fromEnvironment(["TASKLEDGER_SNAPSHOT_EVERY": "5000", "TASKLEDGER_SNAPSHOT_KEEP": "5"]).everyEvents == 5000)
        #expect(SnapshotPolicy.fromEnvironment(["TASKLEDGER_SNAPSHOT_EVERY": "0"]).everyEvents == 0)
        #expect(SnapshotPolicy.fromEnvironment(["TASKLEDGER_SNAPSHOT_EVERY": "lots"]).everyEvents == 1_000_000)
    }
}
