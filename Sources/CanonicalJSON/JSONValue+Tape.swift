extension JSONValue {
    /// The tree of `node` and everything nested in it: how `JSONParser` builds its `JSONValue`s.
    ///
    /// Each object's dictionary is made once with its exact capacity. The tokenizer has refused repeated
    /// member names, so no member is lost here.
    public init(_ node: JSONTapeNode) {
        switch node.kind {
        case .null: self = .null
        case .true: self = .bool(true)
        case .false: self = .bool(false)
        case .number: self = .number(node.numberValue ?? 0)
        case .string: self = .string(node.stringValue ?? "")
        case .array:
            var elements: [JSONValue] = []
            elements.reserveCapacity(node.count)
            for element in node.elements ?? JSONTapeNode.Elements(array: node) { elements.append(JSONValue(element)) }
            self = .array(elements)
        case .object:
            var members = [String: JSONValue](minimumCapacity: node.count)
            for member in node.members { members[member.name.stringValue ?? ""] = JSONValue(member.value) }
            self = .object(members)
        }
    }
}
