import CanonicalJSON
import ProvinceTime

/// The members of an envelope, checked: the one reading of an envelope's shape. `Envelope.from(json:hash:)`
/// uses it on a parsed tree (import, export, verify); replay uses it on a `JSONTape`, so both refuse exactly
/// the same stored bytes, with the same field named.
///
/// The members replay does not need (`stream`, `commandId`, `prev`) are checked but left as nodes, so replay
/// makes no `String` of them.
public struct EnvelopeFields<Node: JSONNode> {
    public var seq: UInt64
    /// A string.
    public var stream: Node
    public var version: UInt64
    /// A string.
    public var type: Node
    public var schema: Int
    public var recordedAt: Instant
    public var actor: EventActor
    /// A string, when present.
    public var commandId: Node?
    /// An object.
    public var payload: Node
    /// 64 lowercase hex digits.
    public var prev: Node
    /// 64 lowercase hex digits; read only when asked for (`readsHash`), else `nil`.
    public var hash: Node?

    /// Checks, in this order: an object; no unknown member; `seq`, `stream`, `version`, `type`, `schema`,
    /// `recordedAt`, `actor`, `commandId`, `payload`, `prev`, then `hash` when `readsHash`.
    public init(reading value: Node, readsHash: Bool) throws(EnvelopeError) {
        guard value.isObject else { throw EnvelopeError(field: nil, problem: .wrongType("object")) }
        if let unknown = value.firstMemberName(notIn: Envelope.memberNames) {
            throw EnvelopeError(field: unknown, problem: .unknownField)
        }
        seq = UInt64(try Self.integer(value, "seq", min: 1))
        stream = try Self.string(value, "stream")
        version = UInt64(try Self.integer(value, "version", min: 1))
        type = try Self.string(value, "type")
        schema = Int(try Self.integer(value, "schema", min: 1))
        guard let recordedAt = try Self.string(value, "recordedAt").withUTF8({ Instant(rfc3339UTF8: $0) }) ?? nil else {
            throw EnvelopeError(field: "recordedAt", problem: .invalid)
        }
        self.recordedAt = recordedAt
        guard let actorValue = value.member("actor") else { throw EnvelopeError(field: "actor", problem: .missing) }
        actor = try EventActor.from(json: actorValue)
        commandId = value.member("commandId") == nil ? nil : try Self.string(value, "commandId")
        guard let payload = value.member("payload") else { throw EnvelopeError(field: "payload", problem: .missing) }
        guard payload.isObject else { throw EnvelopeError(field: "payload", problem: .wrongType("object")) }
        self.payload = payload
        prev = try Self.digest(value, "prev")
        hash = readsHash ? try Self.digest(value, "hash") : nil
    }

    private static func string(_ object: Node, _ key: JSONName) throws(EnvelopeError) -> Node {
        guard let value = object.member(key) else { throw EnvelopeError(field: key.description, problem: .missing) }
        guard value.isString else { throw EnvelopeError(field: key.description, problem: .wrongType("string")) }
        return value
    }

    private static func integer(_ object: Node, _ key: JSONName, min: Double) throws(EnvelopeError) -> Double {
        guard let value = object.member(key) else { throw EnvelopeError(field: key.description, problem: .missing) }
        guard let n = value.numberValue else { throw EnvelopeError(field: key.description, problem: .wrongType("integer")) }
        guard n == n.rounded(), n >= min, n <= 9_007_199_254_740_991 else { throw EnvelopeError(field: key.description, problem: .invalid) }
        return n
    }

    private static func digest(_ object: Node, _ key: JSONName) throws(EnvelopeError) -> Node {
        let value = try string(object, key)
        guard value.withUTF8({ Digest.isHex($0) }) == true else { throw EnvelopeError(field: key.description, problem: .invalid) }
        return value
    }
}
