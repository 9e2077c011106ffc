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
        for (position, byte) in bytes.enumerated() where byte < 0x20 || byte == ASCII.quote || byte == ASCII.backslash {
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
            runStart = position + 1
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

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
