/// A fixed set of ASCII strings (an envelope's member names, the event types) that a `JSONTapeNode` string is
/// looked up in by its bytes, without making a `String` of it or hashing it.
public struct JSONStringSet: Sendable {
    /// The strings, in the order given; `index(of:)` answers a position in it.
    public let strings: [String]
    private let set: Set<String>
    private let utf8: [[UInt8]]
    /// The `ByteComparison.prefixWord` of each string.
    private let prefixes: [UInt64]
    /// The positions in `strings` of the strings of each byte length.
    private let byLength: [[Int]]

    /// `strings` must be ASCII: only then is comparing bytes the same as comparing `String`s.
    public init(_ strings: [String]) {
        precondition(strings.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } }, "the strings of a JSONStringSet are ASCII")
        self.strings = strings
        self.set = Set(strings)
        self.utf8 = strings.map { Array($0.utf8) }
        self.prefixes = utf8.map { $0.withUnsafeBufferPointer(ByteComparison.prefixWord) }
        var byLength = [[Int]](repeating: [], count: (utf8.map(\.count).max() ?? 0) + 1)
        for (position, bytes) in utf8.enumerated() { byLength[bytes.count].append(position) }
        self.byLength = byLength
    }

    public func contains(_ string: String) -> Bool { set.contains(string) }

    /// The position in `strings` of the text of the string `node`; `nil` when it is none of them or not a string.
    /// By bytes when the text is plain ASCII, else as a `String` (so that a text written with escapes, or
    /// canonically equivalent to one of the strings, is judged as a parsed tree would judge it).
    public func index(of node: JSONTapeNode) -> Int? {
        guard node.kind == .string else { return nil }
        let entry = node.entry
        guard entry.isPlainString else { return node.stringValue.flatMap { strings.firstIndex(of: $0) } }
        let bytes = node.rawBytes(of: entry)
        guard bytes.count < byLength.count else { return nil }
        for position in byLength[bytes.count] where prefixes[position] == entry.payload {
            if bytes.count <= 8 || utf8[position].withUnsafeBufferPointer({ ByteComparison.equal($0, bytes) }) { return position }
        }
        return nil
    }
}
