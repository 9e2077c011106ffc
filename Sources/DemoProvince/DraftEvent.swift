import CanonicalJSON

/// A bare event before the day's events are stamped with their `recordedAt`.
struct DraftEvent {
    var type: String
    /// The writing unit for a `unit` actor; `nil` for the Office.
    var unitActor: String?
    var payload: [String: JSONValue]
    var commandId: String?

    /// The bare-event object of the import format.
    func json(recordedAt: String) -> JSONValue {
        var actor: [String: JSONValue] = ["role": .string(unitActor == nil ? "office" : "unit")]
        if let unitActor { actor["unitId"] = .string(unitActor) }
        var event: [String: JSONValue] = [
            "type": .string(type), "recordedAt": .string(recordedAt), "actor": .object(actor), "payload": .object(payload),
        ]
        if let commandId { event["commandId"] = .string(commandId) }
        return .object(event)
    }
}

extension JSONValue {
    /// A document reference `{number, date}`.
    static func document(_ number: String, _ date: some CustomStringConvertible) -> JSONValue {
        .object(["number": .string(number), "date": .string(date.description)])
    }
}
