/// A parsed JSON document as a flat list of values over the bytes it was read from, for reading stored events
/// without building a `JSONValue` tree: no dictionary, no string and no array is made until a reader asks for
/// one value.
///
/// `parse` checks the text exactly as `JSONParser` does (it is the same tokenizer, so the two accept the same
/// documents and refuse the rest with the same errors); `withRoot` then hands out `JSONTapeNode`s. One tape is
/// meant to be reused for many documents: its storage is kept between `parse` calls, so a replay allocates it
/// once.
///
/// The tape borrows the bytes of its last `parse`: they must stay valid and unchanged while `withRoot` runs,
/// and nodes must not escape its closure.
public struct JSONTape {
    private var entries: [JSONTapeEntry] = []
    private var frames: [JSONTokenizer.Frame] = []
    private var keys: [Int] = []
    private var bytes = UnsafeBufferPointer<UInt8>(start: nil, count: 0)

    public init() {}

    /// Reads one JSON document (optional whitespace around one value), refusing it as `JSONParser.parse` would.
    ///
    /// `maxDepth` counts arrays and objects, as for `JSONParser.parse`; it must be in `0...JSONParser.maxDepthLimit`.
    public mutating func parse(_ bytes: UnsafeRawBufferPointer, maxDepth: Int = JSONParser.defaultMaxDepth) throws(JSONParseError) {
        try parse(bytes.bindMemory(to: UInt8.self), maxDepth: maxDepth)
    }

    public mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int = JSONParser.defaultMaxDepth) throws(JSONParseError) {
        precondition((0...JSONParser.maxDepthLimit).contains(maxDepth), "maxDepth must be in 0...\(JSONParser.maxDepthLimit)")
        self.bytes = UnsafeBufferPointer(start: nil, count: 0)
        var tokenizer = JSONTokenizer(bytes: bytes, maxDepth: maxDepth, entries: [], frames: [], keys: [])
        swap(&tokenizer.entries, &entries)
        swap(&tokenizer.frames, &frames)
        swap(&tokenizer.keys, &keys)
        defer {
            swap(&tokenizer.entries, &entries)
            swap(&tokenizer.frames, &frames)
            swap(&tokenizer.keys, &keys)
        }
        do throws(JSONParseError) {
            try tokenizer.tokenizeDocument()
        } catch {
            tokenizer.entries.removeAll(keepingCapacity: true)
            throw error
        }
        self.bytes = bytes
    }

    /// Calls `body` with the document's value. Only after a `parse` that succeeded.
    public func withRoot<Result, Failure: Error>(_ body: (JSONTapeNode) throws(Failure) -> Result) throws(Failure) -> Result {
        precondition(!entries.isEmpty, "withRoot needs a document: parse one first")
        return try entries.withUnsafeBufferPointer { (entries) throws(Failure) -> Result in
            try body(JSONTapeNode(entries: entries, bytes: bytes, index: 0))
        }
    }
}
