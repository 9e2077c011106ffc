import CanonicalJSON
import Foundation
import LMDB
import ProvinceTime

/// The append-only, hash-chained event log in one LMDB environment (SPEC §3, `events.md`).
///
/// Databases:
/// - `events`: 8-byte big-endian `seq` → 32-byte `hash` ‖ the canonical bytes of the envelope without `hash`;
/// - `streamEvents`: stream ‖ 0x00 ‖ version (BE) → seq; `streamHeads`: stream → current version (BE);
/// - `commands`: `commandId` → seq, the idempotency index;
/// - `meta`: `head` (last seq, hash, recordedAt), `format`;
/// - `merkle`: the RFC 9162 tree over the event hashes (`MerkleNodes`).
/// Other modules (the ledger's projections, the Merkle tree) keep their own databases in the same environment and
/// update them in the same write transaction as the append.
public final class EventLog: Sendable {
    public let environment: Environment
    public let directory: String
    let events: Database
    let streamEvents: Database
    let streamHeads: Database
    let commands: Database
    let meta: Database
    let merkle: Database

    /// The on-disk layout version this code reads and writes.
    public static let formatVersion: UInt64 = 1

    /// Opens the log in `directory`, creating the directory and an empty log when needed. `mapSizeBytes` is the
    /// address space reserved for the LMDB map (it grows when full; tests make it small to exercise that).
    public init(directory: String, mapSizeBytes: Int = Environment.defaultMapSizeBytes) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        self.directory = directory
        environment = try Environment(path: directory, maxDatabases: 32, mapSizeBytes: mapSizeBytes)
        events = try environment.database("events")
        streamEvents = try environment.database("streamEvents")
        streamHeads = try environment.database("streamHeads")
        commands = try environment.database("commands")
        meta = try environment.database("meta")
        merkle = try environment.database("merkle")
        let format = try environment.read { txn in try txn.getBytes(meta, key: Keys.formatVersion) }
        if let format {
            let v = format.withUnsafeBytes { Keys.readBE64($0, at: 0) }
            guard v == Self.formatVersion else { throw LogError.unsupportedFormat(found: v, expected: Self.formatVersion) }
        } else {
            try environment.write { txn in try txn.put(meta, key: Keys.formatVersion, value: Keys.be64(Self.formatVersion)) }
        }
    }

    /// A named database for another module's data in the same environment (projections, Merkle nodes, snapshots).
    public func database(_ name: String) throws -> Database { try environment.database(name) }

    /// Runs `body` on a consistent snapshot of the log.
    public func read<T>(_ body: (LogReader) throws -> T) throws -> T {
        try environment.read { txn in try body(LogReader(log: self, txn: txn)) }
    }

    /// Runs `body` in one write transaction: every append in it becomes durable together, or not at all.
    /// `body` may run more than once when the map must grow (see `Environment.write`).
    public func write<T>(_ body: (LogWriter) throws -> T) throws -> T {
        try environment.write { txn in
            let writer = try LogWriter(log: self, txn: txn)
            let result = try body(writer)
            try writer.finish()
            return result
        }
    }

    /// The end of the log, read in its own transaction.
    public func head() throws -> LogHead { try read { try $0.head } }
}

/// Faults of the log itself (not of a command): what the user must do is in the message.
public enum LogError: Error, Hashable, Sendable, CustomStringConvertible {
    case unsupportedFormat(found: UInt64, expected: UInt64)
    case corruptEvent(seq: UInt64, reason: String)
    /// An imported envelope does not continue the log; `field` is the envelope member at fault.
    case chainMismatch(seq: UInt64, field: String, reason: String)

    public var description: String {
        switch self {
        case .unsupportedFormat(let found, let expected):
            "the data directory has log format \(found); this taskledger reads format \(expected)"
        case .corruptEvent(let seq, let reason): "event seq \(seq) is unreadable: \(reason)"
        case .chainMismatch(let seq, _, let reason): "event seq \(seq) does not continue the chain: \(reason)"
        }
    }
}
