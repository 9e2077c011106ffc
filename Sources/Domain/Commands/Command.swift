import CanonicalJSON
import ProvinceTime

/// A command as the domain judges it: an event type, its payload as sent, who sends it, and the
/// `recordedAt` the ledger will stamp if it is accepted (the rules that compare dates use it).
///
/// The envelope checks (well-formed JSON, known envelope keys, `commandId`, `If-Match`, import
/// order) happen before, in the ledger; the domain sees only what it needs.
public struct Command: Hashable, Sendable {
    public var type: String
    public var actor: Actor
    public var payload: JSONValue
    public var recordedAt: Instant

    public init(type: String, actor: Actor, payload: JSONValue, recordedAt: Instant) {
        self.type = type
        self.actor = actor
        self.payload = payload
        self.recordedAt = recordedAt
    }
}
