import CanonicalJSON
import LMDB
import ProvinceTime

/// Reads of the log inside one transaction. Valid only inside the `read`/`write` closure that handed it out.
public struct LogReader {
    let log: EventLog
    public let txn: ReadTransaction

    /// The last seq, hash and recordedAt.
    public var head: LogHead {
        get throws {
            guard let raw = try txn.get(log.meta, key: Keys.head) else { return .empty }
            guard let head = LogHead(decoding: raw) else { throw LogError.corruptEvent(seq: 0, reason: "the log head record is malformed") }
            return head
        }
    }

    /// The stored bytes of event `seq`: its hash and the canonical bytes of its envelope without `hash`.
    /// Borrowed from the map: valid only inside this transaction.
    public func rawEvent(_ seq: UInt64) throws -> (hash: UnsafeRawBufferPointer, canonical: UnsafeRawBufferPointer)? {
        guard let raw = try txn.get(log.events, key: Keys.be64(seq)) else { return nil }
        guard raw.count > 32 else { throw LogError.corruptEvent(seq: seq, reason: "stored value shorter than a hash") }
        return (UnsafeRawBufferPointer(rebasing: raw[0..<32]), UnsafeRawBufferPointer(rebasing: raw[32...]))
    }

    /// Event `seq`, decoded; `nil` past the end.
    public func event(_ seq: UInt64) throws -> Envelope? {
        guard let raw = try rawEvent(seq) else { return nil }
        return try Self.decode(seq: seq, hash: raw.hash, canonical: raw.canonical)
    }

    /// Calls `body` for each event with `from ≤ seq ≤ to`, in order, until it returns `false`.
    public func forEachEvent(from: UInt64 = 1, to: UInt64 = .max, _ body: (Envelope) throws -> Bool) throws {
        try forEachRawEvent(from: from, to: to) { seq, hash, canonical in
            try body(try Self.decode(seq: seq, hash: hash, canonical: canonical))
        }
    }

    /// Calls `body` with each event's stored bytes (borrowed), in seq order, until it returns `false`.
    public func forEachRawEvent(
        from: UInt64 = 1,
        to: UInt64 = .max,
        _ body: (UInt64, UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws -> Bool
    ) throws {
        guard from <= to else { return }
        try txn.withCursor(log.events) { cursor in
            var entry = try cursor.seek(atOrAfter: Keys.be64(from))
            while let e = entry {
                guard e.key.count == 8 else { throw LogError.corruptEvent(seq: 0, reason: "an events key is not 8 bytes") }
                let seq = Keys.readBE64(e.key, at: 0)
                if seq > to { return }
                guard e.value.count > 32 else { throw LogError.corruptEvent(seq: seq, reason: "stored value shorter than a hash") }
                let keepGoing = try body(
                    seq,
                    UnsafeRawBufferPointer(rebasing: e.value[0..<32]),
                    UnsafeRawBufferPointer(rebasing: e.value[32...])
                )
                if !keepGoing { return }
                entry = try cursor.next()
            }
        }
    }

    /// The current version of `stream` (0 when it has no event).
    public func streamVersion(_ stream: String) throws -> UInt64 {
        guard let raw = try txn.get(log.streamHeads, key: Array(stream.utf8)), raw.count == 8 else { return 0 }
        return Keys.readBE64(raw, at: 0)
    }

    /// The seqs of `stream`'s events, in version order.
    public func streamSeqs(_ stream: String) throws -> [UInt64] {
        let prefix = Array(stream.utf8) + [0]
        return try txn.withCursor(log.streamEvents) { cursor in
            var out: [UInt64] = []
            var entry = try cursor.seek(atOrAfter: prefix)
            while let e = entry, e.key.count == prefix.count + 8, e.key.starts(with: prefix) {
                out.append(Keys.readBE64(e.value, at: 0))
                entry = try cursor.next()
            }
            return out
        }
    }

    /// The seq of the event appended with `commandId`, if any.
    public func seq(forCommandId commandId: String) throws -> UInt64? {
        guard let raw = try txn.get(log.commands, key: Array(commandId.utf8)), raw.count == 8 else { return nil }
        return Keys.readBE64(raw, at: 0)
    }

    /// Number of streams, by kind (the part of the stream name before `/`).
    public func streamCounts() throws -> [String: Int] {
        try txn.withCursor(log.streamHeads) { cursor in
            var counts: [String: Int] = [:]
            var entry = try cursor.first()
            while let e = entry {
                let name = String(decoding: e.key, as: UTF8.self)
                let kind = name.split(separator: "/", maxSplits: 1).first.map(String.init) ?? name
                counts[kind, default: 0] += 1
                entry = try cursor.next()
            }
            return counts
        }
    }

    /// Calls `body` with each event's checked envelope, read from a `JSONTape` without building a `JSONValue`
    /// tree (replay), in seq order, until it returns `false`. Refuses exactly what `decode` refuses, with the
    /// same `LogError.corruptEvent`.
    public func forEachStoredEvent(
        from: UInt64 = 1,
        to: UInt64 = .max,
        _ body: (EnvelopeFields<JSONTapeNode>) throws -> Bool
    ) throws {
        var stored = StoredEventReader()
        try forEachRawEvent(from: from, to: to) { seq, _, canonical in
            try stored.read(seq: seq, canonical: canonical, body)
        }
    }

    /// Decodes stored bytes into an envelope, checking that they are an envelope at all (not that the hash matches:
    /// that is `verify`'s job).
    public static func decode(seq: UInt64, hash: UnsafeRawBufferPointer, canonical: UnsafeRawBufferPointer) throws -> Envelope {
        let value: JSONValue
        do throws(JSONParseError) {
            value = try JSONParser.parse(canonical)
        } catch {
            throw LogError.notJSON(seq: seq, error)
        }
        guard let digest = Digest(bytes: hash) else { throw LogError.corruptEvent(seq: seq, reason: "bad hash length") }
        do throws(EnvelopeError) {
            return try Envelope.from(json: value, hash: digest)
        } catch {
            throw LogError.malformedEnvelope(seq: seq, error)
        }
    }
}

extension LogError {
    /// Stored bytes that `JSONParser` refuses.
    static func notJSON(seq: UInt64, _ error: JSONParseError) -> LogError {
        .corruptEvent(seq: seq, reason: "stored bytes are not JSON: \(error)")
    }

    /// Stored JSON that is not an envelope.
    static func malformedEnvelope(seq: UInt64, _ error: EnvelopeError) -> LogError {
        .corruptEvent(seq: seq, reason: "stored envelope field \(error.field ?? "-"): \(error.problem)")
    }
}
