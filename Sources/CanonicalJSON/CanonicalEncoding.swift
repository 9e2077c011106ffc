/// The RFC 8785 JSON Canonicalization Scheme: the one byte form of a value that TaskLedger hashes, stores
/// and exports, so that anyone can recompute an event's hash from its content alone.
extension JSONValue {
    /// The canonical bytes: no whitespace, members sorted by UTF-16 code units, the minimal string
    /// escapes, and numbers as ECMAScript writes them.
    public var canonicalBytes: [UInt8] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(128)
        canonicalBytes(into: &buffer)
        return buffer
    }

    /// Appends the canonical bytes to `buffer`, so that a caller writing many values reuses one buffer.
    public func canonicalBytes(into buffer: inout [UInt8]) {
        switch self {
        case .null:
            buffer.append(contentsOf: Literal.null)
        case .bool(let value):
            buffer.append(contentsOf: value ? Literal.true : Literal.false)
        case .number(let value):
            ECMAScriptNumber.append(value, to: &buffer)
        case .string(let value):
            CanonicalString.append(value, to: &buffer)
        case .array(let elements):
            buffer.append(ASCII.openBracket)
            for (position, element) in elements.enumerated() {
                if position > 0 { buffer.append(ASCII.comma) }
                element.canonicalBytes(into: &buffer)
            }
            buffer.append(ASCII.closeBracket)
        case .object(let members):
            buffer.append(ASCII.openBrace)
            let sorted = members.sorted { UTF16KeyOrder.precedes($0.key, $1.key) }
            for (position, member) in sorted.enumerated() {
                if position > 0 { buffer.append(ASCII.comma) }
                CanonicalString.append(member.key, to: &buffer)
                buffer.append(ASCII.colon)
                member.value.canonicalBytes(into: &buffer)
            }
            buffer.append(ASCII.closeBrace)
        }
    }

    /// The canonical form as text (it is always valid UTF-8).
    public var canonicalString: String {
        String(decoding: canonicalBytes, as: UTF8.self)
    }
}
