import CanonicalJSON
import ProvinceTime

/// Reads one JSON object of a payload field by field, refusing the first field that is missing, of the
/// wrong JSON type, or breaks a text or format rule, with the field's dotted path from the envelope.
///
/// It also builds the payload that will be stored: the object as sent, with every text field it reads
/// replaced by its normalised form and every optional field given as `null` or empty text removed; keys it
/// does not know are kept verbatim (SPEC §3: payloads may carry extra optional fields).
///
/// On replay (`checksText == false`) the stored payload was validated when it was appended, so the text
/// rules and the id format are skipped, but types, enums and dates are still checked: a damaged payload
/// becomes a refusal, never a crash.
///
/// `null` is treated as absent everywhere: a required field given as `null` is `missingField`.
/// On replay the normalised payload is not built at all (`json` is then the payload as read).
struct PayloadReader {
    let path: String
    let checksText: Bool
    private let object: [String: JSONValue]
    private(set) var normalised: [String: JSONValue]

    init(_ value: JSONValue, path: String, checksText: Bool) throws(Refusal) {
        guard case .object(let object) = value else {
            throw Refusal(.wrongType, field: path, "Trường \(path) phải là một đối tượng JSON, không phải \(value.typeName).")
        }
        self.path = path
        self.checksText = checksText
        self.object = object
        self.normalised = object
    }

    var json: JSONValue { .object(normalised) }

    func fieldPath(_ key: String) -> String { "\(path).\(key)" }

    /// The value at `key`, `nil` when absent or `null`.
    func raw(_ key: String) -> JSONValue? {
        guard let value = object[key], !value.isNull else { return nil }
        return value
    }

    func required(_ key: String) throws(Refusal) -> JSONValue {
        guard let value = raw(key) else { throw Refusal.missing(fieldPath(key)) }
        return value
    }

    // MARK: - Text

    mutating func text(_ key: String, _ kind: TextKind) throws(Refusal) -> String {
        let value = try required(key)
        guard let text = try normaliseText(value, kind: kind, field: fieldPath(key), required: true) else {
            throw Refusal.missing(fieldPath(key))
        }
        if checksText { normalised[key] = .string(text) }
        return text
    }

    mutating func optionalText(_ key: String, _ kind: TextKind) throws(Refusal) -> String? {
        guard let value = raw(key) else {
            if checksText { normalised[key] = nil }
            return nil
        }
        let text = try normaliseText(value, kind: kind, field: fieldPath(key), required: false)
        if checksText { normalised[key] = text.map { .string($0) } }
        return text
    }

    /// `field` is an autoclosure: the dotted path is built only when a refusal needs it, not for every
    /// field of every replayed event.
    func normaliseText(_ value: JSONValue, kind: TextKind, field: @autoclosure () -> String, required: Bool) throws(Refusal) -> String? {
        guard case .string(let raw) = value else { throw Refusal.wrongType(field(), expected: "chuỗi", got: value) }
        guard checksText else { return raw }
        return try TextRules.normalise(raw, kind: kind, field: field(), required: required)
    }

    /// A list of ids (`coordinatingUnitIds`, `unitIds`); `nil` when absent.
    mutating func optionalIdList(_ key: String) throws(Refusal) -> [String]? {
        guard let value = raw(key) else {
            if checksText { normalised[key] = nil }
            return nil
        }
        guard case .array(let items) = value else { throw Refusal.wrongType(fieldPath(key), expected: "mảng", got: value) }
        var ids: [String] = []
        ids.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            guard let id = try normaliseText(item, kind: .id, field: "\(fieldPath(key))[\(index)]", required: true) else {
                throw Refusal.missing("\(fieldPath(key))[\(index)]")
            }
            ids.append(id)
        }
        if checksText { normalised[key] = .array(ids.map { .string($0) }) }
        return ids
    }

    // MARK: - Enums, dates, numbers, booleans

    /// A value of a fixed set, written exactly (no trimming: `"committee "` is refused).
    func enumValue<E: RawRepresentable & CaseIterable>(_ key: String, _: E.Type) throws(Refusal) -> E where E.RawValue == String {
        let value = try required(key)
        return try enumValue(value, field: fieldPath(key))
    }

    func enumValue<E: RawRepresentable & CaseIterable>(_ value: JSONValue, field: @autoclosure () -> String) throws(Refusal) -> E
    where E.RawValue == String {
        guard case .string(let raw) = value else { throw Refusal.wrongType(field(), expected: "chuỗi", got: value) }
        guard let parsed = E(rawValue: raw) else {
            let field = field()
            let allowed = E.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw Refusal(
                .invalidValue,
                field: field,
                "Giá trị \"\(raw.prefix(100))\" của trường \(field) không hợp lệ; hãy dùng một trong: \(allowed)."
            )
        }
        return parsed
    }

    /// A calendar date written exactly `YYYY-MM-DD`.
    func date(_ key: String) throws(Refusal) -> LocalDate {
        let value = try required(key)
        guard case .string(let raw) = value else { throw Refusal.wrongType(fieldPath(key), expected: "chuỗi ngày YYYY-MM-DD", got: value) }
        guard let date = LocalDate(parsing: raw) else {
            let field = fieldPath(key)
            throw Refusal(
                .invalidValue,
                field: field,
                "Ngày \"\(raw.prefix(40))\" ở trường \(field) không hợp lệ; hãy ghi ngày có thật theo dạng YYYY-MM-DD."
            )
        }
        return date
    }

    func optionalBool(_ key: String) throws(Refusal) -> Bool? {
        guard let value = raw(key) else { return nil }
        guard case .bool(let flag) = value else { throw Refusal.wrongType(fieldPath(key), expected: "true hoặc false", got: value) }
        return flag
    }

    /// A whole number in `range`; a number with a fraction or outside the range is `invalidValue`.
    func integer(_ value: JSONValue, field: @autoclosure () -> String, in range: ClosedRange<Int>) throws(Refusal) -> Int {
        guard case .number(let number) = value else { throw Refusal.wrongType(field(), expected: "số nguyên", got: value) }
        guard number.rounded(.towardZero) == number, number >= Double(range.lowerBound), number <= Double(range.upperBound) else {
            let field = field()
            throw Refusal(
                .invalidValue,
                field: field,
                "Trường \(field) phải là số nguyên từ \(range.lowerBound) đến \(range.upperBound), không phải \(number)."
            )
        }
        return Int(number)
    }

    // MARK: - Nested objects

    /// A reader for the object at `key`; store it back with `store(_:as:)` once read.
    func nested(_ key: String) throws(Refusal) -> PayloadReader {
        try PayloadReader(try required(key), path: fieldPath(key), checksText: checksText)
    }

    func optionalNested(_ key: String) throws(Refusal) -> PayloadReader? {
        guard let value = raw(key) else { return nil }
        return try PayloadReader(value, path: fieldPath(key), checksText: checksText)
    }

    mutating func store(_ child: PayloadReader, as key: String) {
        if checksText { normalised[key] = child.json }
    }

    mutating func set(_ key: String, _ value: JSONValue?) {
        if checksText { normalised[key] = value }
    }
}

extension Refusal {
    static func missing(_ field: String) -> Refusal {
        Refusal(.missingField, field: field, "Thiếu trường bắt buộc \(field).")
    }

    static func wrongType(_ field: String, expected: String, got value: JSONValue) -> Refusal {
        Refusal(.wrongType, field: field, "Trường \(field) phải là \(expected), không phải \(value.typeName).")
    }
}
