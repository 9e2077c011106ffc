import Domain
import EventLog
import LMDB

/// A snapshot operation that cannot be done; the message says what to do instead.
public struct SnapshotError: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String
}

extension Ledger {
    /// The state after event `seq` (the head when `nil`): the newest valid snapshot at or before it, then the
    /// events after it folded by `Replay`, all in one read transaction. The one load path of opening the ledger
    /// and of as-of queries.
    func stateFromSnapshots(through seq: UInt64?) throws -> LedgerState {
        let store = try SnapshotStore(log: log)
        return try log.read { reader in
            let target = try seq ?? reader.head.seq
            var state = try store.newestState(atOrBefore: target, reader: reader, logger: logger) ?? LedgerState()
            if seq == nil { snapshotScheduler.noteSnapshot(at: state.lastSeq) }
            try Replay.catchUp(&state, through: target, reader: reader)
            return state
        }
    }

    /// When this ledger writes snapshots by itself (`TASKLEDGER_SNAPSHOT_EVERY`, `TASKLEDGER_SNAPSHOT_KEEP` by default).
    public var snapshotPolicy: SnapshotPolicy {
        get { snapshotScheduler.currentPolicy }
        set { snapshotScheduler.currentPolicy = newValue }
    }

    /// Writes a snapshot of the state at the log's head (events appended by other processes included), or after
    /// event `seq`, and returns it as listed. Safe while another process appends: the state is a fold of events
    /// 1…seq, and the hash stored with it is read from the log at that seq, which never changes.
    ///
    /// A snapshot at a past seq (say the last event of a year, pinned) lets as-of reports of that period start
    /// from it instead of folding from an earlier one.
    @discardableResult
    public func createSnapshot(pinned: Bool = false, at seq: UInt64? = nil) throws -> SnapshotInfo {
        let state: LedgerState
        if let seq {
            let head = try log.head().seq
            guard (1...max(head, 1)).contains(seq), head > 0 else {
                throw SnapshotError(description: "--at \(seq): the log has events 1…\(head); give a seq among them")
            }
            state = try self.state(throughSeq: seq)
        } else {
            state = try withState { $0 }
        }
        guard state.lastSeq > 0 else { throw SnapshotError(description: "the ledger is empty: there is nothing to snapshot") }
        let snapshot = try SnapshotScheduler.make(state, log: log, clock: clock)
        let store = try SnapshotStore(log: log)
        try log.environment.write { txn in try store.put(snapshot, pinned: pinned, txn: txn) }
        snapshotScheduler.noteSnapshot(at: snapshot.seq)
        guard let info = try snapshots().first(where: { $0.seq == snapshot.seq }) else {
            throw SnapshotError(description: "the snapshot at seq \(snapshot.seq) was written but cannot be read back")
        }
        return info
    }

    /// Every stored snapshot, oldest first, with whether it can be used.
    public func snapshots() throws -> [SnapshotInfo] {
        let store = try SnapshotStore(log: log)
        return try log.read { reader in try store.list(reader: reader) }
    }

    /// Deletes all but the newest `keep` snapshots, keeping every pinned one; returns the seqs deleted.
    @discardableResult
    public func pruneSnapshots(keep: Int) throws -> [UInt64] {
        guard keep >= 0 else { throw SnapshotError(description: "--keep must be 0 or more") }
        let store = try SnapshotStore(log: log)
        return try log.environment.write { txn in try store.prune(keep: keep, txn: txn) }
    }

    /// Pins (kept by every prune) or unpins the snapshot at `seq`.
    public func setSnapshotPinned(_ pinned: Bool, seq: UInt64) throws {
        let store = try SnapshotStore(log: log)
        try log.environment.write { txn in
            guard try txn.get(store.snapshots, key: SnapshotStore.key(seq)) != nil else {
                throw SnapshotError(description: "there is no snapshot at seq \(seq); `taskledger snapshot list` shows them")
            }
            if pinned {
                try txn.put(store.pins, key: SnapshotStore.key(seq), value: [UInt8]())
            } else {
                _ = try txn.delete(store.pins, key: SnapshotStore.key(seq))
            }
        }
    }
}
