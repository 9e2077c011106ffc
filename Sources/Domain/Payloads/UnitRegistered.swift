/// `UnitRegistered`: a department, agency, district, commune or other unit enters the ledger.
public struct UnitRegistered: Hashable, Sendable {
    public var unitId: String
    public var name: String
    public var kind: UnitKind
    public var parentUnitId: String?

    public init(unitId: String, name: String, kind: UnitKind, parentUnitId: String? = nil) {
        self.unitId = unitId
        self.name = name
        self.kind = kind
        self.parentUnitId = parentUnitId
    }

    init(reading r: inout some PayloadReader) throws(Refusal) {
        unitId = try r.text("unitId", .id)
        name = try r.text("name", .name)
        kind = try r.enumValue("kind", UnitKind.self)
        parentUnitId = try r.optionalText("parentUnitId", .id)
    }
}
