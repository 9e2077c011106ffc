/// A JSON value as the readers of envelopes and payloads see it, so that one reader serves both a parsed tree
/// (`JSONValue`: commands, imports, export) and a node of a `JSONTape` (replay): the same checks, in the same
/// order, refuse the same documents whichever holds them.
///
/// Readers are generic over it and specialised where they are called, so the tape path pays no dynamic
/// dispatch.
public protocol JSONNode {
    associatedtype Elements: Collection where Elements.Element == Self

    /// A short name of the JSON type, for error messages (`"string"`, `"object"`, …).
    var typeName: String { get }
    var isNull: Bool { get }
    var isObject: Bool { get }
    var isString: Bool { get }
    var boolValue: Bool? { get }
    var numberValue: Double? { get }
    /// A string's text; `nil` for anything else.
    var stringValue: String? { get }
    /// An array's elements; `nil` for anything else.
    var elements: Elements? { get }

    /// The member `name` of an object; `nil` when absent or when this is not an object.
    func member(_ name: JSONName) -> Self?

    /// Calls `body` with a string's UTF-8 bytes (without making a `String` where it can); `nil` when this is
    /// not a string.
    func withUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result?

    /// The first member name, in sorted order (so the answer is always the same), that `allowed` does not
    /// hold; `nil` when every name is allowed or this is not an object.
    func firstMemberName(notIn allowed: JSONStringSet) -> String?
}

extension JSONValue: JSONNode {
    public var isObject: Bool { if case .object = self { true } else { false } }
    public var isString: Bool { if case .string = self { true } else { false } }

    public var elements: [JSONValue]? { arrayValue }

    public func member(_ name: JSONName) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members[name.description]
    }

    public func withUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result? {
        guard case .string(var text) = self else { return nil }
        return text.withUTF8(body)
    }

    public func firstMemberName(notIn allowed: JSONStringSet) -> String? {
        guard case .object(let members) = self, members.keys.contains(where: { !allowed.contains($0) }) else { return nil }
        return members.keys.sorted().first { !allowed.contains($0) }
    }
}

extension JSONTapeNode: JSONNode {
    public var isObject: Bool { kind == .object }
    public var isString: Bool { kind == .string }

    public func firstMemberName(notIn allowed: JSONStringSet) -> String? {
        var unknown: String?
        for (name, _) in members where allowed.index(of: name) == nil {
            let text = name.stringValue ?? ""
            if unknown.map({ text < $0 }) ?? true { unknown = text }
        }
        return unknown
    }
}
