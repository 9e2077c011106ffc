import CanonicalJSON

/// The rules of SPEC §3, in two steps the ledger calls inside one write transaction:
/// `validate` (state-free) → idempotency check on (type, payload) → `decide` (against the state) → append → `apply`.
///
/// Each step throws the *first* broken rule in a fixed, documented order (`events.md (section 8)`), so a
/// command that breaks two rules always gets the same answer.
public enum Rules {
    /// The state-free checks, in this order:
    /// 1. `unknownEventType` (`type`);
    /// 2. `roleNotAllowed` (`actor.role`);
    /// 3. the actor's shape: a `unit` actor needs `actor.unitId` (`missingField`) in the id format
    ///    (`invalidValue`); any other actor must not carry one (`invalidValue`);
    /// 4. the payload: `wrongType` when it is not an object, then field by field in the order of
    ///    `events.md (section 8)` (`missingField`, `wrongType`, the text rules, `invalidValue`, …), then the
    ///    type's cross-field rules (`classifiedTask` comes first of all for `TaskAssigned`);
    /// 5. `unitIdNotOwn` (`payload.unitId`) for the types a unit writes.
    public static func validate(_ command: Command) throws(Refusal) -> ValidatedCommand {
        guard let type = EventType(rawValue: command.type) else { throw Refusal.unknownEventType(command.type) }
        try checkRole(command.actor, for: type)
        var reader = try JSONPayloadReader(command.payload, at: PayloadPath("payload"), checksText: true)
        let event = try DomainEvent.read(type, from: &reader)
        if let payloadUnitId = event.writingUnitId, payloadUnitId != command.actor.unitId {
            throw Refusal(
                .unitIdNotOwn,
                field: "payload.unitId",
                "Đơn vị \(payloadUnitId) không phải đơn vị của người gửi (\(command.actor.unitId ?? "-")); hãy ghi đúng mã đơn vị của mình."
            )
        }
        return ValidatedCommand(type: type, event: event, payload: reader.json, stream: event.stream, schema: type.currentSchema)
    }

    static func checkRole(_ actor: Actor, for type: EventType) throws(Refusal) {
        guard actor.role == type.writerRole else {
            let writer =
                switch type.writerRole {
                case .unit: "người dùng của đơn vị (unit)"
                case .admin: "quản trị viên (admin), qua dòng lệnh"
                default: "Văn phòng UBND tỉnh (office)"
                }
            throw Refusal(
                .roleNotAllowed,
                field: "actor.role",
                "Vai trò \(actor.role.rawValue) không được ghi sự kiện \(type.rawValue); chỉ \(writer) được ghi."
            )
        }
        if actor.role == .unit {
            guard let unitId = actor.unitId else {
                throw Refusal(.missingField, field: "actor.unitId", "Người gửi vai trò unit phải ghi đơn vị của mình (actor.unitId).")
            }
            guard IdFormat.isValid(unitId) else {
                throw Refusal(.invalidValue, field: "actor.unitId", "Mã đơn vị \"\(unitId.prefix(100))\" của người gửi không hợp lệ.")
            }
        } else if actor.unitId != nil {
            throw Refusal(
                .invalidValue,
                field: "actor.unitId",
                "Chỉ người gửi vai trò unit mới ghi actor.unitId; hãy bỏ trường này cho vai trò \(actor.role.rawValue)."
            )
        }
    }
}

extension DomainEvent {
    /// `payload.unitId` of the types a unit writes: it must be the writing unit's own.
    var writingUnitId: String? {
        switch self {
        case .progressReported(let e): e.unitId
        case .reportDocumentSubmitted(let e): e.unitId
        case .resultEntered(let e): e.unitId
        default: nil
        }
    }
}
