import CanonicalJSON
import Domain
import EventLog
import ProvinceTime

/// A command as it reaches the ledger, from the HTTP API, the CLI or an import line.
public struct CommandRequest: Hashable, Sendable {
    public var type: String
    public var actor: Actor
    public var payload: JSONValue
    /// The idempotency key (`Idempotency-Key` header, or `commandId` of an imported line).
    public var commandId: String?
    /// The stream version the client last saw (`If-Match`); a different current version is `conflict`.
    public var expectedVersion: UInt64?
    /// Only for import: the `recordedAt` the line carries. Everything else is stamped by the ledger's clock.
    public var recordedAt: Instant?

    public init(
        type: String,
        actor: Actor,
        payload: JSONValue,
        commandId: String? = nil,
        expectedVersion: UInt64? = nil,
        recordedAt: Instant? = nil
    ) {
        self.type = type
        self.actor = actor
        self.payload = payload
        self.commandId = commandId
        self.expectedVersion = expectedVersion
        self.recordedAt = recordedAt
    }
}

/// What became of a command.
public enum CommandOutcome: Hashable, Sendable {
    /// Appended and durable.
    case appended(Envelope)
    /// A repeat of an appended command (same `commandId`, type and payload): the first outcome, nothing appended.
    case repeated(Envelope)
    /// Refused by a rule; nothing stored.
    case refused(Refusal)

    public var envelope: Envelope? {
        switch self {
        case .appended(let e), .repeated(let e): e
        case .refused: nil
        }
    }
}

extension EventActor {
    /// The envelope form of a domain actor.
    public init(_ actor: Actor) {
        self.init(role: actor.role.rawValue, unitId: actor.unitId, tokenId: actor.tokenId)
    }
}
