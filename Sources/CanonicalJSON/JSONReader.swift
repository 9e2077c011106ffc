/// The recursive-descent reader behind `JSONParser`: one pass over borrowed bytes, no copies except for
/// strings that contain escapes.
///
/// Every read is bounds-checked against `bytes.count`, so truncated or random input ends in a
/// `JSONParseError`, never in a trap.
struct JSONReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let maxDepth: Int
    private var index = 0
    private var depth = 0
    /// Reused for strings with escapes, so that a document with many of them allocates once.
    private var scratch: [UInt8] = []
    /// The members of the objects being read, innermost last. Each object's dictionary is built once,
    /// at its closing brace, with its exact capacity, instead of growing one member at a time.
    private var pendingMembers: [PendingMember] = []

    private struct PendingMember {
        var key: String
        var value: JSONValue
        /// Where the member's name starts, for a duplicate-key error.
        var offset: Int
    }

    init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        let value = try parseValue()
        skipWhitespace()
        guard index == bytes.count else {
            throw fault(.malformed, "unexpected \(describeByte(at: index)) after the JSON value; a document holds exactly one value")
        }
        return value
    }

    // MARK: Values

    private mutating func parseValue() throws(JSONParseError) -> JSONValue {
        guard index < bytes.count else { throw endOfInput("a value") }
        switch bytes[index] {
        case ASCII.openBrace: return try parseObject()
        case ASCII.openBracket: return try parseArray()
        case ASCII.quote: return .string(try parseString())
        case ASCII.t:
            try expectLiteral(Literal.true)
            return .bool(true)
        case ASCII.f:
            try expectLiteral(Literal.false)
            return .bool(false)
        case ASCII.n:
            try expectLiteral(Literal.null)
            return .null
        case ASCII.minus, ASCII.zero...ASCII.nine: return .number(try parseNumber())
        case ASCII.N, ASCII.I: throw fault(.malformed, "NaN and Infinity are not JSON numbers")
        case ASCII.plus: throw fault(.malformed, "a JSON number cannot start with '+'")
        case ASCII.slash: throw fault(.malformed, "JSON has no comments")
        default: throw fault(.malformed, "expected a JSON value, found \(describeByte(at: index))")
        }
    }

    private mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == ASCII.closeBrace {
            index += 1
            depth -= 1
            return .object([:])
        }
        let firstMember = pendingMembers.count
        while true {
            guard index < bytes.count else { throw endOfInput("a member name") }
            guard bytes[index] == ASCII.quote else {
                if bytes[index] == ASCII.closeBrace { throw fault(.malformed, "trailing comma before '}'") }
                throw fault(.malformed, "expected a member name in double quotes, found \(describeByte(at: index))")
            }
            let keyOffset = index
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count else { throw endOfInput("':'") }
            guard bytes[index] == ASCII.colon else {
                throw fault(.malformed, "expected ':' after the member name, found \(describeByte(at: index))")
            }
            index += 1
            skipWhitespace()
            let value: JSONValue
            do throws(JSONParseError) {
                value = try parseValue()
            } catch {
                throw error.nested(in: PathComponent.member(key))
            }
            pendingMembers.append(PendingMember(key: key, value: value, offset: keyOffset))
            skipWhitespace()
            guard index < bytes.count else { throw endOfInput("',' or '}'") }
            switch bytes[index] {
            case ASCII.comma:
                index += 1
                skipWhitespace()
            case ASCII.closeBrace:
                index += 1
                depth -= 1
                return .object(try collectMembers(from: firstMember))
            default:
                throw fault(.malformed, "expected ',' or '}' after an object member, found \(describeByte(at: index))")
            }
        }
    }

    /// The dictionary of the object whose members start at `first` in `pendingMembers`, which it pops.
    private mutating func collectMembers(from first: Int) throws(JSONParseError) -> [String: JSONValue] {
        var members = [String: JSONValue](minimumCapacity: pendingMembers.count - first)
        for position in first..<pendingMembers.count {
            let member = pendingMembers[position]
            if members.updateValue(member.value, forKey: member.key) != nil {
                throw JSONParseError(
                    kind: .duplicateKey,
                    offset: member.offset,
                    path: PathComponent.member(member.key),
                    detail: "the member \"\(member.key)\" appears twice in one object"
                )
            }
        }
        pendingMembers.removeSubrange(first...)
        return members
    }

    private mutating func parseArray() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == ASCII.closeBracket {
            index += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            guard index < bytes.count else { throw endOfInput("a value") }
            if bytes[index] == ASCII.closeBracket { throw fault(.malformed, "trailing comma before ']'") }
            do throws(JSONParseError) {
                elements.append(try parseValue())
            } catch {
                throw error.nested(in: PathComponent.element(elements.count))
            }
            skipWhitespace()
            guard index < bytes.count else { throw endOfInput("',' or ']'") }
            switch bytes[index] {
            case ASCII.comma:
                index += 1
                skipWhitespace()
            case ASCII.closeBracket:
                index += 1
                depth -= 1
                return .array(elements)
            default:
                throw fault(.malformed, "expected ',' or ']' after an array element, found \(describeByte(at: index))")
            }
        }
    }

    private mutating func enterContainer() throws(JSONParseError) {
        guard depth < maxDepth else {
            throw fault(.tooDeep, "arrays and objects are nested deeper than \(maxDepth) levels")
        }
        depth += 1
    }

    private mutating func expectLiteral(_ literal: [UInt8]) throws(JSONParseError) {
        let start = index
        for expected in literal {
            guard index < bytes.count, bytes[index] == expected else {
                index = start
                throw fault(.malformed, "expected a JSON value, found \(describeByte(at: start))")
            }
            index += 1
        }
    }

    // MARK: Strings

    private mutating func parseString() throws(JSONParseError) -> String {
        index += 1
        let start = index
        // The common case: no escapes, so the string is a slice of the input.
        skipPlainASCII()
        while index < bytes.count {
            let byte = bytes[index]
            if byte == ASCII.quote {
                let string = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return string
            }
            if byte == ASCII.backslash { return try parseEscapedString(from: start) }
            try skipCharacter(byte)
        }
        throw endOfInput("the closing '\"' of a string")
    }

    /// Continues a string after its first backslash, collecting its bytes in `scratch`.
    private mutating func parseEscapedString(from start: Int) throws(JSONParseError) -> String {
        scratch.removeAll(keepingCapacity: true)
        var runStart = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == ASCII.quote {
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                index += 1
                return String(decoding: scratch, as: UTF8.self)
            }
            if byte == ASCII.backslash {
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                try parseEscape()
                runStart = index
                skipPlainASCII()
                continue
            }
            try skipCharacter(byte)
        }
        throw endOfInput("the closing '\"' of a string")
    }

    /// Skips eight bytes at a time while none of them ends the string, starts an escape, is a control
    /// character or is non-ASCII (the classic "has a byte less than / equal to" bit tricks on a UInt64);
    /// the byte-by-byte loop handles whatever follows.
    @inline(__always)
    private mutating func skipPlainASCII() {
        guard let base = bytes.baseAddress else { return }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        while index + 8 <= bytes.count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            let quote = word ^ (ones &* UInt64(ASCII.quote))
            let backslash = word ^ (ones &* UInt64(ASCII.backslash))
            let special =
                (word & highBits)
                | ((word &- ones &* 0x20) & ~word & highBits)
                | ((quote &- ones) & ~quote & highBits)
                | ((backslash &- ones) & ~backslash & highBits)
            if special != 0 { return }
            index += 8
        }
    }

    /// Steps over one unescaped character of a string, checking that it is allowed there and well-formed UTF-8.
    @inline(__always)
    private mutating func skipCharacter(_ byte: UInt8) throws(JSONParseError) {
        if byte >= 0x20 && byte < 0x80 {
            index += 1
        } else if byte < 0x20 {
            throw fault(.malformed, "control character \(describeByte(at: index)) in a string must be escaped")
        } else {
            index += try utf8SequenceLength(at: index)
        }
    }

    /// Decodes the escape at `index` (a backslash) into `scratch`.
    private mutating func parseEscape() throws(JSONParseError) {
        let escapeStart = index
        index += 1
        guard index < bytes.count else { throw endOfInput("an escape") }
        let byte = bytes[index]
        index += 1
        switch byte {
        case ASCII.quote: scratch.append(ASCII.quote)
        case ASCII.backslash: scratch.append(ASCII.backslash)
        case ASCII.slash: scratch.append(ASCII.slash)
        case ASCII.b: scratch.append(0x08)
        case ASCII.f: scratch.append(0x0C)
        case ASCII.n: scratch.append(0x0A)
        case ASCII.r: scratch.append(0x0D)
        case ASCII.t: scratch.append(0x09)
        case ASCII.u:
            let unit = try parseHex4()
            var scalar = UInt32(unit)
            if (0xD800...0xDBFF).contains(unit) {
                guard index + 1 < bytes.count, bytes[index] == ASCII.backslash, bytes[index + 1] == ASCII.u else {
                    throw JSONParseError(
                        kind: .invalidUTF8,
                        offset: escapeStart,
                        detail: "the escape of a high surrogate must be followed by the escape of a low surrogate"
                    )
                }
                index += 2
                let low = try parseHex4()
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw JSONParseError(
                        kind: .invalidUTF8,
                        offset: escapeStart,
                        detail: "the escape of a high surrogate must be followed by the escape of a low surrogate"
                    )
                }
                scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(unit) {
                throw JSONParseError(kind: .invalidUTF8, offset: escapeStart, detail: "lone low surrogate escape")
            }
            appendUTF8(scalar)
        default:
            index = escapeStart
            throw fault(.malformed, "unknown escape '\\\(describeByte(byte))' in a string")
        }
    }

    private mutating func parseHex4() throws(JSONParseError) -> UInt16 {
        guard index + 4 <= bytes.count else {
            index = bytes.count
            throw endOfInput("four hex digits after \\u")
        }
        var value: UInt16 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case ASCII.zero...ASCII.nine: digit = byte - ASCII.zero
            case ASCII.a...ASCII.f: digit = byte - ASCII.a + 10
            case ASCII.A...ASCII.F: digit = byte - ASCII.A + 10
            default: throw fault(.malformed, "expected a hex digit in a \\u escape, found \(describeByte(at: index))")
            }
            value = value << 4 | UInt16(digit)
            index += 1
        }
        return value
    }

    private mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            scratch.append(UInt8(scalar))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | scalar >> 6))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | scalar >> 12))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | scalar >> 18))
            scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// The length of the well-formed multi-byte UTF-8 sequence at `position`, following Table 3-7 of the
    /// Unicode Standard, which excludes overlong forms, surrogates and code points above U+10FFFF.
    private func utf8SequenceLength(at position: Int) throws(JSONParseError) -> Int {
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

    private func invalidUTF8(at position: Int) -> JSONParseError {
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
            throw fault(.malformed, "expected a digit in a number, found \(describeByte(at: index))")
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
                throw fault(.malformed, "expected a digit after the decimal point, found \(describeByte(at: index))")
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
                throw fault(.malformed, "expected a digit in the exponent, found \(describeByte(at: index))")
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

    private func endOfInput(_ expected: String) -> JSONParseError {
        JSONParseError(kind: .malformed, offset: bytes.count, detail: "the JSON text ends where \(expected) was expected")
    }

    private func describeByte(at position: Int) -> String {
        position < bytes.count ? describeByte(bytes[position]) : "the end of the text"
    }

    private func describeByte(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        let hex = String(byte, radix: 16, uppercase: true)
        return "byte 0x\(byte < 0x10 ? "0" : "")\(hex)"
    }
}

/// How `JSONParseError.path` names a member or an element: `payload.title`, `items[2]`.
enum PathComponent {
    static func member(_ key: String) -> String { key }
    static func element(_ index: Int) -> String { "[\(index)]" }
}

extension JSONParseError {
    /// The same error seen from the enclosing container: a duplicate key's path gains the name of the
    /// member or element it sits in. Other kinds carry no path.
    fileprivate func nested(in component: String) -> JSONParseError {
        guard kind == .duplicateKey, let path else { return self }
        var copy = self
        copy.path = path.hasPrefix("[") ? component + path : component + "." + path
        return copy
    }
}

/// The bytes of the JSON literals.
enum Literal {
    static let `true`: [UInt8] = Array("true".utf8)
    static let `false`: [UInt8] = Array("false".utf8)
    static let null: [UInt8] = Array("null".utf8)
}

/// Named ASCII bytes, so that the reader reads like the grammar.
enum ASCII {
    static let tab: UInt8 = 0x09
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let quote: UInt8 = 0x22
    static let plus: UInt8 = 0x2B
    static let comma: UInt8 = 0x2C
    static let minus: UInt8 = 0x2D
    static let dot: UInt8 = 0x2E
    static let slash: UInt8 = 0x2F
    static let zero: UInt8 = 0x30
    static let nine: UInt8 = 0x39
    static let colon: UInt8 = 0x3A
    static let A: UInt8 = 0x41
    static let F: UInt8 = 0x46
    static let I: UInt8 = 0x49
    static let N: UInt8 = 0x4E
    static let openBracket: UInt8 = 0x5B
    static let backslash: UInt8 = 0x5C
    static let closeBracket: UInt8 = 0x5D
    static let a: UInt8 = 0x61
    static let b: UInt8 = 0x62
    static let e: UInt8 = 0x65
    static let f: UInt8 = 0x66
    static let n: UInt8 = 0x6E
    static let r: UInt8 = 0x72
    static let t: UInt8 = 0x74
    static let u: UInt8 = 0x75
    static let openBrace: UInt8 = 0x7B
    static let closeBrace: UInt8 = 0x7D
}
