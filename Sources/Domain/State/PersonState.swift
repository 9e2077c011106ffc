/// A person who can be assigned tasks or appointed head, as of the last folded event.
public struct PersonState: Hashable, Sendable {
    public var id: String
    public var name: String
    /// The unit the person belongs to now (after `PersonTransferred`).
    public var unitId: String
    public var title: String?

    public init(id: String, name: String, unitId: String, title: String?) {
        self.id = id
        self.name = name
        self.unitId = unitId
        self.title = title
    }
}
