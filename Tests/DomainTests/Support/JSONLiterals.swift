import CanonicalJSON

// Literal syntax for payloads in test tables: `["taskId": "T-1", "percent": 50]`.
extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
    public init(nilLiteral: ()) { self = .null }
}

extension JSONValue {
    /// The object with `key` set to `value` (removed when `value` is `nil`); `path` may be dotted (`sourceDocument.date`).
    func with(_ path: String, _ value: JSONValue?) -> JSONValue {
        guard case .object(var object) = self else { return self }
        let parts = path.split(separator: ".", maxSplits: 1).map(String.init)
        if parts.count == 2 {
            object[parts[0]] = (object[parts[0]] ?? .object([:])).with(parts[1], value)
        } else {
            object[path] = value
        }
        return .object(object)
    }

    func without(_ path: String) -> JSONValue { with(path, nil) }
}
