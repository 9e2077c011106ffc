/// Writes a string as RFC 8785 requires (section 3.2.2.2): `"` and `\` escaped, the controls below
/// U+0020 as `\b \t \n \f \r` or else `\u00xx` in lowercase hex, and every other character as its
/// literal UTF-8 bytes (no `\/`, no escapes of non-ASCII).
enum CanonicalString {
    static func append(_ string: String, to buffer: inout [UInt8]) {
        buffer.append(ASCII.quote)
        let done: Void? = string.utf8.withContiguousStorageIfAvailable { appendEscaped($0, to: &buffer) }
        if done == nil {
            appendEscaped(Array(string.utf8), to: &buffer)
        }
        buffer.append(ASCII.quote)
    }

    private static func appendEscaped(_ bytes: [UInt8], to buffer: inout [UInt8]) {
        bytes.withUnsafeBufferPointer { appendEscaped($0, to: &buffer) }
    }

    /// Copies runs of bytes that need no escape in one go; only the escapes are written byte by byte.
    private static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to buffer: inout [UInt8]) {
        var runStart = 0
        var position = 0
        while position < bytes.count {
            position = endOfPlainBytes(bytes, from: position)
            guard position < bytes.count else { break }
            let byte = bytes[position]
            guard byte < 0x20 || byte == ASCII.quote || byte == ASCII.backslash else {
                position += 1
                continue
            }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
            position += 1
            runStart = position
            buffer.append(ASCII.backslash)
            switch byte {
            case ASCII.quote: buffer.append(ASCII.quote)
            case ASCII.backslash: buffer.append(ASCII.backslash)
            case 0x08: buffer.append(ASCII.b)
            case 0x09: buffer.append(ASCII.t)
            case 0x0A: buffer.append(ASCII.n)
            case 0x0C: buffer.append(ASCII.f)
            case 0x0D: buffer.append(ASCII.r)
            default:
                buffer.append(ASCII.u)
                buffer.append(ASCII.zero)
                buffer.append(ASCII.zero)
                buffer.append(hexDigits[Int(byte >> 4)])
                buffer.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
    }

    /// The first position from `start`, in steps of eight, whose eight bytes might need an escape
    /// (a control character, `"` or `\`); the bit tricks are those of `JSONReader.skipPlainASCII`,
    /// except that non-ASCII bytes pass, since they are written as they are.
    @inline(__always)
    private static func endOfPlainBytes(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = bytes.baseAddress else { return start }
        var position = start
        while position + 8 <= bytes.count {
            if StringStops.mask(UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)) != 0 { return position }
            position += 8
        }
        return position
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
