/// The strict one-pass tokenizer behind `JSONTape`, and so behind `JSONParser`: it checks everything the
/// parser refuses (see `JSONParser`) and writes one flat `JSONTapeEntry` per value, in document order.
///
/// It does not recurse (an explicit stack of open containers), decodes no string and copies nothing: a string
/// is recorded as its byte range with flags saying whether it holds escapes or non-ASCII bytes; a number is
/// converted once, here, because a number too large for a double must be refused wherever it stands.
/// Every read is bounds-checked against `bytes.count`, so truncated or random input ends in a
/// `JSONParseError`, never in a trap.
struct JSONTokenizer {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let maxDepth: Int
    private var index = 0
    /// The tape being written; borrowed from the `JSONTape` for the run so that its storage is reused.
    var entries: [JSONTapeEntry]
    /// The containers open at `index`, innermost last.
    var frames: [Frame]
    /// The key entries of the object being closed, reused for the duplicate-key check.
    var keys: [Int]

    struct Frame {
        /// The container's entry.
        var entry: Int
        var isObject: Bool
        /// Members or elements finished so far.
        var count: Int
        /// For an object: the entry of the key of the member being read (for the path of a duplicate key).
        var key: Int
    }

    init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int, entries: [JSONTapeEntry], frames: [Frame], keys: [Int]) {
        self.bytes = bytes
        self.maxDepth = maxDepth
        self.entries = entries
        self.frames = frames
        self.keys = keys
    }

    mutating func tokenizeDocument() throws(JSONParseError) {
        entries.removeAll(keepingCapacity: true)
        frames.removeAll(keepingCapacity: true)
        guard bytes.count < Int(UInt32.max) else {
            throw JSONParseError(kind: .malformed, offset: 0, detail: "the JSON text is 4 GiB or more")
        }
        skipWhitespace()
        try tokenizeValues()
        skipWhitespace()
        guard index == bytes.count else {
            throw fault(.malformed, "unexpected \(ASCII.describe(bytes, at: index)) after the JSON value; a document holds exactly one value")
        }
    }

    // MARK: Values

    /// Reads one value at `index`, with everything nested in it, as a loop over "read a value" and "after a
    /// value" (which closes the containers that end there) instead of recursion.
    private mutating func tokenizeValues() throws(JSONParseError) {
        while true {
            guard try tokenizeValue() else { continue }
            afterValue: while let frame = frames.last {
                frames[frames.count - 1].count += 1
                skipWhitespace()
                if frame.isObject {
                    guard index < bytes.count else { throw endOfInput("',' or '}'") }
                    switch bytes[index] {
                    case ASCII.comma:
                        index += 1
                        skipWhitespace()
                        try tokenizeMemberName()
                        break afterValue
                    case ASCII.closeBrace:
                        index += 1
                        try closeContainer()
                    default:
                        throw fault(.malformed, "expected ',' or '}' after an object member, found \(ASCII.describe(bytes, at: index))")
                    }
                } else {
                    guard index < bytes.count else { throw endOfInput("',' or ']'") }
                    switch bytes[index] {
                    case ASCII.comma:
                        index += 1
                        skipWhitespace()
                        guard index < bytes.count else { throw endOfInput("a value") }
                        if bytes[index] == ASCII.closeBracket { throw fault(.malformed, "trailing comma before ']'") }
                        break afterValue
                    case ASCII.closeBracket:
                        index += 1
                        try closeContainer()
                    default:
                        throw fault(.malformed, "expected ',' or ']' after an array element, found \(ASCII.describe(bytes, at: index))")
                    }
                }
            }
            if frames.isEmpty { return }
        }
    }

    /// Reads the value at `index`. `true` when it is complete (a scalar, `{}` or `[]`); `false` when it opened a
    /// container whose first value comes next.
    private mutating func tokenizeValue() throws(JSONParseError) -> Bool {
        guard index < bytes.count else { throw endOfInput("a value") }
        let start = index
        switch bytes[index] {
        case ASCII.openBrace:
            try openContainer(.object)
            if index < bytes.count, bytes[index] == ASCII.closeBrace {
                index += 1
                try closeContainer()
                return true
            }
            try tokenizeMemberName()
            return false
        case ASCII.openBracket:
            try openContainer(.array)
            if index < bytes.count, bytes[index] == ASCII.closeBracket {
                index += 1
                try closeContainer()
                return true
            }
            return false
        case ASCII.quote:
            try tokenizeString()
        case ASCII.t:
            try expectLiteral(Literal.true)
            append(.true, from: start)
        case ASCII.f:
            try expectLiteral(Literal.false)
            append(.false, from: start)
        case ASCII.n:
            try expectLiteral(Literal.null)
            append(.null, from: start)
        case ASCII.minus, ASCII.zero...ASCII.nine:
            let value = try parseNumber()
            append(.number, from: start, payload: value.bitPattern)
        case ASCII.N, ASCII.I: throw fault(.malformed, "NaN and Infinity are not JSON numbers")
        case ASCII.plus: throw fault(.malformed, "a JSON number cannot start with '+'")
        case ASCII.slash: throw fault(.malformed, "JSON has no comments")
        default: throw fault(.malformed, "expected a JSON value, found \(ASCII.describe(bytes, at: index))")
        }
        return true
    }

    private mutating func append(_ kind: JSONTapeKind, from start: Int, payload: UInt64 = 0, flags: UInt8 = 0) {
        let next = UInt32(truncatingIfNeeded: entries.count + 1)
        entries.append(
            JSONTapeEntry(
                payload: payload,
                start: UInt32(truncatingIfNeeded: start),
                end: UInt32(truncatingIfNeeded: index),
                next: next,
                kind: kind,
                flags: flags
            )
        )
    }

    /// Reads a member name and its colon, leaving `index` at the member's value.
    private mutating func tokenizeMemberName() throws(JSONParseError) {
        guard index < bytes.count else { throw endOfInput("a member name") }
        guard bytes[index] == ASCII.quote else {
            if bytes[index] == ASCII.closeBrace { throw fault(.malformed, "trailing comma before '}'") }
            throw fault(.malformed, "expected a member name in double quotes, found \(ASCII.describe(bytes, at: index))")
        }
        frames[frames.count - 1].key = entries.count
        try tokenizeString()
        skipWhitespace()
        guard index < bytes.count else { throw endOfInput("':'") }
        guard bytes[index] == ASCII.colon else {
            throw fault(.malformed, "expected ':' after the member name, found \(ASCII.describe(bytes, at: index))")
        }
        index += 1
        skipWhitespace()
    }

    // MARK: Containers

    private mutating func openContainer(_ kind: JSONTapeKind) throws(JSONParseError) {
        guard frames.count < maxDepth else {
            throw fault(.tooDeep, "arrays and objects are nested deeper than \(maxDepth) levels")
        }
        frames.append(Frame(entry: entries.count, isObject: kind == .object, count: 0, key: 0))
        append(kind, from: index)
        index += 1
        skipWhitespace()
    }

    /// Closes the innermost container (its closing byte is just before `index`): records its size and extent,
    /// and refuses a repeated member name.
    private mutating func closeContainer() throws(JSONParseError) {
        guard let frame = frames.popLast() else { return }
        entries[frame.entry].payload = UInt64(frame.count)
        entries[frame.entry].end = UInt32(truncatingIfNeeded: index)
        entries[frame.entry].next = UInt32(truncatingIfNeeded: entries.count)
        if frame.isObject, frame.count > 1 { try checkDistinctKeys(of: frame) }
    }

    /// Member names are compared as `String`s, as a `[String: JSONValue]` would (so `"\u0061"` repeats `"a"`).
    ///
    /// Stored events are canonical, so their names are plain ASCII in strictly increasing byte order, which
    /// proves them distinct in one pass. Any other object: a small one compares its names pairwise (plain
    /// ASCII names by bytes), a large one goes through a set so that a hostile object of many members costs
    /// linear time.
    private mutating func checkDistinctKeys(of frame: Frame) throws(JSONParseError) {
        if namesAscend(in: frame) { return }
        keys.removeAll(keepingCapacity: true)
        var position = frame.entry + 1
        for _ in 0..<frame.count {
            keys.append(position)
            position = Int(entries[position + 1].next)
        }
        var repeated: Int?
        if keys.count <= 16 {
            search: for later in 1..<keys.count {
                for earlier in 0..<later where sameName(keys[later], keys[earlier]) {
                    repeated = later
                    break search
                }
            }
        } else {
            var seen = Set<String>(minimumCapacity: keys.count)
            repeated = keys.indices.first { !seen.insert(name(keys[$0])).inserted }
        }
        guard let repeated else { return }
        let entry = entries[keys[repeated]]
        let key = name(keys[repeated])
        throw JSONParseError(
            kind: .duplicateKey,
            offset: Int(entry.start) - 1,
            path: duplicatePath(key),
            detail: "the member \"\(key)\" appears twice in one object"
        )
    }

    /// Whether the object's names are all plain ASCII and each sorts strictly after the one before.
    private func namesAscend(in frame: Frame) -> Bool {
        var previous = entries[frame.entry + 1]
        guard previous.isPlainString else { return false }
        var position = Int(entries[frame.entry + 2].next)
        for _ in 1..<frame.count {
            let entry = entries[position]
            guard entry.isPlainString, ByteComparison.lessThan(raw(previous), prefixA: previous.payload, raw(entry), prefixB: entry.payload)
            else { return false }
            previous = entry
            position = Int(entries[position + 1].next)
        }
        return true
    }

    private func raw(_ entry: JSONTapeEntry) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[Int(entry.start)..<Int(entry.end)])
    }

    private func sameName(_ a: Int, _ b: Int) -> Bool {
        let first = entries[a]
        let second = entries[b]
        guard first.isPlainString && second.isPlainString else { return name(a) == name(b) }
        return first.payload == second.payload && ByteComparison.equal(raw(first), raw(second))
    }

    private func name(_ entry: Int) -> String { JSONTapeNode.text(of: entries[entry], in: bytes) }

    /// `key` seen from the document: `payload.title`, `items[2].id`, from the containers still open.
    private func duplicatePath(_ key: String) -> String {
        var path = key
        for frame in frames.reversed() {
            let component = frame.isObject ? name(frame.key) : "[\(frame.count)]"
            path = path.hasPrefix("[") ? component + path : component + "." + path
        }
        return path
    }

    private mutating func expectLiteral(_ literal: [UInt8]) throws(JSONParseError) {
        let start = index
        for expected in literal {
            guard index < bytes.count, bytes[index] == expected else {
                index = start
                throw fault(.malformed, "expected a JSON value, found \(ASCII.describe(bytes, at: start))")
            }
            index += 1
        }
    }

    // MARK: Strings

    /// Checks the string at `index` (its opening quote) and records its range between the quotes.
    ///
    /// Plain ASCII runs are skipped eight bytes at a time, straight to the next special byte, so that text with
    /// letters beyond ASCII (Vietnamese) costs one step per such letter, not one per byte.
    private mutating func tokenizeString() throws(JSONParseError) {
        let start = index + 1
        let (end, flags) = try Self.scanString(bytes, from: start)
        index = end
        entries.append(
            JSONTapeEntry(
                payload: ByteComparison.prefixWord(UnsafeBufferPointer(rebasing: bytes[start..<end])),
                start: UInt32(truncatingIfNeeded: start),
                end: UInt32(truncatingIfNeeded: index),
                next: UInt32(truncatingIfNeeded: entries.count + 1),
                kind: .string,
                flags: flags
            )
        )
        index += 1
    }

    /// The offset of the closing quote of the string whose text starts at `start`, and its flags. Static, over
    /// locals: the tokenizer's own state stays in registers through the loop.
    ///
    /// Two steps per run of text: find the next byte that ends the run (a quote, a backslash, a control
    /// character), eight bytes at a time whatever the other bytes are, then check the UTF-8 of the run only if
    /// it held a byte beyond ASCII. An invalid sequence lies before that byte, so it is still the first fault
    /// reported, as a byte-by-byte scan would.
    private static func scanString(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) throws(JSONParseError) -> (end: Int, flags: UInt8) {
        var index = start
        var flags: UInt8 = 0
        while true {
            let (stop, beyondASCII) = nextStop(bytes, from: index)
            if beyondASCII {
                flags |= JSONTapeEntry.nonASCII
                try checkUTF8(bytes, index..<stop)
            }
            guard stop < bytes.count else { throw JSONParseError.endOfInput(bytes, expected: "the closing '\"' of a string") }
            let byte = bytes[stop]
            if byte == ASCII.quote { return (stop, flags) }
            if byte == ASCII.backslash {
                flags |= JSONTapeEntry.escaped
                index = stop + (try JSONEscape.decode(bytes, at: stop).length)
            } else {
                throw JSONParseError(kind: .malformed, offset: stop, detail: "control character \(ASCII.describe(byte)) in a string must be escaped")
            }
        }
    }

    /// The next quote, backslash or control character at or after `start` (or `bytes.count`), and whether a byte
    /// beyond ASCII came before it; eight bytes at a time (`StringStops`).
    @inline(__always)
    private static func nextStop(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (stop: Int, beyondASCII: Bool) {
        var index = start
        var highBitsSeen: UInt64 = 0
        let highBits: UInt64 = 0x8080_8080_8080_8080
        if let base = bytes.baseAddress {
            while index + 8 <= bytes.count {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                let stops = StringStops.mask(word)
                if stops != 0 {
                    let offset = stops.trailingZeroBitCount >> 3
                    let before: UInt64 = offset == 0 ? 0 : ~0 >> (64 - 8 * offset)
                    return (index + offset, (highBitsSeen | (word & highBits & before)) != 0)
                }
                highBitsSeen |= word & highBits
                index += 8
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x20 || byte == ASCII.quote || byte == ASCII.backslash { break }
            highBitsSeen |= UInt64(byte & 0x80)
            index += 1
        }
        return (index, highBitsSeen != 0)
    }

    /// Checks that `bytes[range]` is well-formed UTF-8, as if the text ended at its upper bound: a sequence cut
    /// there is refused at its lead byte, as it would be by the quote or control character that cuts it.
    private static func checkUTF8(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) throws(JSONParseError) {
        let run = UnsafeBufferPointer(rebasing: bytes[..<range.upperBound])
        var index = range.lowerBound
        while index < range.upperBound {
            if run[index] < 0x80 {
                index += 1
            } else {
                index += try utf8SequenceLength(run, at: index)
            }
        }
    }

    /// The length of the well-formed multi-byte UTF-8 sequence at `position`, following Table 3-7 of the
    /// Unicode Standard, which excludes overlong forms, surrogates and code points above U+10FFFF.
    @inline(__always)
    private static func utf8SequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int) throws(JSONParseError) -> Int {
        let lead = bytes[position]
        // The sequences of Vietnamese text first, checked inline: two bytes (lead C2–DF), and three bytes with a
        // lead whose second byte may be any continuation byte (E1–EC, EE–EF). The rest follows the table below.
        if lead &- 0xC2 <= 0xDF - 0xC2, position + 1 < bytes.count, bytes[position + 1] & 0xC0 == 0x80 { return 2 }
        if lead &- 0xE1 <= 0xEC - 0xE1 || lead &- 0xEE <= 1, position + 2 < bytes.count, bytes[position + 1] & 0xC0 == 0x80,
            bytes[position + 2] & 0xC0 == 0x80
        {
            return 3
        }
        return try checkedSequenceLength(bytes, at: position)
    }

    private static func checkedSequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int) throws(JSONParseError) -> Int {
        let lead = bytes[position]
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        let length: Int
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            high = 0x9F
        case 0xF0:
            length = 4
            low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            high = 0x8F
        default: throw invalidUTF8(at: position)
        }
        guard position + length <= bytes.count else { throw invalidUTF8(at: position) }
        let second = bytes[position + 1]
        guard second >= low && second <= high else { throw invalidUTF8(at: position) }
        for offset in 2..<length where bytes[position + offset] & 0xC0 != 0x80 {
            throw invalidUTF8(at: position)
        }
        return length
    }

    private static func invalidUTF8(at position: Int) -> JSONParseError {
        JSONParseError(kind: .invalidUTF8, offset: position, detail: "the text is not well-formed UTF-8")
    }

    // MARK: Numbers

    private mutating func parseNumber() throws(JSONParseError) -> Double {
        let start = index
        var negative = false
        if bytes[index] == ASCII.minus {
            negative = true
            index += 1
        }
        // Up to 19 significant digits fit a UInt64; more send the number to the exact slow path.
        var significand: UInt64 = 0
        var significantDigits = 0
        var fractionDigits = 0
        guard index < bytes.count, isDigit(bytes[index]) else {
            throw fault(.malformed, "expected a digit in a number, found \(ASCII.describe(bytes, at: index))")
        }
        if bytes[index] == ASCII.zero {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) {
                throw fault(.malformed, "a JSON number cannot have leading zeros")
            }
        } else {
            while index < bytes.count, isDigit(bytes[index]) {
                accumulate(bytes[index], into: &significand, digits: &significantDigits)
                index += 1
            }
        }
        if index < bytes.count, bytes[index] == ASCII.dot {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else {
                throw fault(.malformed, "expected a digit after the decimal point, found \(ASCII.describe(bytes, at: index))")
            }
            while index < bytes.count, isDigit(bytes[index]) {
                accumulate(bytes[index], into: &significand, digits: &significantDigits)
                fractionDigits += 1
                index += 1
            }
        }
        var exponent = 0
        var exponentSaturated = false
        if index < bytes.count, bytes[index] | 0x20 == ASCII.e {
            index += 1
            var exponentNegative = false
            if index < bytes.count, bytes[index] == ASCII.minus || bytes[index] == ASCII.plus {
                exponentNegative = bytes[index] == ASCII.minus
                index += 1
            }
            guard index < bytes.count, isDigit(bytes[index]) else {
                throw fault(.malformed, "expected a digit in the exponent, found \(ASCII.describe(bytes, at: index))")
            }
            while index < bytes.count, isDigit(bytes[index]) {
                // Stop growing before Int overflows; such a number goes to the exact slow path below.
                if exponent < 1_000_000 {
                    exponent = exponent * 10 + Int(bytes[index] - ASCII.zero)
                } else {
                    exponentSaturated = true
                }
                index += 1
            }
            if exponentNegative { exponent = -exponent }
        }

        let value: Double
        if !exponentSaturated, let fast = Self.exactDouble(significand: significand, digits: significantDigits, exponent10: exponent - fractionDigits)
        {
            value = negative ? -fast : fast
        } else {
            // Correctly rounded conversion by the standard library, for the rare long or extreme numbers.
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            guard let parsed = Double(text) else {
                throw JSONParseError(kind: .malformed, offset: start, detail: "the number \(text) cannot be read")
            }
            value = parsed
        }
        guard value.isFinite else {
            throw JSONParseError(kind: .numberOutOfRange, offset: start, detail: "the number is too large for a double")
        }
        return value
    }

    @inline(__always)
    private func accumulate(_ digit: UInt8, into significand: inout UInt64, digits: inout Int) {
        if significand == 0 && digit == ASCII.zero && digits == 0 { return }
        digits += 1
        if digits <= 19 { significand = significand &* 10 &+ UInt64(digit - ASCII.zero) }
    }

    /// Clinger's fast path: when the significand and the power of ten are both exact doubles, one
    /// multiplication or division rounds correctly. `nil` when that does not hold.
    private static func exactDouble(significand: UInt64, digits: Int, exponent10: Int) -> Double? {
        guard digits <= 19, significand <= 1 << 53 else { return nil }
        if significand == 0 { return 0 }
        let base = Double(significand)
        if exponent10 == 0 { return base }
        if exponent10 > 0 && exponent10 <= 22 { return base * exactPowersOfTen[exponent10] }
        if exponent10 < 0 && exponent10 >= -22 { return base / exactPowersOfTen[-exponent10] }
        return nil
    }

    /// 10⁰ … 10²², the powers of ten a double holds exactly.
    private static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    // MARK: Helpers

    @inline(__always)
    private func isDigit(_ byte: UInt8) -> Bool { byte &- ASCII.zero < 10 }

    @inline(__always)
    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case ASCII.space, ASCII.tab, ASCII.lineFeed, ASCII.carriageReturn: index += 1
            default: return
            }
        }
    }

    private func fault(_ kind: JSONParseError.Kind, _ detail: String) -> JSONParseError {
        JSONParseError(kind: kind, offset: index, detail: detail)
    }

    private func endOfInput(_ expected: String) -> JSONParseError { JSONParseError.endOfInput(bytes, expected: expected) }
}
