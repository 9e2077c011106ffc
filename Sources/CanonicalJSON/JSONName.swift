/// The name of a member that readers look up, prepared for comparing with strings on a tape: its UTF-8 length,
/// first eight bytes (`ByteComparison.prefixWord`) and whether it is ASCII. Most tape strings then differ from it
/// in one comparison of two words, without touching the document's bytes.
///
/// Written as a string literal (`"taskId"`): a literal is a `StaticString`, whose bytes, length and ASCII-ness
/// are known without copying anything, and the name holds no reference, so preparing one for every lookup of
/// every replayed event costs almost nothing.
public struct JSONName: ExpressibleByStringLiteral, CustomStringConvertible, Sendable {
    @usableFromInline let literal: StaticString
    /// The length of the name in UTF-8 bytes.
    @usableFromInline let count: Int
    @usableFromInline let prefix: UInt64
    @usableFromInline let isASCII: Bool

    /// Inlinable so that a lookup by a literal name folds to a few instructions where it is written.
    @inlinable
    public init(stringLiteral literal: StaticString) {
        self.literal = literal
        if literal.hasPointerRepresentation {
            // The common case, read straight from the literal: no closure, no scan for ASCII.
            count = literal.utf8CodeUnitCount
            prefix = ByteComparison.prefixWord(literal.utf8Start, count: count)
            isASCII = literal.isASCII
        } else {
            (count, prefix, isASCII) = literal.withUTF8Buffer {
                ($0.count, ByteComparison.prefixWord($0.baseAddress, count: $0.count), $0.allSatisfy { $0 < 0x80 })
            }
        }
    }

    /// The name as a `String` (for a tree's dictionary and for messages).
    public var description: String { literal.description }

    /// Whether the string `entry` reads as this name. By bytes when both are plain ASCII; else as `String`s, as a
    /// `[String: JSONValue]` would compare them (an escaped or canonically equivalent text matches).
    @inline(__always)
    func matches(_ entry: JSONTapeEntry, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard entry.isPlainString && isASCII else { return JSONTapeNode.text(of: entry, in: bytes) == description }
        guard entry.payload == prefix && Int(entry.end &- entry.start) == count else { return false }
        if count <= 8 { return true }
        return literal.withUTF8Buffer { ByteComparison.equal($0, UnsafeBufferPointer(rebasing: bytes[Int(entry.start)..<Int(entry.end)])) }
    }
}
