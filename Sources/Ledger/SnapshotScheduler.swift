import Dispatch
import Domain
import EventLog
import Foundation
import Logging
import ProvinceTime

/// Writes a snapshot every `SnapshotPolicy.everyEvents` events without stalling appends.
///
/// After a commit the writer hands over the live state (a copy-on-write value: handing it over copies nothing)
/// and goes on; the state is encoded on a background queue and stored in its own short write transaction,
/// then the store is pruned. One snapshot is written at a time; a commit that finds one in progress leaves the
/// next to a later commit.
final class SnapshotScheduler: @unchecked Sendable {
    private let lock = NSLock()
    private var policy: SnapshotPolicy
    /// Seq of the newest snapshot written or loaded: the next is due `everyEvents` after it.
    private var lastSeq: UInt64 = 0
    private var writing = false
    private let group = DispatchGroup()
    private let queue = DispatchQueue(label: "taskledger.snapshots", qos: .utility)
    private let logger = Logger(label: "taskledger.snapshots")

    init(policy: SnapshotPolicy) { self.policy = policy }

    var currentPolicy: SnapshotPolicy {
        get { lock.withLock { policy } }
        set { lock.withLock { policy = newValue } }
    }

    /// Seq of the newest snapshot written or loaded (0 when none).
    var lastSnapshotSeq: UInt64 { lock.withLock { lastSeq } }

    /// Records that the live state started from (or a snapshot was written at) `seq`.
    func noteSnapshot(at seq: UInt64) {
        lock.withLock { lastSeq = max(lastSeq, seq) }
    }

    /// Called with the live state after each commit (and after opening): starts a background snapshot when one is due.
    func consider(_ state: LedgerState, log: EventLog, clock: @escaping @Sendable () -> Instant) {
        let due: Bool = lock.withLock {
            guard policy.everyEvents > 0, !writing, state.lastSeq >= lastSeq + policy.everyEvents else { return false }
            writing = true
            lastSeq = state.lastSeq
            return true
        }
        guard due else { return }
        let keep = currentPolicy.keep
        queue.async(group: group) { [self] in
            defer { lock.withLock { writing = false } }
            do {
                let started = clock()
                let snapshot = try Self.make(state, log: log, clock: clock)
                let store = try SnapshotStore(log: log)
                let removed = try log.environment.write { txn in
                    try store.put(snapshot, pinned: false, txn: txn)
                    return try store.prune(keep: keep, txn: txn)
                }
                let ms = clock().millisecondsSinceEpoch - started.millisecondsSinceEpoch
                logger.info("snapshot written at seq \(snapshot.seq): \(snapshot.bytes.count) bytes in \(ms) ms; pruned \(removed.count)")
            } catch {
                logger.error("automatic snapshot at seq \(state.lastSeq) failed (the log is unaffected): \(error)")
            }
        }
    }

    /// Waits for a snapshot being written, so a short-lived process (a CLI import) does not exit in the middle of it.
    func drain() { group.wait() }

    /// Encodes `state` with the log's hash at its last seq.
    static func make(_ state: LedgerState, log: EventLog, clock: () -> Instant) throws -> SnapshotRecord {
        let seq = state.lastSeq
        let hash = try log.read { reader in
            guard let raw = try reader.rawEvent(seq), let digest = Digest(bytes: raw.hash) else {
                throw LogError.corruptEvent(seq: seq, reason: "missing while writing a snapshot")
            }
            return digest
        }
        return SnapshotRecord(seq: seq, bytes: Snapshot.record(of: state, hash: hash, createdAt: clock()))
    }
}
