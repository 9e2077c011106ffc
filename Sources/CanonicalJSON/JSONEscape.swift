/// The escapes of a JSON string (`\n`, `\u00e9`, `\uD83D\uDE00`): checked once by the tokenizer, decoded again
/// by the same function only when the string is read.
enum JSONEscape {
    /// The scalar the escape whose backslash is at `position` stands for, and how many bytes it spans.
    ///
    /// Refuses an unknown escape, a bad hex digit, the end of the text, and a `\u` escape of a lone surrogate
    /// (a high surrogate must be followed by the escape of a low one).
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int) throws(JSONParseError) -> (scalar: UInt32, length: Int) {
        guard position + 1 < bytes.count else { throw JSONParseError.endOfInput(bytes, expected: "an escape") }
        switch bytes[position + 1] {
        case ASCII.quote: return (UInt32(ASCII.quote), 2)
        case ASCII.backslash: return (UInt32(ASCII.backslash), 2)
        case ASCII.slash: return (UInt32(ASCII.slash), 2)
        case ASCII.b: return (0x08, 2)
        case ASCII.f: return (0x0C, 2)
        case ASCII.n: return (0x0A, 2)
        case ASCII.r: return (0x0D, 2)
        case ASCII.t: return (0x09, 2)
        case ASCII.u:
            let unit = try hex4(bytes, at: position + 2)
            if (0xD800...0xDBFF).contains(unit) {
                let lowStart = position + 6
                guard lowStart + 1 < bytes.count, bytes[lowStart] == ASCII.backslash, bytes[lowStart + 1] == ASCII.u else {
                    throw loneHighSurrogate(at: position)
                }
                let low = try hex4(bytes, at: lowStart + 2)
                guard (0xDC00...0xDFFF).contains(low) else { throw loneHighSurrogate(at: position) }
                return (0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00), 12)
            }
            if (0xDC00...0xDFFF).contains(unit) {
                throw JSONParseError(kind: .invalidUTF8, offset: position, detail: "lone low surrogate escape")
            }
            return (UInt32(unit), 6)
        default:
            throw JSONParseError(
                kind: .malformed,
                offset: position,
                detail: "unknown escape '\\\(ASCII.describe(bytes[position + 1]))' in a string"
            )
        }
    }

    private static func hex4(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) throws(JSONParseError) -> UInt16 {
        guard start + 4 <= bytes.count else { throw JSONParseError.endOfInput(bytes, expected: "four hex digits after \\u") }
        var value: UInt16 = 0
        for position in start..<start + 4 {
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case ASCII.zero...ASCII.nine: digit = byte - ASCII.zero
            case ASCII.a...ASCII.f: digit = byte - ASCII.a + 10
            case ASCII.A...ASCII.F: digit = byte - ASCII.A + 10
            default:
                throw JSONParseError(
                    kind: .malformed,
                    offset: position,
                    detail: "expected a hex digit in a \\u escape, found \(ASCII.describe(byte))"
                )
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    private static func loneHighSurrogate(at position: Int) -> JSONParseError {
        JSONParseError(
            kind: .invalidUTF8,
            offset: position,
            detail: "the escape of a high surrogate must be followed by the escape of a low surrogate"
        )
    }

    /// Writes `scalar` as UTF-8 at `out[count...]` and advances `count`; `out` must have room for four bytes.
    static func appendUTF8(_ scalar: UInt32, to out: UnsafeMutableBufferPointer<UInt8>, count: inout Int) {
        switch scalar {
        case 0..<0x80:
            out[count] = UInt8(scalar)
            count += 1
        case 0x80..<0x800:
            out[count] = UInt8(0xC0 | scalar >> 6)
            out[count + 1] = UInt8(0x80 | scalar & 0x3F)
            count += 2
        case 0x800..<0x10000:
            out[count] = UInt8(0xE0 | scalar >> 12)
            out[count + 1] = UInt8(0x80 | scalar >> 6 & 0x3F)
            out[count + 2] = UInt8(0x80 | scalar & 0x3F)
            count += 3
        default:
            out[count] = UInt8(0xF0 | scalar >> 18)
            out[count + 1] = UInt8(0x80 | scalar >> 12 & 0x3F)
            out[count + 2] = UInt8(0x80 | scalar >> 6 & 0x3F)
            out[count + 3] = UInt8(0x80 | scalar & 0x3F)
            count += 4
        }
    }
}
