/// Who wrote an event (SPEC §3 envelope `actor`): a role, the unit of a `unit` actor, and the token used.
public struct Actor: Hashable, Sendable {
    public var role: Role
    /// Present exactly for a `unit` actor.
    public var unitId: String?
    /// Absent on events imported bare without one and on `admin` events.
    public var tokenId: String?

    public init(role: Role, unitId: String? = nil, tokenId: String? = nil) {
        self.role = role
        self.unitId = unitId
        self.tokenId = tokenId
    }
}
