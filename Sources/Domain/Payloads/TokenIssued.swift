/// `TokenIssued`: a bearer token exists for `role` (and, for a `unit` token, its unit). Never the secret.
public struct TokenIssued: Hashable, Sendable {
    public var tokenId: String
    public var name: String
    public var role: Role
    /// Present exactly when `role` is `unit`.
    public var unitId: String?

    public init(tokenId: String, name: String, role: Role, unitId: String? = nil) {
        self.tokenId = tokenId
        self.name = name
        self.role = role
        self.unitId = unitId
    }

    init(reading r: inout PayloadReader) throws(Refusal) {
        tokenId = try r.text("tokenId", .id)
        name = try r.text("name", .name)
        role = try r.enumValue("role", Role.self)
        unitId = try r.optionalText("unitId", .id)
        if role == .unit, unitId == nil {
            throw Refusal(.missingField, field: r.fieldPath("unitId"), "Mã truy cập vai trò unit phải ghi đơn vị (payload.unitId).")
        }
        if role != .unit, unitId != nil {
            throw Refusal(
                .invalidValue,
                field: r.fieldPath("unitId"),
                "Chỉ mã truy cập vai trò unit mới gắn với đơn vị; hãy bỏ payload.unitId cho vai trò \(role.rawValue)."
            )
        }
    }
}
