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
    public func rebuild() throws -> RebuildReport {
        let store = try SnapshotStore(log: log)
        let live = try withState { $0 }
        let clock = ContinuousClock()
        var foldTime = Duration.zero
        var compared: [UInt64] = []
        var ignored: [SnapshotInfo] = []
        var differences: [StateDifference] = []
        let (head, rebuilt): (LogHead, LedgerState) = try log.read { reader in
            let head = try reader.head
            var state = LedgerState()
            for info in try store.list(reader: reader) {
                guard info.validity == .valid else {
                    ignored.append(info)
                    continue
                }
                guard info.seq <= head.seq else { continue }
                foldTime += try clock.measure { try Replay.catchUp(&state, through: info.seq, reader: reader) }
                let stored: LedgerState
                do {
                    guard let raw = try reader.txn.get(store.snapshots, key: SnapshotStore.key(info.seq)) else { continue }
                    stored = try store.load(key: info.seq, value: raw, reader: reader)
                } catch let error as SnapshotLoadError {
                    var unusable = info
                    unusable.validity = error.validity
                    ignored.append(unusable)
                    continue
                }
                compared.append(info.seq)
                differences += StateDifference.between(rebuilt: state, other: stored, snapshotSeq: info.seq)
            }
            foldTime += try clock.measure { try Replay.catchUp(&state, through: head.seq, reader: reader) }
            // The live state was read before this transaction began, so it is at or behind this head.
            var liveAtHead = live
            try Replay.catchUp(&liveAtHead, through: head.seq, reader: reader)
            differences += StateDifference.between(rebuilt: state, other: liveAtHead, snapshotSeq: nil)
            return (head, state)
        }
        var written: SnapshotRecord?
        let encodeTime = try clock.measure {
            if rebuilt.lastSeq > 0 { written = try SnapshotScheduler.make(rebuilt, log: log, clock: self.clock) }
        }
        let disagreeing = Set(differences.compactMap(\.snapshotSeq))
        let deleted = (ignored.map(\.seq) + disagreeing).sorted()
        try log.environment.write { txn in
            for seq in deleted { try store.delete(seq, txn: txn) }
            if let written { try store.put(written, pinned: false, txn: txn) }
        }
        if let written { snapshotScheduler.noteSnapshot(at: written.seq) }
        let info = try written.flatMap { w in try snapshots().first { $0.seq == w.seq } }
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
