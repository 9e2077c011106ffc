import CanonicalJSON

/// A command that passed the state-free checks of `Rules.validate`: its type is known, its actor may write
/// it, and its payload is well-formed. `decide` judges it against the state next.
public struct ValidatedCommand: Hashable, Sendable {
    public var type: EventType
    /// The typed, normalised event.
    public var event: DomainEvent
    /// Exactly what will be stored: text normalised (trimmed, NFC), optional fields given as `null` or empty
    /// text removed, unknown extra fields kept verbatim. The idempotency check compares this.
    public var payload: JSONValue
    /// `unit/SXD`, `task/T-1`, `person/P1`, `policy/P`, `token/TK` (see `DomainEvent.stream`).
    public var stream: String
    /// The payload schema version written (1 for every type today).
    public var schema: Int

    public init(type: EventType, event: DomainEvent, payload: JSONValue, stream: String, schema: Int) {
        self.type = type
        self.event = event
        self.payload = payload
        self.stream = stream
        self.schema = schema
    }
}
