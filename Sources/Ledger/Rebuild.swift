import Domain
import EventLog
import LMDB

/// What `rebuild` found and did.
public struct RebuildReport: Sendable {
    /// The head the state was rebuilt to.
    public var head: LogHead
    /// Time spent folding events 1…head (comparisons and encoding excluded).
    public var foldSeconds: Double
    public var eventsPerSecond: Double { foldSeconds > 0 ? Double(head.seq) / foldSeconds : 0 }
    /// Valid snapshots compared with the rebuilt state at their seq.
    public var snapshotsCompared: [UInt64]
    /// Snapshots that could not be used (another version, another log, corrupt): deleted by the rebuild.
    public var ignored: [SnapshotInfo]
    /// Every way a stored snapshot or the live state (newest snapshot + tail) disagrees with the fold from event 1.
    public var differences: [StateDifference]
    /// The snapshot written at the head (`nil` for an empty log).
    public var written: SnapshotInfo?
    public var encodeSeconds: Double
    /// Snapshots deleted: the ignored ones and those that disagree.
    public var deleted: [UInt64]
}

/// One disagreement between the state folded from event 1 and a state obtained another way.
public struct StateDifference: Hashable, Sendable, CustomStringConvertible {
    /// The stored snapshot that differs; `nil` for the live state (newest snapshot + tail, at the head).
    public var snapshotSeq: UInt64?
    /// Which part differs, and how.
    public var detail: String

    public var source: String { snapshotSeq.map { "snapshot at seq \($0)" } ?? "live state (newest snapshot + tail)" }
    public var description: String { "\(source): \(detail)" }
}

extension Ledger {
    /// `taskledger rebuild`: folds the whole log from event 1, ignoring snapshots, then compares the result
    /// with every valid stored snapshot (at its seq) and with the live state (newest snapshot + tail, at the
    /// head). Then, in one write transaction, writes a fresh snapshot at the head and deletes the snapshots
    /// that are unusable or disagree: the fold from the log is the truth they must match. Nothing is written
    /// unless the fold succeeded, so a failed rebuild changes nothing.
    ///
    /// One state is held at a time, so a rebuild needs about the memory of the projection, not twice it: a
    /// stored snapshot is compared through the checksum in its header (`StateCodec` is deterministic: equal
    /// states give equal bytes) and decoded only to name what differs; once folded to the head, the rebuilt
    /// state is kept only as the encoded snapshot that will be written, and the live state is compared with it
    /// the same way. In a process that has not loaded the live state (the CLI), "the live state" is what the
    /// next open loads: the newest valid snapshot and the events after it; it is loaded and compared only when
    /// that snapshot disagrees, since the same fold from an agreeing snapshot gives the rebuilt state.
    public func rebuild() throws -> RebuildReport {
        let store = try SnapshotStore(log: log)
        // Free to copy (copy-on-write); `nil` unless this process already folded it.
        let loadedLive = loadedLiveState()
        let clock = ContinuousClock()
        var foldTime = Duration.zero
        var encodeTime = Duration.zero
        var compared: [UInt64] = []
        var ignored: [SnapshotInfo] = []
        var differences: [StateDifference] = []
        // Whether the newest snapshot compared (the one an open starts from) disagrees with the fold.
        var newestDisagrees = false
        let (head, record): (LogHead, SnapshotRecord?) = try log.read { reader in
            let head = try reader.head
            var state = LedgerState()
            for info in try store.list(reader: reader) {
                guard info.validity == .valid else {
                    ignored.append(info)
                    continue
                }
                guard info.seq <= head.seq,
                    let raw = try reader.txn.get(store.snapshots, key: SnapshotStore.key(info.seq)),
                    let header = SnapshotHeader(raw)
                else { continue }
                guard StateCodec.checksum(UnsafeRawBufferPointer(rebasing: raw[Snapshot.headerBytes...])) == header.checksum else {
                    var unusable = info
                    unusable.validity = .corrupt("the checksum of its state bytes does not match")
                    ignored.append(unusable)
                    continue
                }
                foldTime += try clock.measure { try Replay.catchUp(&state, through: info.seq, reader: reader) }
                compared.append(info.seq)
                newestDisagrees = StateCodec.checksum(of: state) != header.checksum
                guard newestDisagrees else { continue }
                differences += Self.differences(rebuilt: state, storedSnapshot: raw, seq: info.seq, store: store, reader: reader)
            }
            foldTime += try clock.measure { try Replay.catchUp(&state, through: head.seq, reader: reader) }
            guard state.lastSeq > 0 else { return (head, nil) }
            var record: SnapshotRecord?
            encodeTime = clock.measure {
                record = SnapshotRecord(seq: head.seq, bytes: Snapshot.record(of: state, hash: head.hash, createdAt: self.clock()))
            }
            return (head, record)
        }
        // A process without a live state would start one from the newest valid snapshot and fold the rest with the
        // same fold: it can differ from the rebuilt state only if that snapshot does.
        if let record, loadedLive != nil || newestDisagrees {
            differences += try liveDifferences(loadedLive, head: head, rebuilt: record)
        }
        let disagreeing = Set(differences.compactMap(\.snapshotSeq))
        let deleted = (ignored.map(\.seq) + disagreeing).sorted()
        try log.environment.write { txn in
            for seq in deleted { try store.delete(seq, txn: txn) }
            if let record { try store.put(record, pinned: false, txn: txn) }
        }
        if let record { snapshotScheduler.noteSnapshot(at: record.seq) }
        let info = try record.flatMap { w in try snapshots().first { $0.seq == w.seq } }
        return RebuildReport(
            head: head,
            foldSeconds: foldTime.seconds,
            snapshotsCompared: compared,
            ignored: ignored,
            differences: differences,
            written: info,
            encodeSeconds: encodeTime.seconds,
            deleted: deleted
        )
    }

    /// What differs between the rebuilt state and a stored snapshot whose checksum is not the rebuilt state's.
    private static func differences(
        rebuilt: LedgerState,
        storedSnapshot raw: UnsafeRawBufferPointer,
        seq: UInt64,
        store: SnapshotStore,
        reader: LogReader
    ) -> [StateDifference] {
        let stored: LedgerState
        do {
            stored = try store.load(key: seq, value: raw, reader: reader)
        } catch {
            return [StateDifference(snapshotSeq: seq, detail: "its bytes are not the rebuilt state's and cannot be decoded: \(error)")]
        }
        let found = StateDifference.between(rebuilt: rebuilt, other: stored, snapshotSeq: seq)
        return found.isEmpty ? [StateDifference(snapshotSeq: seq, detail: "the states are equal but encode differently")] : found
    }

    /// Compares the live state, brought to `head`, with the rebuilt one (as its encoded snapshot `rebuilt`).
    private func liveDifferences(_ loadedLive: LedgerState?, head: LogHead, rebuilt: SnapshotRecord) throws -> [StateDifference] {
        var live = try loadedLive ?? stateFromSnapshots(through: head.seq)
        // A live state that moved past `head` (commands of this process since the fold) is compared at its own
        // seq by the next rebuild; here only one at or behind `head` can be brought to it.
        guard live.lastSeq <= head.seq else { return [] }
        try log.read { reader in try Replay.catchUp(&live, through: head.seq, reader: reader) }
        let rebuiltChecksum = rebuilt.bytes.withUnsafeBytes { StateCodec.checksum(UnsafeRawBufferPointer(rebasing: $0[Snapshot.headerBytes...])) }
        guard StateCodec.checksum(of: live) != rebuiltChecksum else { return [] }
        let state = try rebuilt.bytes.withUnsafeBytes { try StateCodec.decode(UnsafeRawBufferPointer(rebasing: $0[Snapshot.headerBytes...])) }
        let found = StateDifference.between(rebuilt: state, other: live, snapshotSeq: nil)
        return found.isEmpty ? [StateDifference(snapshotSeq: nil, detail: "the states are equal but encode differently")] : found
    }
}

extension Duration {
    fileprivate var seconds: Double {
        let (s, attoseconds) = components
        return Double(s) + Double(attoseconds) / 1e18
    }
}

extension StateDifference {
    /// The parts of `other` that are not as in `rebuilt`, each naming the first few keys that differ.
    static func between(rebuilt: LedgerState, other: LedgerState, snapshotSeq: UInt64?) -> [StateDifference] {
        guard rebuilt != other else { return [] }
        var out: [StateDifference] = []
        func note(_ detail: String) { out.append(StateDifference(snapshotSeq: snapshotSeq, detail: detail)) }
        if rebuilt.lastSeq != other.lastSeq { note("lastSeq \(other.lastSeq), rebuilt \(rebuilt.lastSeq)") }
        if rebuilt.lastRecordedAt != other.lastRecordedAt {
            note("lastRecordedAt \(other.lastRecordedAt.map { "\($0)" } ?? "none"), rebuilt \(rebuilt.lastRecordedAt.map { "\($0)" } ?? "none")")
        }
        func compare<V: Equatable>(_ name: String, _ a: [String: V], _ b: [String: V]) {
            let keys = Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
            guard !keys.isEmpty else { return }
            let shown = keys.prefix(5).map { key in
                switch (a[key], b[key]) {
                case (nil, _): "\(key) (not in the rebuilt state)"
                case (_, nil): "\(key) (missing)"
                default: "\(key)"
                }
            }
            note("\(keys.count) of \(name) differ: \(shown.joined(separator: ", "))\(keys.count > 5 ? ", …" : "")")
        }
        compare("units", rebuilt.units, other.units)
        compare("people", rebuilt.people, other.people)
        if rebuilt.tasks != other.tasks {
            let differing = rebuilt.tasks.differingTaskIds(from: other.tasks)
            note("\(differing.count) of tasks differ: \(differing.prefix(5).joined(separator: ", "))\(differing.count > 5 ? ", …" : "")")
        }
        compare("tokens", rebuilt.tokens, other.tokens)
        if rebuilt.policies != other.policies {
            note("policies: \(other.policies.map(\.policyId)), rebuilt \(rebuilt.policies.map(\.policyId))")
        }
        if out.isEmpty { note("the states differ") }
        return out
    }
}
