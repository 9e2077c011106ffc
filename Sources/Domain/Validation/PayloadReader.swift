import CanonicalJSON
import ProvinceTime

/// Reads one JSON object of a payload field by field, refusing the first field that is missing, of the
/// wrong JSON type, or breaks a text or format rule, with the field's dotted path from the envelope.
///
/// The 19 payload parsers (`init(reading:)`) are written once against this protocol and specialised for its
/// two readers:
/// - `JSONPayloadReader`, over a parsed `JSONValue`: commands and imports (`checksText == true`: text is
///   trimmed, NFC-normalised and checked, and the payload to store is built), and the tree-building decoder.
/// - `TapePayloadReader`, over a node of a `JSONTape`: replay of stored events (`checksText == false`).
///
/// On replay the stored payload was validated when it was appended, so the text rules and the id format are
/// skipped, but types, enums and dates are still checked: a damaged payload becomes a refusal, never a crash.
///
/// `null` is treated as absent everywhere: a required field given as `null` is `missingField`.
protocol PayloadReader {
    associatedtype Node: JSONNode

    /// Where the object being read sits (`payload`, `payload.sourceDocument`), for refusals.
    var location: PayloadPath { get }
    /// Whether text is checked and normalised, and the payload to store built (commands, imports).
    var checksText: Bool { get }

    /// The value at `key`, `nil` when absent or `null`.
    func raw(_ key: JSONName) -> Node?
    /// A reader of the same kind for the object `value` at `location`; `wrongType` when it is not an object.
    func child(_ value: Node, at location: PayloadPath) throws(Refusal) -> Self

    /// Records the normalised form of member `key` in the payload to store (`nil` removes it).
    mutating func setNormalised(_ key: JSONName, _ value: @autoclosure () -> JSONValue?)
    /// Records a nested object, once read, in the payload to store.
    mutating func store(_ child: Self, as key: JSONName)
    /// Records a list of nested objects, once read, in the payload to store.
    mutating func storeList(_ children: [Self], as key: JSONName)
}

/// Where an object of a payload sits, built into a dotted path only when a refusal names it: replay reads
/// nested objects (documents, weights) of every event, and none of them needs its path unless it is damaged.
struct PayloadPath {
    let parent: String
    let key: JSONName?

    init(_ path: String) {
        parent = path
        key = nil
    }

    init(_ key: JSONName, in parent: String) {
        self.parent = parent
        self.key = key
    }

    var description: String { key.map { "\(parent).\($0)" } ?? parent }
}

extension PayloadReader {
    var path: String { location.description }

    func fieldPath(_ key: JSONName) -> String { "\(path).\(key)" }

    func required(_ key: JSONName) throws(Refusal) -> Node {
        guard let value = raw(key) else { throw Refusal.missing(fieldPath(key)) }
        return value
    }

    // MARK: - Text

    mutating func text(_ key: JSONName, _ kind: TextKind) throws(Refusal) -> String {
        let value = try required(key)
        guard let text = try normaliseText(value, kind: kind, field: fieldPath(key), required: true) else {
            throw Refusal.missing(fieldPath(key))
        }
        setNormalised(key, .string(text))
        return text
    }

    mutating func optionalText(_ key: JSONName, _ kind: TextKind) throws(Refusal) -> String? {
        guard let value = raw(key) else {
            setNormalised(key, nil)
            return nil
        }
        let text = try normaliseText(value, kind: kind, field: fieldPath(key), required: false)
        setNormalised(key, text.map { .string($0) })
        return text
    }

    /// `field` is an autoclosure: the dotted path is built only when a refusal needs it, not for every
    /// field of every replayed event.
    func normaliseText(_ value: Node, kind: TextKind, field: @autoclosure () -> String, required: Bool) throws(Refusal) -> String? {
        guard let raw = value.stringValue else { throw Refusal.wrongType(field(), expected: "chuỗi", got: value) }
        guard checksText else { return raw }
        return try TextRules.normalise(raw, kind: kind, field: field(), required: required)
    }

    /// A list of ids (`coordinatingUnitIds`, `unitIds`); `nil` when absent.
    mutating func optionalIdList(_ key: JSONName) throws(Refusal) -> [String]? {
        guard let value = raw(key) else {
            setNormalised(key, nil)
            return nil
        }
        guard let items = value.elements else { throw Refusal.wrongType(fieldPath(key), expected: "mảng", got: value) }
        var ids: [String] = []
        ids.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            guard let id = try normaliseText(item, kind: .id, field: "\(fieldPath(key))[\(index)]", required: true) else {
                throw Refusal.missing("\(fieldPath(key))[\(index)]")
            }
            ids.append(id)
        }
        setNormalised(key, .array(ids.map { .string($0) }))
        return ids
    }

    // MARK: - Enums, dates, numbers, booleans

    /// A value of a fixed set, written exactly (no trimming: `"committee "` is refused).
    func enumValue<E: RawRepresentable & CaseIterable>(_ key: JSONName, _: E.Type) throws(Refusal) -> E where E.RawValue == String {
        let value = try required(key)
        return try enumValue(value, field: fieldPath(key))
    }

    func enumValue<E: RawRepresentable & CaseIterable>(_ value: Node, field: @autoclosure () -> String) throws(Refusal) -> E
    where E.RawValue == String {
        guard let raw = value.stringValue else { throw Refusal.wrongType(field(), expected: "chuỗi", got: value) }
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

    /// A calendar date written exactly `YYYY-MM-DD`, read from the string's bytes in place.
    func date(_ key: JSONName) throws(Refusal) -> LocalDate {
        let value = try required(key)
        guard let parsed = value.withUTF8({ LocalDate(utf8: $0) }) else {
            throw Refusal.wrongType(fieldPath(key), expected: "chuỗi ngày YYYY-MM-DD", got: value)
        }
        guard let date = parsed else {
            let field = fieldPath(key)
            throw Refusal(
                .invalidValue,
                field: field,
                "Ngày \"\((value.stringValue ?? "").prefix(40))\" ở trường \(field) không hợp lệ; hãy ghi ngày có thật theo dạng YYYY-MM-DD."
            )
        }
        return date
    }

    func optionalBool(_ key: JSONName) throws(Refusal) -> Bool? {
        guard let value = raw(key) else { return nil }
        guard let flag = value.boolValue else { throw Refusal.wrongType(fieldPath(key), expected: "true hoặc false", got: value) }
        return flag
    }

    /// A whole number in `range`; a number with a fraction or outside the range is `invalidValue`.
    func integer(_ value: Node, field: @autoclosure () -> String, in range: ClosedRange<Int>) throws(Refusal) -> Int {
        guard let number = value.numberValue else { throw Refusal.wrongType(field(), expected: "số nguyên", got: value) }
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
    func nested(_ key: JSONName) throws(Refusal) -> Self {
        try child(try required(key), at: PayloadPath(key, in: path))
    }

    func optionalNested(_ key: JSONName) throws(Refusal) -> Self? {
        guard let value = raw(key) else { return nil }
        return try child(value, at: PayloadPath(key, in: path))
    }
}

extension Refusal {
    static func missing(_ field: String) -> Refusal {
        Refusal(.missingField, field: field, "Thiếu trường bắt buộc \(field).")
    }

    static func wrongType(_ field: String, expected: String, got value: some JSONNode) -> Refusal {
        Refusal(.wrongType, field: field, "Trường \(field) phải là \(expected), không phải \(value.typeName).")
    }

    /// A payload, or an object inside it, that is not a JSON object.
    static func notAnObject(_ field: String, got value: some JSONNode) -> Refusal {
        Refusal(.wrongType, field: field, "Trường \(field) phải là một đối tượng JSON, không phải \(value.typeName).")
    }
}
