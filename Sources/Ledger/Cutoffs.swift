import Domain
import EventLog
import Foundation
import Merkle
import ProvinceTime
import Reports

/// How a report or query names its cutoff (SPEC §4): the whole log judged now, events 1…N, every event
/// recorded at or before an instant, or the end of the day before a meeting.
public enum CutoffSpec: Hashable, Sendable {
    case now
    /// Events 1…seq, judged at event seq's `recordedAt` unless `at` is given.
    case seq(UInt64, at: Instant?)
    /// Every event with `recordedAt ≤` the instant, judged at that instant (which may lie in the future).
    case instant(Instant)
    /// `meeting=DATE`: the end of the day before DATE, 23:59:59.999 local.
    case meeting(LocalDate)
}

/// A cutoff that cannot be used; the message says what to give instead.
public struct CutoffError: Error, Hashable, Sendable, CustomStringConvertible {
    public var parameter: String
    public var message: String
    public var description: String { message }
}

extension Ledger {
    /// Resolves a cutoff to {seq, hash, at} and the Merkle tree at that seq, and hands `body` the state as of it.
    /// The live state is used when the cutoff is its seq; otherwise the nearest snapshot at or before the cutoff's seq
    /// and the events after it.
    public func withState<T>(asOf spec: CutoffSpec, _ body: (LedgerState, Cutoff) throws -> T) throws -> T {
        if spec == .now {
            // The cutoff is whatever the live state holds, read under its lock: taking the log's head first and the
            // state after would, on a busy server, often find the state a commit further on and fall back to a
            // fold from the last snapshot for every report.
            let now = clock()
            return try withState { live in try body(live, try self.cutoff(seq: live.lastSeq, at: now)) }
        }
        let now = clock()
        let (seq, at): (UInt64, Instant) = try log.read { reader in
            let head = try reader.head
            switch spec {
            case .now:
                return (head.seq, now)
            case .seq(let n, let at):
                guard n >= 1 else {
                    throw CutoffError(parameter: "asOf", message: "seq của mốc phải từ 1 trở lên.")
                }
                guard n <= head.seq else {
                    throw CutoffError(parameter: "asOf", message: "seq \(n) vượt quá cuối sổ cái (seq cuối là \(head.seq)).")
                }
                guard let event = try reader.event(n) else { throw LogError.corruptEvent(seq: n, reason: "missing") }
                return (n, at ?? event.recordedAt)
            case .instant(let t):
                return (try Self.lastSeq(recordedAtOrBefore: t, reader: reader, head: head), t)
            case .meeting(let date):
                let t = Instant.endOfLocalDay(date.adding(days: -1))
                return (try Self.lastSeq(recordedAtOrBefore: t, reader: reader, head: head), t)
            }
        }
        let cutoff = try self.cutoff(seq: seq, at: at)
        // The live state serves a cutoff at its own seq when this process holds it (a server). A past cutoff never
        // loads it: a CLI `report --as-of` starts from the nearest snapshot at or before its cutoff, not from the
        // head's snapshot as well.
        if var live = loadedLiveState() {
            if live.lastSeq < seq {
                try refresh()
                live = loadedLiveState() ?? live
            }
            if live.lastSeq == seq { return try body(live, cutoff) }
        }
        return try body(try state(throughSeq: seq), cutoff)
    }

    /// {seq, hash, at} and the Merkle tree at `seq`, read in one transaction. The hash and root at a seq never
    /// change (the log only grows), so the last pair read is kept: every task view and report of a quiet ledger
    /// shares one cutoff instead of recomputing the root from the tree's nodes each time.
    private func cutoff(seq: UInt64, at: Instant) throws -> Cutoff {
        let (hash, root): (String, String)
        if let cached = cutoffCache.proof(at: seq) {
            (hash, root) = cached
        } else {
            let (digest, merkleRoot) = try log.read { reader in
                (seq == 0 ? Digest.zero : try reader.rawEvent(seq).flatMap { Digest(bytes: $0.hash) } ?? .zero, try reader.merkleRoot(treeSize: seq))
            }
            (hash, root) = (digest.hex, merkleRoot.hex)
            cutoffCache.remember(seq: seq, hash: hash, root: root)
        }
        return Cutoff(seq: seq, hash: hash, at: at, treeSize: seq, treeRoot: root)
    }

    /// The last seq whose `recordedAt ≤ t` (0 when none): `recordedAt` never decreases, so a binary search.
    static func lastSeq(recordedAtOrBefore t: Instant, reader: LogReader, head: LogHead) throws -> UInt64 {
        guard let last = head.recordedAt else { return 0 }
        if last <= t { return head.seq }
        var low: UInt64 = 0  // recordedAt(low) ≤ t (0 stands for "before the log")
        var high = head.seq  // recordedAt(high) > t
        while high - low > 1 {
            let mid = low + (high - low) / 2
            guard let event = try reader.event(mid) else { throw LogError.corruptEvent(seq: mid, reason: "missing") }
            if event.recordedAt <= t { low = mid } else { high = mid }
        }
        return low
    }
}

extension Ledger {
    /// The Merkle root over the first `treeSize` events (RFC 9162; the empty-tree root for 0).
    public func merkleRoot(treeSize: UInt64) throws -> MerkleHash? {
        try log.read { reader in try reader.merkleRoot(treeSize: treeSize) }
    }
}

/// The hash and Merkle root of the last cutoff seq resolved (see `Ledger.cutoff(seq:at:)`).
final class CutoffCache: @unchecked Sendable {
    private let lock = NSLock()
    private var last: (seq: UInt64, hash: String, root: String)?

    func proof(at seq: UInt64) -> (hash: String, root: String)? {
        lock.withLock { last.flatMap { $0.seq == seq ? ($0.hash, $0.root) : nil } }
    }

    func remember(seq: UInt64, hash: String, root: String) {
        lock.withLock { last = (seq, hash, root) }
    }
}
