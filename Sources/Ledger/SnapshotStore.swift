import Domain
import EventLog
import LMDB
import Logging

/// The snapshots in the log's LMDB environment: the `snapshots` database (seq → `Snapshot.encoded()`) and
/// `snapshotPins` (seq → empty), kept apart so that pinning never rewrites a snapshot of hundreds of megabytes.
struct SnapshotStore {
    static let snapshotsName = "snapshots"
    static let pinsName = "snapshotPins"

    let snapshots: Database
    let pins: Database

    init(log: EventLog) throws {
        snapshots = try log.database(Self.snapshotsName)
        pins = try log.database(Self.pinsName)
    }

    /// Every stored snapshot, oldest first, checked against the log but without reading the state bytes.
    func list(reader: LogReader) throws -> [SnapshotInfo] {
        var out: [SnapshotInfo] = []
        try reader.txn.withCursor(snapshots) { cursor in
            var entry = try cursor.first()
            while let e = entry {
                out.append(try info(key: e.key, value: e.value, reader: reader))
                entry = try cursor.next()
            }
        }
        return out
    }

    private func info(key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer, reader: LogReader) throws -> SnapshotInfo {
        let seq = Self.seq(fromKey: key)
        let header = SnapshotHeader(value)
        let pinned = try reader.txn.get(pins, key: Self.key(seq)) != nil
        return SnapshotInfo(seq: seq, header: header, bytes: value.count, pinned: pinned, validity: try validity(header, key: seq, reader: reader))
    }

    /// Version and hash, against the log as `reader` sees it.
    func validity(_ header: SnapshotHeader?, key: UInt64, reader: LogReader) throws -> SnapshotValidity {
        guard let header else { return .corrupt("not a snapshot record (bad magic or length)") }
        guard header.projectionVersion == Snapshot.projectionVersion else { return .otherVersion(header.projectionVersion) }
        guard header.seq == key else { return .corrupt("stored under seq \(key) but made at seq \(header.seq)") }
        guard let event = try reader.rawEvent(header.seq), event.hash.elementsEqual(header.hash.bytes) else { return .hashMismatch }
        return .valid
    }

    /// The newest usable snapshot at or before `limit`, decoded. Unusable ones are logged and passed over, so a
    /// snapshot of another version or another log only costs a longer replay, never a wrong state.
    func newestState(atOrBefore limit: UInt64, reader: LogReader, logger: Logger) throws -> LedgerState? {
        try reader.txn.withCursor(snapshots) { cursor in
            // Position at the last key ≤ limit: the first key after it, then one back; the last key when none is after.
            var entry: Cursor.Entry?
            if limit < .max, try cursor.seek(atOrAfter: Self.key(limit + 1)) != nil {
                entry = try cursor.previous()
            } else {
                entry = try cursor.last()
            }
            while let e = entry {
                let seq = Self.seq(fromKey: e.key)
                if seq <= limit {
                    do {
                        return try load(key: seq, value: e.value, reader: reader)
                    } catch let error as SnapshotLoadError {
                        logger.warning("snapshot at seq \(seq) \(error.validity); folding from an earlier point")
                    }
                }
                entry = try cursor.previous()
            }
            return nil
        }
    }

    /// Checks a stored snapshot completely (version, hash, checksum) and decodes its state.
    func load(key: UInt64, value: UnsafeRawBufferPointer, reader: LogReader) throws -> LedgerState {
        let header = SnapshotHeader(value)
        let validity = try validity(header, key: key, reader: reader)
        guard validity == .valid, let header else { throw SnapshotLoadError(validity: validity) }
        let state = UnsafeRawBufferPointer(rebasing: value[Snapshot.headerBytes...])
        guard StateCodec.checksum(state) == header.checksum else {
            throw SnapshotLoadError(validity: .corrupt("the checksum of its state bytes does not match"))
        }
        let decoded: LedgerState
        do {
            decoded = try StateCodec.decode(state)
        } catch {
            throw SnapshotLoadError(validity: .corrupt(error.description))
        }
        guard decoded.lastSeq == header.seq else {
            throw SnapshotLoadError(validity: .corrupt("its state ends at seq \(decoded.lastSeq), not \(header.seq)"))
        }
        return decoded
    }

    func put(_ record: SnapshotRecord, pinned: Bool, txn: WriteTransaction) throws {
        try txn.put(snapshots, key: Self.key(record.seq), value: record.bytes)
        if pinned { try txn.put(pins, key: Self.key(record.seq), value: [UInt8]()) }
    }

    /// Deletes a snapshot and its pin.
    func delete(_ seq: UInt64, txn: WriteTransaction) throws {
        _ = try txn.delete(snapshots, key: Self.key(seq))
        _ = try txn.delete(pins, key: Self.key(seq))
    }

    /// Keeps the newest `keep` snapshots and every pinned one; returns the seqs deleted. Pins of missing snapshots go too.
    func prune(keep: Int, txn: WriteTransaction) throws -> [UInt64] {
        var seqs: [UInt64] = []
        try txn.withCursor(snapshots) { cursor in
            var entry = try cursor.first()
            while let e = entry {
                seqs.append(Self.seq(fromKey: e.key))
                entry = try cursor.next()
            }
        }
        var pinned: [UInt64] = []
        try txn.withCursor(pins) { cursor in
            var entry = try cursor.first()
            while let e = entry {
                pinned.append(Self.seq(fromKey: e.key))
                entry = try cursor.next()
            }
        }
        let kept = Set(seqs.suffix(max(keep, 0))).union(pinned)
        let removed = seqs.filter { !kept.contains($0) }
        for seq in removed { try delete(seq, txn: txn) }
        for seq in pinned where !seqs.contains(seq) { _ = try txn.delete(pins, key: Self.key(seq)) }
        return removed
    }

    static func key(_ seq: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: seq >> (8 * (7 - UInt64($0)))) } }

    static func seq(fromKey key: UnsafeRawBufferPointer) -> UInt64 {
        key.reduce(0) { $0 << 8 | UInt64($1) }
    }
}

/// A snapshot ready to store: its seq and its stored value (`Snapshot.record(of:hash:createdAt:)`).
struct SnapshotRecord {
    var seq: UInt64
    var bytes: [UInt8]
}

/// A stored snapshot that cannot be used, and why.
struct SnapshotLoadError: Error {
    var validity: SnapshotValidity
}
