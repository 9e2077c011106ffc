/// `PersonRegistered`: a person who can be assigned tasks or appointed head, in a unit.
public struct PersonRegistered: Hashable, Sendable {
    public var personId: String
    public var name: String
    public var unitId: String
    public var title: String?

    public init(personId: String, name: String, unitId: String, title: String? = nil) {
        self.personId = personId
        self.name = name
        self.unitId = unitId
        self.title = title
    }

    init(reading r: inout some PayloadReader) throws(Refusal) {
        personId = try r.text("personId", .id)
        name = try r.text("name", .name)
        unitId = try r.text("unitId", .id)
        title = try r.optionalText("title", .name)
    }
}
