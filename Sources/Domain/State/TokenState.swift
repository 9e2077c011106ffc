/// The roles of SPEC §1.
public enum Role: String, CaseIterable, Hashable, Sendable {
    case office, unit, interior, auditor, admin
}

/// A bearer token as the log knows it: never the secret, never its hash (those live outside the log).
public struct TokenState: Hashable, Sendable {
    public var id: String
    public var name: String
    public var role: Role
    public var unitId: String?
    public var revoked: Bool

    public init(id: String, name: String, role: Role, unitId: String?, revoked: Bool = false) {
        self.id = id
        self.name = name
        self.role = role
        self.unitId = unitId
        self.revoked = revoked
    }
}
