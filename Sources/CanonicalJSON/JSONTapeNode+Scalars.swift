extension JSONTapeNode {
    public var isNull: Bool { kind == .null }

    public var boolValue: Bool? {
        switch kind {
        case .true: true
        case .false: false
        default: nil
        }
    }

    /// A number's value (converted once, by the tokenizer, which had to check that it fits a double).
    public var numberValue: Double? { kind == .number ? Double(bitPattern: entries[index].payload) : nil }

    /// A string's text, decoded now: a slice of the input when it has no escape.
    public var stringValue: String? { kind == .string ? Self.text(of: entries[index], in: bytes) : nil }

    /// Calls `body` with a string's UTF-8 bytes, without making a `String`: the input's own bytes when the string
    /// has no escape, else its decoded bytes in a temporary buffer. `nil` when this is not a string.
    public func withUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result? {
        guard kind == .string else { return nil }
        let entry = entries[index]
        let raw = UnsafeBufferPointer(rebasing: bytes[Int(entry.start)..<Int(entry.end)])
        if entry.flags & JSONTapeEntry.escaped == 0 { return body(raw) }
        var text = Self.text(of: entry, in: bytes)
        return text.withUTF8(body)
    }

    /// A short name of the JSON type, for error messages (`"string"`, `"object"`, …), as `JSONValue.typeName`.
    public var typeName: String {
        switch kind {
        case .null: "null"
        case .true, .false: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// The text of the string `entry`: its bytes when it has no escape, else decoded into the new string's own
    /// storage (escapes only shrink, so the raw length bounds it; four bytes spare for the U+FFFD below). The tokenizer checked the escapes; were one
    /// bad anyway, it would become U+FFFD, never a trap.
    static func text(of entry: JSONTapeEntry, in bytes: UnsafeBufferPointer<UInt8>) -> String {
        let raw = UnsafeBufferPointer(rebasing: bytes[Int(entry.start)..<Int(entry.end)])
        guard entry.flags & JSONTapeEntry.escaped != 0 else { return String(decoding: raw, as: UTF8.self) }
        return String(unsafeUninitializedCapacity: raw.count + 4) { out in
            var count = 0
            var position = 0
            while position < raw.count {
                guard raw[position] == ASCII.backslash else {
                    out[count] = raw[position]
                    count += 1
                    position += 1
                    continue
                }
                let escape = (try? JSONEscape.decode(raw, at: position)) ?? (scalar: 0xFFFD, length: raw.count - position)
                JSONEscape.appendUTF8(escape.scalar, to: out, count: &count)
                position += escape.length
            }
            return count
        }
    }
}
