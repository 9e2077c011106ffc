/// The text rules applied to the envelope's own text (`commandId`, `actor.unitId`, `actor.tokenId`), which the
/// ledger reads before the domain sees the payload. Same rules and messages as payload text.
extension Rules {
    /// The largest `commandId`, in Unicode scalars (SPEC §3: `commandId` 128).
    public static let commandIdMaxScalars = 128

    /// A trimmed, NFC-normalised `commandId`, or the text rule it breaks.
    public static func normaliseCommandId(_ raw: String, field: String = "commandId") throws(Refusal) -> String {
        let text = try TextRules.normalise(raw, kind: .longText, field: field) ?? ""
        let count = text.unicodeScalars.count
        guard count <= commandIdMaxScalars else {
            throw Refusal(
                .textTooLong,
                field: field,
                "Trường \(field) dài \(count) ký tự, vượt quá giới hạn \(commandIdMaxScalars) ký tự; hãy rút ngắn."
            )
        }
        return text
    }

    /// A trimmed, NFC-normalised id (unit or token id in `actor`), or the rule it breaks.
    public static func normaliseId(_ raw: String, field: String) throws(Refusal) -> String {
        let text = try TextRules.normalise(raw, kind: .id, field: field) ?? ""
        guard IdFormat.isValid(text) else {
            throw Refusal(
                .invalidValue,
                field: field,
                "Trường \(field) không phải mã hợp lệ: chỉ dùng chữ cái, chữ số, '-', '_', '.' (tối đa 64 ký tự)."
            )
        }
        return text
    }
}
