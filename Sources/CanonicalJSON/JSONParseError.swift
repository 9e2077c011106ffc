/// Why `JSONParser` refused some bytes, and where.
///
/// A value, not a string: the ledger maps `kind` to its rule ids (`malformedJson`, …) and to Vietnamese
/// text, while `description` is an English message for logs and tests.
public struct JSONParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The class of fault. Every kind means the input is not acceptable JSON for TaskLedger.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// Not RFC 8259 JSON: a stray or missing character, a truncated value, NaN, a comment, a trailing comma…
        case malformed
        /// Bytes that are not well-formed UTF-8 (including overlong forms and encoded surrogates), or a
        /// `\u` escape of a lone surrogate.
        case invalidUTF8
        /// An object names the same member twice; `path` names it.
        case duplicateKey
        /// Arrays and objects nested deeper than the parser's `maxDepth`.
        case tooDeep
        /// A number too large for a double (it would become an infinity).
        case numberOutOfRange
    }

    public var kind: Kind
    /// The byte offset in the input where the fault was found.
    public var offset: Int
    /// For `duplicateKey`: the path of the repeated member, such as `payload.title` or `items[2].id`.
    public var path: String?
    /// What exactly is wrong, in words (the detail behind `kind`).
    public var detail: String

    public init(kind: Kind, offset: Int, path: String? = nil, detail: String) {
        self.kind = kind
        self.offset = offset
        self.path = path
        self.detail = detail
    }

    public var description: String {
        if let path {
            "\(detail) (at byte \(offset), member \(path))"
        } else {
            "\(detail) (at byte \(offset))"
        }
    }
}

extension JSONParseError {
    /// The text ended where `expected` should have been.
    static func endOfInput(_ bytes: UnsafeBufferPointer<UInt8>, expected: String) -> JSONParseError {
        JSONParseError(kind: .malformed, offset: bytes.count, detail: "the JSON text ends where \(expected) was expected")
    }
}
