import CanonicalJSON
import Domain
import EventLog
import ProvinceTime

/// One line of an import file or one command body, read with the envelope rules of SPEC §3 (`malformedJson`,
/// `oversizedBody`, `wrongType`, `missingField`, `unknownField`, `invalidValue`, the text rules for `commandId`).
public enum InputLine: Sendable {
    /// A bare event: `type`, `recordedAt`, `actor`, `payload`, optional `commandId`; the chain is computed.
    case bare(CommandRequest)
    /// A full envelope as `export` writes it: the chain and hash are checked.
    case envelope(Envelope)

    /// The largest line or body accepted (SPEC §3 `oversizedBody`): 1 MiB.
    public static let maxBytes = 1 << 20

    /// Parses JSON bytes strictly, mapping parser failures to `malformedJson` / `oversizedBody`.
    public static func parseJSON(_ bytes: some Collection<UInt8>) throws(Refusal) -> JSONValue {
        guard bytes.count <= maxBytes else {
            throw Refusal(.oversizedBody, field: nil, "Dữ liệu dài \(bytes.count) byte, vượt quá giới hạn 1 MiB.")
        }
        do {
            return try JSONParser.parse(bytes)
        } catch {
            let what =
                switch error.kind {
                case .invalidUTF8: "không phải UTF-8 hợp lệ"
                case .duplicateKey: "có khóa trùng lặp\(error.path.map { " (\($0))" } ?? "")"
                case .tooDeep: "lồng nhau quá sâu"
                case .numberOutOfRange: "có số vượt quá phạm vi"
                case .malformed: "không phải JSON hợp lệ"
                }
            throw Refusal(.malformedJson, field: error.path, "Dữ liệu \(what), tại byte \(error.offset): \(error.detail).")
        }
    }

    /// Reads an import line: a full envelope when it carries `seq`, `prev` or `hash`, else a bare event.
    public static func parse(_ bytes: some Collection<UInt8>) throws(Refusal) -> InputLine {
        let value = try parseJSON(bytes)
        guard case .object(let o) = value else {
            throw Refusal(.wrongType, field: nil, "Mỗi dòng phải là một đối tượng JSON, không phải \(value.typeName).")
        }
        if o["seq"] != nil || o["prev"] != nil || o["hash"] != nil {
            return .envelope(try fullEnvelope(value))
        }
        return .bare(try bareEvent(o))
    }

    static func fullEnvelope(_ value: JSONValue) throws(Refusal) -> Envelope {
        do {
            return try Envelope.from(json: value, hash: nil)
        } catch {
            throw refusal(error)
        }
    }

    /// The members a bare event may have.
    static let bareMembers: Set<String> = ["type", "recordedAt", "actor", "payload", "commandId"]

    static func bareEvent(_ o: [String: JSONValue]) throws(Refusal) -> CommandRequest {
        if let unknown = firstUnknownKey(of: o, allowed: bareMembers) {
            throw Refusal(
                .unknownField,
                field: unknown,
                "Trường \(unknown) không thuộc sự kiện; các trường được phép: \(bareMembers.sorted().joined(separator: ", "))."
            )
        }
        guard let typeValue = o["type"] else { throw missing("type") }
        guard case .string(let type) = typeValue else { throw wrongType("type", "chuỗi") }
        guard let recordedAtValue = o["recordedAt"] else { throw missing("recordedAt") }
        guard case .string(let recordedAtText) = recordedAtValue else { throw wrongType("recordedAt", "chuỗi") }
        guard let recordedAt = Instant(parsingRFC3339: recordedAtText) else {
            throw Refusal(
                .invalidValue,
                field: "recordedAt",
                "recordedAt phải theo RFC 3339 có múi giờ và tối đa 3 chữ số thập phân của giây, ví dụ 2025-03-01T08:30:00+07:00."
            )
        }
        guard let actorValue = o["actor"] else { throw missing("actor") }
        let actor = try Self.actor(actorValue)
        guard let payload = o["payload"] else { throw missing("payload") }
        guard case .object = payload else { throw wrongType("payload", "đối tượng") }
        var commandId: String? = nil
        if let c = o["commandId"] {
            guard case .string(let raw) = c else { throw wrongType("commandId", "chuỗi") }
            commandId = try Rules.normaliseCommandId(raw)
        }
        return CommandRequest(type: type, actor: actor, payload: payload, commandId: commandId, recordedAt: recordedAt)
    }

    /// Reads `actor` ({`role`, `unitId`?, `tokenId`?}) with the same rules.
    public static func actor(_ value: JSONValue) throws(Refusal) -> Actor {
        let event: EventActor
        do {
            event = try EventActor.from(json: value)
        } catch {
            throw refusal(error)
        }
        return try actor(event)
    }

    /// A domain actor from the envelope's strings: the role must be one of SPEC §1.
    public static func actor(_ event: EventActor) throws(Refusal) -> Actor {
        guard let role = Role(rawValue: event.role) else {
            throw Refusal(
                .invalidValue,
                field: "actor.role",
                "Vai trò \"\(event.role)\" không hợp lệ; chọn một trong: \(Role.allCases.map(\.rawValue).joined(separator: ", "))."
            )
        }
        let unitId = try event.unitId.map { (raw) throws(Refusal) in try Rules.normaliseId(raw, field: "actor.unitId") }
        let tokenId = try event.tokenId.map { (raw) throws(Refusal) in try Rules.normaliseId(raw, field: "actor.tokenId") }
        return Actor(role: role, unitId: unitId, tokenId: tokenId)
    }

    static func refusal(_ error: EnvelopeError) -> Refusal {
        let field = error.field
        let name = field ?? "sự kiện"
        switch error.problem {
        case .missing: return missing(name)
        case .wrongType(let expected): return wrongType(name, expected)
        case .unknownField: return Refusal(.unknownField, field: field, "Trường \(name) không thuộc phong bì sự kiện.")
        case .invalid: return Refusal(.invalidValue, field: field, "Giá trị của trường \(name) không hợp lệ.")
        }
    }

    static func missing(_ field: String) -> Refusal {
        Refusal(.missingField, field: field, "Thiếu trường bắt buộc \(field).")
    }

    static func wrongType(_ field: String, _ expected: String) -> Refusal {
        Refusal(.wrongType, field: field, "Trường \(field) phải là \(expected).")
    }
}
