/// The kind of one value on a `JSONTape`.
public enum JSONTapeKind: UInt8, Sendable {
    case null
    case `false`
    case `true`
    case number
    case string
    case array
    case object
}

/// One value on a `JSONTape`: its kind, where its bytes are, and where the value after it starts.
///
/// Flat and free of references (24 bytes), so that a whole event is one reused array of these and walking
/// it costs no reference counting. Offsets are `UInt32`: `JSONTape` refuses texts of 4 GiB or more.
struct JSONTapeEntry {
    /// A number's `Double` bit pattern; an object's member count or an array's element count; a string's first
    /// eight bytes as written (`ByteComparison.prefixWord`), so that names compare in one step; else 0.
    var payload: UInt64
    /// The offset of the value's first byte; for a string, of the first byte after its opening quote.
    var start: UInt32
    /// The offset just past the value; for a string, of its closing quote.
    var end: UInt32
    /// The index of the entry after this value and everything nested in it.
    var next: UInt32
    var kind: JSONTapeKind
    /// For a string: `escaped` and `nonASCII`, so that reading it can take the plain path.
    var flags: UInt8

    /// The string holds at least one escape, so its text is not a slice of the input.
    static let escaped: UInt8 = 1
    /// The string holds a byte of 0x80 or more, so comparing it by bytes is not comparing it as a `String`.
    static let nonASCII: UInt8 = 2

    /// An ASCII string without escapes: its bytes are its text and `String` equality is byte equality.
    var isPlainString: Bool { flags == 0 }
}
