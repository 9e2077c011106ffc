import CanonicalJSON
import LMDB
import ProvinceTime

/// An event to append: everything but what the log assigns (`seq`, `version`, `prev`, `hash`, and `recordedAt`
/// unless imported).
public struct EventDraft: Hashable, Sendable {
    public var type: String
    public var stream: String
    public var schema: Int
    public var actor: EventActor
    public var commandId: String?
    public var payload: JSONValue

    public init(type: String, stream: String, schema: Int, actor: EventActor, commandId: String?, payload: JSONValue) {
        self.type = type
        self.stream = stream
        self.schema = schema
        self.actor = actor
        self.commandId = commandId
        self.payload = payload
    }
}

/// Appends inside one write transaction. Valid only inside the `EventLog.write` closure that handed it out.
public final class LogWriter {
    let log: EventLog
    public let txn: WriteTransaction
    /// The end of the log, including what this transaction appended so far.
    public private(set) var head: LogHead
    private let initialSeq: UInt64
    /// Called after each append with the stored event, in the same transaction: how the Merkle tree and other
    /// indexes stay in step with the log.
    private var appendObservers: [(Envelope, LogWriter) throws -> Void] = []

    init(log: EventLog, txn: WriteTransaction) throws {
        self.log = log
        self.txn = txn
        head = try LogReader(log: log, txn: txn.reader).head
        initialSeq = head.seq
    }

    public var reader: LogReader { LogReader(log: log, txn: txn.reader) }

    /// Events appended in this transaction so far.
    public var appendedCount: UInt64 { head.seq - initialSeq }

    public func observeAppends(_ observer: @escaping (Envelope, LogWriter) throws -> Void) {
        appendObservers.append(observer)
    }

    /// Appends a new event stamped `recordedAt = max(clock, previous recordedAt)`, so time never goes backwards (SPEC §2).
    @discardableResult
    public func append(_ draft: EventDraft, clock: Instant) throws -> Envelope {
        let stamp = max(clock, head.recordedAt ?? clock)
        return try append(draft, recordedAt: stamp)
    }

    /// Appends a new event with the given `recordedAt` (import); the caller has checked it is not before the head's.
    @discardableResult
    public func append(_ draft: EventDraft, recordedAt: Instant) throws -> Envelope {
        precondition(head.recordedAt.map { recordedAt >= $0 } ?? true, "recordedAt must not go backwards")
        var envelope = Envelope(
            seq: head.seq + 1,
            stream: draft.stream,
            version: try reader.streamVersion(draft.stream) + 1,
            type: draft.type,
            schema: draft.schema,
            recordedAt: recordedAt,
            actor: draft.actor,
            commandId: draft.commandId,
            payload: draft.payload,
            prev: head.hash,
            hash: .zero
        )
        let canonical = envelope.canonicalBytesWithoutHash
        envelope.hash = Digest.sha256(canonical)
        try store(envelope, canonical: canonical)
        return envelope
    }

    /// Appends an envelope exactly as given (full-envelope import), after checking that it continues this log:
    /// the next seq, `prev` = the head's hash, the stream's next version, not earlier than the head, and a `hash`
    /// that is the SHA-256 of its canonical bytes.
    public func appendVerbatim(_ envelope: Envelope) throws -> Envelope {
        let canonical = try checkContinuation(envelope)
        try store(envelope, canonical: canonical)
        return envelope
    }

    /// The checks of `appendVerbatim`, without appending; returns the canonical bytes that would be stored.
    @discardableResult
    public func checkContinuation(_ envelope: Envelope) throws(LogError) -> [UInt8] {
        let seq = envelope.seq
        guard seq == head.seq + 1 else {
            throw LogError.chainMismatch(seq: seq, field: "seq", reason: "expected seq \(head.seq + 1)")
        }
        guard envelope.prev == head.hash else {
            throw LogError.chainMismatch(seq: seq, field: "prev", reason: "prev is not the hash of seq \(head.seq)")
        }
        let version: UInt64
        do {
            version = try reader.streamVersion(envelope.stream) + 1
        } catch {
            throw LogError.corruptEvent(seq: seq, reason: "stream index unreadable: \(error)")
        }
        guard envelope.version == version else {
            throw LogError.chainMismatch(seq: seq, field: "version", reason: "stream \(envelope.stream) expects version \(version)")
        }
        if let last = head.recordedAt, envelope.recordedAt < last {
            throw LogError.chainMismatch(seq: seq, field: "recordedAt", reason: "recordedAt is earlier than the previous event's")
        }
        let canonical = envelope.canonicalBytesWithoutHash
        guard Digest.sha256(canonical) == envelope.hash else {
            throw LogError.chainMismatch(seq: seq, field: "hash", reason: "hash is not the SHA-256 of the event's canonical bytes")
        }
        return canonical
    }

    /// Writes the event and its index entries; the head record is written once, by `finish`.
    private func store(_ envelope: Envelope, canonical: [UInt8]) throws {
        precondition(!envelope.stream.utf8.contains(0), "stream names hold no NUL")
        var value = envelope.hash.bytes
        value.reserveCapacity(32 + canonical.count)
        value += canonical
        let seqKey = Keys.be64(envelope.seq)
        try txn.put(log.events, key: seqKey, value: value, mode: .append)
        try txn.put(log.streamEvents, key: Keys.streamEvent(envelope.stream, envelope.version), value: seqKey, mode: .noOverwrite)
        try txn.put(log.streamHeads, key: Array(envelope.stream.utf8), value: Keys.be64(envelope.version))
        if let commandId = envelope.commandId {
            try txn.put(log.commands, key: Array(commandId.utf8), value: seqKey, mode: .noOverwrite)
        }
        try MerkleNodes.append(eventHash: envelope.hash, seq: envelope.seq, writer: txn, db: log.merkle)
        head = LogHead(seq: envelope.seq, hash: envelope.hash, recordedAt: envelope.recordedAt)
        for observer in appendObservers { try observer(envelope, self) }
    }

    func finish() throws {
        if head.seq != initialSeq { try txn.put(log.meta, key: Keys.head, value: head.encoded) }
    }
}
