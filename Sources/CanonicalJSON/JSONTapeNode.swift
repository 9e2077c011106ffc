/// One value of a `JSONTape`, as a reader sees it: its kind, its members or elements, and its scalar value read
/// on demand.
///
/// A node is three words over borrowed storage (no reference counting): it is valid only inside the
/// `JSONTape.withRoot` closure that handed it out.
public struct JSONTapeNode {
    let entries: UnsafeBufferPointer<JSONTapeEntry>
    let bytes: UnsafeBufferPointer<UInt8>
    let index: Int

    init(entries: UnsafeBufferPointer<JSONTapeEntry>, bytes: UnsafeBufferPointer<UInt8>, index: Int) {
        self.entries = entries
        self.bytes = bytes
        self.index = index
    }

    var entry: JSONTapeEntry { entries[index] }

    public var kind: JSONTapeKind { entries[index].kind }

    /// The number of members of an object or elements of an array; 0 for anything else.
    public var count: Int {
        switch kind {
        case .object, .array: Int(entries[index].payload)
        default: 0
        }
    }

    private func node(_ index: Int) -> JSONTapeNode { JSONTapeNode(entries: entries, bytes: bytes, index: index) }

    // MARK: Objects

    /// The value of the member `name`; `nil` when absent or when this is not an object.
    ///
    /// A linear scan comparing the name's bytes (the objects of an event hold a dozen members at most). A name
    /// with escapes or non-ASCII bytes, on either side, is compared as a `String`, as a `[String: JSONValue]`
    /// would compare it.
    public func member(_ name: JSONName) -> JSONTapeNode? {
        guard kind == .object else { return nil }
        var key = index + 1
        for _ in 0..<Int(entries[index].payload) {
            if name.matches(entries[key], in: bytes) { return node(key + 1) }
            key = Int(entries[key + 1].next)
        }
        return nil
    }

    /// The members of an object in document order, as (name, value); empty for anything else.
    public var members: Members { Members(object: self) }

    public struct Members: Sequence {
        let object: JSONTapeNode

        public func makeIterator() -> Iterator {
            Iterator(object: object, key: object.index + 1, remaining: object.kind == .object ? object.count : 0)
        }

        public struct Iterator: IteratorProtocol {
            let object: JSONTapeNode
            var key: Int
            var remaining: Int

            public mutating func next() -> (name: JSONTapeNode, value: JSONTapeNode)? {
                guard remaining > 0 else { return nil }
                remaining -= 1
                let member = (name: object.node(key), value: object.node(key + 1))
                key = Int(object.entries[key + 1].next)
                return member
            }
        }
    }

    // MARK: Arrays

    /// The elements of an array; `nil` for anything else.
    public var elements: Elements? { kind == .array ? Elements(array: self) : nil }

    /// An array's elements, walked by skipping each element's nested values.
    public struct Elements: Collection {
        let array: JSONTapeNode

        /// The tape index of an element (or of the entry after the array, for `endIndex`).
        public struct Index: Comparable {
            let entry: Int
            public static func < (a: Index, b: Index) -> Bool { a.entry < b.entry }
        }

        public var startIndex: Index { Index(entry: array.index + 1) }
        public var endIndex: Index { Index(entry: Int(array.entries[array.index].next)) }
        public var count: Int { array.count }
        public var isEmpty: Bool { array.count == 0 }
        public func index(after i: Index) -> Index { Index(entry: Int(array.entries[i.entry].next)) }
        public subscript(position: Index) -> JSONTapeNode { array.node(position.entry) }
    }
}
