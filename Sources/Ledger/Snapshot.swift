import Domain
import EventLog
import ProvinceTime

/// One stored snapshot: the `LedgerState` after event `seq`, tied to that event's hash and to the projection
/// version that wrote it (`docs/snapshots.md`).
///
/// Stored in the `snapshots` database under the 8-byte big-endian `seq`, as a fixed 96-byte header then the
/// state bytes of `StateCodec`:
///
/// | offset | bytes | field |
/// |---|---|---|
/// | 0 | 4 | magic `TLSN` |
/// | 4 | 4 | projection version, little-endian |
/// | 8 | 8 | seq, little-endian |
/// | 16 | 32 | hash of event `seq` |
/// | 48 | 8 | created at, milliseconds since the epoch, little-endian |
/// | 56 | 8 | length of the state bytes, little-endian |
/// | 64 | 32 | SHA-256 of the state bytes |
/// | 96 | … | the state bytes |
public struct Snapshot: Hashable, Sendable {
    /// The version of the projection: the shape of `LedgerState`, the fold (`LedgerState.apply`) and `StateCodec`.
    ///
    /// Bump it whenever any of them changes. A snapshot of another version is ignored (and replaced by the next
    /// one written), never misread: a fold that changed would make an old snapshot a state no replay gives.
    ///
    /// 2: tasks as compact rows with interned unit and person ids and no texts (read from the log when shown).
    /// 3: coordinating lists interned too, a row naming its list by index.
    public static let projectionVersion: UInt32 = 3

    static let magic: [UInt8] = Array("TLSN".utf8)
    public static let headerBytes = 96

    public var projectionVersion: UInt32
    public var seq: UInt64
    public var hash: Digest
    public var createdAt: Instant
    /// `StateCodec.encode` of the state after event `seq`.
    public var state: [UInt8]

    public init(projectionVersion: UInt32 = Snapshot.projectionVersion, seq: UInt64, hash: Digest, createdAt: Instant, state: [UInt8]) {
        self.projectionVersion = projectionVersion
        self.seq = seq
        self.hash = hash
        self.createdAt = createdAt
        self.state = state
    }

    /// The stored value: header, then the state bytes.
    public func encoded() -> [UInt8] {
        var out = header(stateBytes: state.count, checksum: state.withUnsafeBytes { StateCodec.checksum($0) })
        out += state
        return out
    }

    /// The stored value of a snapshot of `state`, encoded straight after its header: a snapshot of hundreds of
    /// megabytes is built in one buffer, once, outside the write transaction that stores it.
    static func record(of state: LedgerState, hash: Digest, createdAt: Instant) -> [UInt8] {
        var w = StateWriter(capacity: headerBytes + 64 + state.tasks.count * 64)
        for _ in 0..<headerBytes { w.byte(0) }
        StateCodec.encode(state, into: &w)
        let stateBytes = w.bytes.count - headerBytes
        let checksum = w.bytes.withUnsafeBytes { StateCodec.checksum(UnsafeRawBufferPointer(rebasing: $0[headerBytes...])) }
        let snapshot = Snapshot(seq: state.lastSeq, hash: hash, createdAt: createdAt, state: [])
        w.overwrite(at: 0, with: snapshot.header(stateBytes: stateBytes, checksum: checksum))
        return w.bytes
    }

    private func header(stateBytes: Int, checksum: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(Self.headerBytes)
        out += Self.magic
        Self.appendLE(UInt64(projectionVersion), bytes: 4, to: &out)
        Self.appendLE(seq, bytes: 8, to: &out)
        out += hash.bytes
        Self.appendLE(UInt64(bitPattern: createdAt.millisecondsSinceEpoch), bytes: 8, to: &out)
        Self.appendLE(UInt64(stateBytes), bytes: 8, to: &out)
        out += checksum
        return out
    }

    private static func appendLE(_ v: UInt64, bytes: Int, to out: inout [UInt8]) {
        for i in 0..<bytes { out.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(i)))) }
    }
}

/// What a stored snapshot's header says, read without touching its state bytes (listing stays cheap).
public struct SnapshotHeader: Hashable, Sendable {
    public var projectionVersion: UInt32
    public var seq: UInt64
    public var hash: Digest
    public var createdAt: Instant
    public var stateBytes: Int
    public var checksum: [UInt8]

    /// Reads the header of a stored value; `nil` when the value is not a snapshot at all.
    init?(_ raw: UnsafeRawBufferPointer) {
        guard raw.count >= Snapshot.headerBytes, raw.prefix(4).elementsEqual(Snapshot.magic) else { return nil }
        func le(_ offset: Int, _ count: Int) -> UInt64 {
            var v: UInt64 = 0
            for i in 0..<count { v |= UInt64(raw[offset + i]) << (8 * UInt64(i)) }
            return v
        }
        guard let hash = Digest(bytes: raw[16..<48]) else { return nil }
        projectionVersion = UInt32(le(4, 4))
        seq = le(8, 8)
        self.hash = hash
        createdAt = Instant(millisecondsSinceEpoch: Int64(bitPattern: le(48, 8)))
        let length = le(56, 8)
        guard length == UInt64(raw.count - Snapshot.headerBytes) else { return nil }
        stateBytes = Int(length)
        checksum = Array(raw[64..<96])
    }
}

/// Whether a stored snapshot may be used, and if not, why it is ignored.
public enum SnapshotValidity: Hashable, Sendable, CustomStringConvertible {
    case valid
    /// Written by another projection version: its bytes may mean something else now.
    case otherVersion(UInt32)
    /// Its recorded hash is not the log's hash at its seq (or the log has no such event): it belongs to another log.
    case hashMismatch
    /// Not a snapshot, a wrong checksum, or bytes that do not decode.
    case corrupt(String)

    public var description: String {
        switch self {
        case .valid: "valid"
        case .otherVersion(let v): "ignored: projection version \(v), this taskledger writes \(Snapshot.projectionVersion)"
        case .hashMismatch: "ignored: its hash is not the log's hash at its seq"
        case .corrupt(let reason): "ignored: \(reason)"
        }
    }
}

/// One row of `taskledger snapshot list`.
public struct SnapshotInfo: Hashable, Sendable {
    /// The key it is stored under.
    public var seq: UInt64
    /// `nil` when the stored value is not a snapshot.
    public var header: SnapshotHeader?
    /// Stored size in bytes (header and state).
    public var bytes: Int
    public var pinned: Bool
    /// From the header and the log; the checksum is checked only when the state is loaded.
    public var validity: SnapshotValidity
}
