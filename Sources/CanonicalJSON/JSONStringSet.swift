/// A fixed set of ASCII strings (an envelope's member names, the event types) that a `JSONTapeNode` string is
/// looked up in by its bytes, without making a `String` of it or hashing it.
public struct JSONStringSet: Sendable {
    /// The strings, in the order given; `index(of:)` answers a position in it.
    public let strings: [String]
    private let set: Set<String>
    /// Each string's length and `ByteComparison.prefixWord`, and where its bytes start in `utf8`.
    private let keys: [(count: Int, prefix: UInt64, offset: Int)]
    private let utf8: [UInt8]

    /// `strings` must be ASCII: only then is comparing bytes the same as comparing `String`s.
    public init(_ strings: [String]) {
        precondition(strings.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } }, "the strings of a JSONStringSet are ASCII")
        self.strings = strings
        self.set = Set(strings)
        var keys: [(count: Int, prefix: UInt64, offset: Int)] = []
        var utf8: [UInt8] = []
        for string in strings {
            let bytes = Array(string.utf8)
            keys.append((bytes.count, bytes.withUnsafeBufferPointer(ByteComparison.prefixWord), utf8.count))
            utf8 += bytes
        }
        self.keys = keys
        self.utf8 = utf8
    }

    public func contains(_ string: String) -> Bool { set.contains(string) }

    /// The position in `strings` of the text of the string `node`; `nil` when it is none of them or not a string.
    /// By bytes when the text is plain ASCII, else as a `String` (so that a text written with escapes, or
    /// canonically equivalent to one of the strings, is judged as a parsed tree would judge it).
    public func index(of node: JSONTapeNode) -> Int? {
        guard node.kind == .string else { return nil }
        let entry = node.entry
        guard entry.isPlainString else { return node.stringValue.flatMap { strings.firstIndex(of: $0) } }
        let count = Int(entry.end &- entry.start)
        return utf8.withUnsafeBufferPointer { utf8 in
            keys.withUnsafeBufferPointer { keys in
                for position in keys.indices where keys[position].prefix == entry.payload && keys[position].count == count {
                    if count <= 8 { return position }
                    let candidate = UnsafeBufferPointer(rebasing: utf8[keys[position].offset..<keys[position].offset + count])
                    if ByteComparison.equal(candidate, UnsafeBufferPointer(rebasing: node.bytes[Int(entry.start)..<Int(entry.end)])) {
                        return position
                    }
                }
                return nil
            }
        }
    }
}
