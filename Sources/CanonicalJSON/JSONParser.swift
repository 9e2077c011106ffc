/// The strict JSON parser every input of TaskLedger goes through: command bodies, imported lines and
/// stored events.
///
/// It accepts exactly RFC 8259 and refuses what other parsers let through, because anything it let through
/// would be hashed into the chain: invalid UTF-8 (also overlong forms and encoded surrogates), `\u`
/// escapes of lone surrogates, NaN/Infinity, a leading `+` or leading zeros, trailing commas, comments,
/// unescaped control characters in strings, duplicate keys in any object, nesting deeper than `maxDepth`,
/// and numbers that overflow a double.
///
/// It reads the text onto a `JSONTape` and builds the tree from it, so a reader that works on the tape
/// directly (replay) accepts exactly what this parser accepts.
public enum JSONParser {
    /// The nesting depth `parse` allows unless told otherwise; TaskLedger's documents nest a few levels.
    public static let defaultMaxDepth = 64

    /// The largest `maxDepth` a caller may ask for: building the tree recurses once per level, and this keeps
    /// it well inside the smallest thread stack it may run on.
    public static let maxDepthLimit = 1024

    /// Parses exactly one JSON value, with optional whitespace around it.
    ///
    /// `maxDepth` counts arrays and objects: `[[1]]` has depth 2. It must be in `0...maxDepthLimit`.
    public static func parse(_ bytes: some Collection<UInt8>, maxDepth: Int = defaultMaxDepth) throws(JSONParseError) -> JSONValue {
        let contiguous = bytes.withContiguousStorageIfAvailable { parse(buffer: $0, maxDepth: maxDepth) }
        let result = contiguous ?? Array(bytes).withUnsafeBufferPointer { parse(buffer: $0, maxDepth: maxDepth) }
        return try result.get()
    }

    /// Parses the UTF-8 form of `text`; see `parse(_:maxDepth:)` for bytes.
    public static func parse(_ text: String, maxDepth: Int = defaultMaxDepth) throws(JSONParseError) -> JSONValue {
        var text = text
        return try text.withUTF8 { parse(buffer: $0, maxDepth: maxDepth) }.get()
    }

    private static func parse(buffer: UnsafeBufferPointer<UInt8>, maxDepth: Int) -> Result<JSONValue, JSONParseError> {
        var tape = JSONTape()
        do throws(JSONParseError) {
            try tape.parse(buffer, maxDepth: maxDepth)
        } catch {
            return .failure(error)
        }
        return .success(tape.withRoot { JSONValue($0) })
    }
}
