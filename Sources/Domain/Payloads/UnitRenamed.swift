/// `UnitRenamed`: a unit's name changes; its id never does. A merged unit may still be renamed.
public struct UnitRenamed: Hashable, Sendable {
    public var unitId: String
    public var name: String

    public init(unitId: String, name: String) {
        self.unitId = unitId
        self.name = name
    }

    init(reading r: inout some PayloadReader) throws(Refusal) {
        unitId = try r.text("unitId", .id)
        name = try r.text("name", .name)
    }
}
