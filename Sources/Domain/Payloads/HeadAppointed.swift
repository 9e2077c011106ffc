import ProvinceTime

/// `HeadAppointed`: `personId` heads `unitId` from `from`; the previous head's tenure ends the day before.
public struct HeadAppointed: Hashable, Sendable {
    public var unitId: String
    public var personId: String
    public var from: LocalDate

    public init(unitId: String, personId: String, from: LocalDate) {
        self.unitId = unitId
        self.personId = personId
        self.from = from
    }

    init(reading r: inout some PayloadReader) throws(Refusal) {
        unitId = try r.text("unitId", .id)
        personId = try r.text("personId", .id)
        from = try r.date("from")
    }
}
