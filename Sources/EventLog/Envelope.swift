import CanonicalJSON
import ProvinceTime

/// Who wrote an event, as the envelope records it (`actor`): the role, the unit of a `unit` actor, the token.
///
/// Plain strings here: the log stores and hashes what it is given; the domain gives these their meaning.
public struct EventActor: Hashable, Sendable {
    public var role: String
    public var unitId: String?
    public var tokenId: String?

    public init(role: String, unitId: String? = nil, tokenId: String? = nil) {
        self.role = role
        self.unitId = unitId
        self.tokenId = tokenId
    }

    public var json: JSONValue {
        var o: [String: JSONValue] = ["role": .string(role)]
        if let unitId { o["unitId"] = .string(unitId) }
        if let tokenId { o["tokenId"] = .string(tokenId) }
        return .object(o)
    }
}

/// One event of the log, as stored and exported (SPEC §3 envelope; `events.md` "Envelope").
///
/// `hash` = SHA-256 over the RFC 8785 canonical bytes of the envelope without its `hash` member; `prev` is the
/// previous event's `hash` (zeros for seq 1). The log stores exactly those canonical bytes, so `verify` hashes
/// what is on disk.
public struct Envelope: Hashable, Sendable {
    public var seq: UInt64
    public var stream: String
    public var version: UInt64
    public var type: String
    public var schema: Int
    public var recordedAt: Instant
    public var actor: EventActor
    public var commandId: String?
    public var payload: JSONValue
    public var prev: Digest
    public var hash: Digest

    public init(
        seq: UInt64,
        stream: String,
        version: UInt64,
        type: String,
        schema: Int,
        recordedAt: Instant,
        actor: EventActor,
        commandId: String?,
        payload: JSONValue,
        prev: Digest,
        hash: Digest
    ) {
        self.seq = seq
        self.stream = stream
        self.version = version
        self.type = type
        self.schema = schema
        self.recordedAt = recordedAt
        self.actor = actor
        self.commandId = commandId
        self.payload = payload
        self.prev = prev
        self.hash = hash
    }

    /// The envelope without `hash`: the object whose canonical bytes are hashed and stored.
    public var jsonWithoutHash: JSONValue {
        var o: [String: JSONValue] = [
            "seq": .number(Double(seq)),
            "stream": .string(stream),
            "version": .number(Double(version)),
            "type": .string(type),
            "schema": .number(Double(schema)),
            "recordedAt": .string(recordedAt.description),
            "actor": actor.json,
            "payload": payload,
            "prev": .string(prev.hex),
        ]
        if let commandId { o["commandId"] = .string(commandId) }
        return .object(o)
    }

    /// The whole envelope, as `export` writes it.
    public var json: JSONValue {
        guard case .object(var o) = jsonWithoutHash else { return jsonWithoutHash }
        o["hash"] = .string(hash.hex)
        return .object(o)
    }

    /// The NDJSON line `export` writes (canonical bytes of the whole envelope, without the newline).
    public var exportLine: [UInt8] { json.canonicalBytes }

    /// Reads an envelope from its JSON form (with or without `hash`), checking the envelope's own shape
    /// (`EnvelopeFields`). Used for stored events and for full-envelope import; the ledger reports failures with
    /// rule ids.
    public static func from(json value: JSONValue, hash: Digest?) throws(EnvelopeError) -> Envelope {
        let fields = try EnvelopeFields(reading: value, readsHash: hash == nil)
        // `EnvelopeFields` has checked that these members are strings, and `prev` and `hash` 64 hex digits.
        guard let prev = Digest(hex: fields.prev.stringValue ?? "") else { throw EnvelopeError(field: "prev", problem: .invalid) }
        guard let digest = hash ?? fields.hash.flatMap({ Digest(hex: $0.stringValue ?? "") }) else {
            throw EnvelopeError(field: "hash", problem: .invalid)
        }
        return Envelope(
            seq: fields.seq,
            stream: fields.stream.stringValue ?? "",
            version: fields.version,
            type: fields.type.stringValue ?? "",
            schema: fields.schema,
            recordedAt: fields.recordedAt,
            actor: fields.actor,
            commandId: fields.commandId?.stringValue,
            payload: fields.payload,
            prev: prev,
            hash: digest
        )
    }
}

extension EventActor {
    /// Reads `actor` ({`role`, `unitId`?, `tokenId`?}), refusing unknown keys and wrong types.
    public static func from<Node: JSONNode>(json value: Node) throws(EnvelopeError) -> EventActor {
        guard value.isObject else { throw EnvelopeError(field: "actor", problem: .wrongType("object")) }
        if let unknown = value.firstMemberName(notIn: Self.memberNames) {
            throw EnvelopeError(field: "actor.\(unknown)", problem: .unknownField)
        }
        func optionalString(_ key: JSONName) throws(EnvelopeError) -> String? {
            guard let v = value.member(key) else { return nil }
            guard let s = v.stringValue else { throw EnvelopeError(field: "actor.\(key)", problem: .wrongType("string")) }
            return s
        }
        guard let role = try optionalString("role") else { throw EnvelopeError(field: "actor.role", problem: .missing) }
        return EventActor(role: role, unitId: try optionalString("unitId"), tokenId: try optionalString("tokenId"))
    }
}

extension Envelope {
    /// The members an envelope may have.
    public static let members: Set<String> = [
        "seq", "stream", "version", "type", "schema", "recordedAt", "actor", "commandId", "payload", "prev", "hash",
    ]

    /// `members`, for checking a tape's member names by their bytes.
    static let memberNames = JSONStringSet(members.sorted())
}

extension EventActor {
    /// The members `actor` may have.
    public static let members: Set<String> = ["role", "unitId", "tokenId"]

    /// `members`, for checking a tape's member names by their bytes.
    static let memberNames = JSONStringSet(members.sorted())
}

/// The first key (in sorted order, so the answer is always the same) that `allowed` does not hold; `nil` when all
/// are allowed. Sorts only when there is an unknown key: this runs for every event replayed.
public func firstUnknownKey(of object: [String: JSONValue], allowed: Set<String>) -> String? {
    guard object.keys.contains(where: { !allowed.contains($0) }) else { return nil }
    return object.keys.sorted().first { !allowed.contains($0) }
}

/// What is wrong with an envelope's shape; the ledger turns it into a SPEC rule id.
public struct EnvelopeError: Error, Hashable, Sendable {
    public enum Problem: Hashable, Sendable {
        case missing
        case wrongType(String)
        case unknownField
        case invalid
    }
    /// The dotted field path (`actor.role`), `nil` for the envelope itself.
    public var field: String?
    public var problem: Problem
}
