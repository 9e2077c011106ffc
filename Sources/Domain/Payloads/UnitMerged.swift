/// `UnitMerged`: the units `unitIds` are merged away into `intoUnitId`; their tasks not complete at that
/// instant pass to `intoUnitId` (assignee cleared), and they take no new tasks.
public struct UnitMerged: Hashable, Sendable {
    /// At least one, distinct, none of them `intoUnitId`.
    public var unitIds: [String]
    public var intoUnitId: String
    public var reason: String?

    public init(unitIds: [String], intoUnitId: String, reason: String? = nil) {
        self.unitIds = unitIds
        self.intoUnitId = intoUnitId
        self.reason = reason
    }

    init(reading r: inout some PayloadReader) throws(Refusal) {
        guard let ids = try r.optionalIdList("unitIds") else { throw Refusal.missing(r.fieldPath("unitIds")) }
        guard !ids.isEmpty else {
            throw Refusal(.invalidValue, field: r.fieldPath("unitIds"), "Danh sách đơn vị bị sáp nhập (payload.unitIds) phải có ít nhất một đơn vị.")
        }
        unitIds = ids
        intoUnitId = try r.text("intoUnitId", .id)
        reason = try r.optionalText("reason", .longText)
        try Self.checkDistinct(unitIds, into: intoUnitId, path: r.fieldPath("unitIds"))
    }

    /// Scans `unitIds` in order and refuses the first element that is the successor or a repeat; `path` is
    /// built only then.
    private static func checkDistinct(_ ids: [String], into: String, path: @autoclosure () -> String) throws(Refusal) {
        var seen = Set<String>()
        for (index, id) in ids.enumerated() {
            if id == into {
                throw Refusal(
                    .mergeIntoItself,
                    field: "\(path())[\(index)]",
                    "Đơn vị \(id) không thể sáp nhập vào chính nó; hãy bỏ \(id) khỏi payload.unitIds."
                )
            }
            if !seen.insert(id).inserted {
                throw Refusal(
                    .mergeUnitsNotDistinct,
                    field: "\(path())[\(index)]",
                    "Đơn vị \(id) bị lặp lại trong payload.unitIds; hãy ghi mỗi đơn vị một lần."
                )
            }
        }
    }
}
