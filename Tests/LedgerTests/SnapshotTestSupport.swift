import DemoProvince
import Domain
import EventLog
import Foundation
import LMDB
import Ledger
import ProvinceTime

/// A ledger holding the demo province for `seed` (scale 0.08: about 3,000 events), with automatic snapshots off
/// so that every snapshot in it is one the test wrote.
func demoLedger(seed: UInt64, scale: Double = 0.08) throws -> (Ledger, String) {
    let (ledger, dir) = try temporaryLedger(clock: TestClock("2027-06-01T00:00:00Z"))
    ledger.snapshotPolicy = SnapshotPolicy(everyEvents: 0)
    _ = try ledger.importLines(lines(Array(DemoProvince(seed: seed, scale: scale).lines())))
    return (ledger, dir)
}

/// The directory of a `demoLedger`, closed and released: for tests that open the ledger more than once (LMDB
/// wants one environment per directory in a process at a time).
func demoDirectory(seed: UInt64) throws -> String {
    let (ledger, dir) = try demoLedger(seed: seed)
    ledger.close()
    return dir
}

/// Stores a snapshot record exactly as `docs/snapshots.md` lays it out, through LMDB itself: the tests write
/// snapshots at any seq, and forged ones, without a back door in the ledger.
func storeSnapshot(_ snapshot: Snapshot, in ledger: Ledger, underSeq key: UInt64? = nil) throws {
    let db = try ledger.log.database("snapshots")
    let keyBytes = (0..<8).map { UInt8(truncatingIfNeeded: (key ?? snapshot.seq) >> (8 * (7 - UInt64($0)))) }
    try ledger.log.environment.write { txn in try txn.put(db, key: keyBytes, value: snapshot.encoded()) }
}

/// A snapshot of `state` stamped with the log's hash at `state.lastSeq`.
func snapshot(of state: LedgerState, in ledger: Ledger, version: UInt32 = Snapshot.projectionVersion) throws -> Snapshot {
    let hash = try ledger.log.read { reader in try reader.event(state.lastSeq)?.hash }
    guard let hash else { throw MissingEvent(seq: state.lastSeq) }
    return Snapshot(
        projectionVersion: version,
        seq: state.lastSeq,
        hash: hash,
        createdAt: Instant(millisecondsSinceEpoch: 0),
        state: StateCodec.encode(state)
    )
}

/// The state after event `seq`, folded from event 1 in a ledger that holds no snapshot: the reference every
/// faster path must equal.
func foldedFromEventOne(_ ledger: Ledger, through seq: UInt64) throws -> LedgerState {
    let (copy, dir) = try temporaryLedger(clock: TestClock("2027-06-01T00:00:00Z"))
    defer {
        copy.close()
        try? FileManager.default.removeItem(atPath: dir)
    }
    _ = try copy.importLines(lines(Array(try exportLines(ledger).prefix(Int(seq)))))
    return try copy.withState { $0 }
}

struct MissingEvent: Error {
    var seq: UInt64
}

/// SplitMix64: a small seeded generator, so a failing property names a seed that reproduces it.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
