import Foundation
import TestSupport
import Testing

/// `taskledger snapshot` and `rebuild` through the real binary: snapshots inside an import, at a past seq, and the
/// as-of report that starts from one.
@Suite(.serialized, .enabled(if: TaskLedgerBinary.isBuilt, "build the taskledger binary first (swift build)"))
struct SnapshotCLITests {
    /// The rows of `snapshot list` after its header: (seq, pinned, status).
    func listed(_ data: String) throws -> [(seq: UInt64, pinned: String, status: String)] {
        let list = try TaskLedgerBinary.run(["snapshot", "list", "--data", data])
        #expect(list.status == 0, "\(list.stderr)")
        return list.stdout.split(separator: "\n").dropFirst().map { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return (UInt64(f[0]) ?? 0, f[5], f[6])
        }
    }

    @Test func anImportStoresItsSnapshotsAndOneCanBeAddedAtAPastSeq() throws {
        let dir = try TemporaryDirectory("snapshot-cli")
        let demo = dir.file("demo.ndjson")
        let generated = try TaskLedgerBinary.run(["demo", "--seed", "2", "--scale", "0.02", "--out", demo])
        #expect(generated.status == 0, "\(generated.stderr)")
        let data = dir.file("data")
        let policy = ["TASKLEDGER_SNAPSHOT_EVERY": "250", "TASKLEDGER_SNAPSHOT_KEEP": "100"]
        let imported = try TaskLedgerBinary.run(["import", "--data", data, demo], environment: policy)
        #expect(imported.status == 0, "\(imported.stderr)")
        // "imported N events …"
        let count = try #require(imported.stdout.split(separator: " ").dropFirst().first.flatMap { UInt64($0) })
        #expect(count > 800)
        let afterImport = try listed(data)
        #expect(afterImport.map(\.seq) == Array(stride(from: 250, through: count, by: 250)))
        #expect(afterImport.allSatisfy { $0.status == "valid" })

        let created = try TaskLedgerBinary.run(["snapshot", "create", "--data", data, "--at", "600", "--pin"])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.hasPrefix("snapshot written at seq 600: "))
        #expect(try listed(data).first { $0.seq == 600 }?.pinned == "pinned")

        let refused = try TaskLedgerBinary.run(["snapshot", "create", "--data", data, "--at", "99999"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("--at 99999"))
        #expect(try listed(data).count == afterImport.count + 1)

        // The as-of report from the snapshot at 600 plus a tail equals the one from a ledger without snapshots.
        let asOf = try TaskLedgerBinary.run(["report", "annual", "--data", data, "--as-of", "640"])
        #expect(asOf.status == 0, "\(asOf.stderr)")
        let bare = dir.file("bare")
        let copied = try TaskLedgerBinary.run(["import", "--data", bare, demo], environment: ["TASKLEDGER_SNAPSHOT_EVERY": "0"])
        #expect(copied.status == 0, "\(copied.stderr)")
        let reference = try TaskLedgerBinary.run(["report", "annual", "--data", bare, "--as-of", "640"])
        #expect(asOf.stdout == reference.stdout)

        let rebuilt = try TaskLedgerBinary.run(["rebuild", "--data", data], environment: policy)
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        let compared = (afterImport.map(\.seq) + [600]).sorted().map(String.init).joined(separator: ", ")
        #expect(rebuilt.stdout.contains("compared with the snapshots at seq \(compared)"))
        #expect(rebuilt.stdout.contains("the live state and every valid snapshot agree with the rebuild"))
    }
}
