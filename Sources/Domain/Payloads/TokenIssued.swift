/// `TokenIssued`: a bearer token exists for `role` (and, for a `unit` token, its unit). Never the secret.
///
/// There is no `admin` token: SPEC §1 has the admin act through the CLI only, so a bearer token that could
/// write token events over HTTP would defeat that.
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

    init(reading r: inout some PayloadReader) throws(Refusal) {
        tokenId = try r.text("tokenId", .id)
        name = try r.text("name", .name)
        role = try r.enumValue("role", Role.self)
        if role == .admin {
            throw Refusal(
                .invalidValue,
                field: r.fieldPath("role"),
                "Không cấp mã truy cập cho vai trò admin: quản trị viên chỉ thao tác qua dòng lệnh trên máy chủ."
            )
        }
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
