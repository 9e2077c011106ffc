/// `PersonTransferred`: from now on the person belongs to `unitId`, with `title` (a transfer without a
/// title clears the old one, which belonged to the old post). Tasks already assigned keep the assignment.
public struct PersonTransferred: Hashable, Sendable {
    public var personId: String
    public var unitId: String
    public var title: String?

    public init(personId: String, unitId: String, title: String? = nil) {
        self.personId = personId
        self.unitId = unitId
        self.title = title
    }

    init(reading r: inout some PayloadReader) throws(Refusal) {
        personId = try r.text("personId", .id)
        unitId = try r.text("unitId", .id)
        title = try r.optionalText("title", .name)
    }
}
