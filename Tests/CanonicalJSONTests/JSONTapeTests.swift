import CanonicalJSON
import Testing

/// The tape replay reads stored events from: what it finds, how strings and numbers read back, and that it
/// refuses what the parser refuses (the parser is built on it, so the two cannot drift apart).
struct JSONTapeTests {
    /// Parses `text` on a tape and hands `body` its root.
    func withTape<Result>(_ text: String, _ body: (JSONTapeNode) throws -> Result) throws -> Result {
        var tape = JSONTape()
        var text = text
        return try text.withUTF8 { bytes in
            try tape.parse(bytes)
            return try tape.withRoot { root in try body(root) }
        }
    }

    @Test func findsMembersAndElementsWithoutATree() throws {
        let text = #"{"actor":{"role":"unit","unitId":"SXD"},"n":[1,{"a":[]},"x",true,null],"seq":42,"t":"Sở"}"#
        try withTape(text) { root in
            #expect(root.kind == .object)
            #expect(root.count == 4)
            #expect(root.member("seq")?.numberValue == 42)
            #expect(root.member("t")?.stringValue == "Sở")
            #expect(root.member("actor")?.member("unitId")?.stringValue == "SXD")
            #expect(root.member("missing") == nil)
            #expect(root.member("seq")?.member("x") == nil)
            let elements = try #require(root.member("n")?.elements)
            #expect(elements.count == 5)
            #expect(elements.map(\.kind) == [.number, .object, .string, .true, .null])
            #expect(root.members.map { $0.name.stringValue ?? "" } == ["actor", "n", "seq", "t"])
            #expect(root.member("seq")?.elements == nil)
        }
    }

    /// Escaped strings read back decoded (surrogate pairs too), both as `String` and as UTF-8 bytes; a plain
    /// one is the input's own bytes.
    @Test(arguments: [
        (#""plain""#, "plain"),
        (#""a\"\\\/\b\f\n\r\t""#, "a\"\\/\u{8}\u{C}\n\r\t"),
        (#""\u00e9\u1EC7\uD83D\uDE00\u0000""#, "\u{E9}\u{1EC7}😀\u{0}"),
        (#""ệ€😀 Sở Xây dựng""#, "ệ€😀 Sở Xây dựng"),
        (#""x\uDBFF\uDFFFy""#, "x\u{10FFFF}y"),
    ])
    func stringsDecodeOnRead(text: String, expected: String) throws {
        try withTape(text) { root in
            #expect(root.stringValue == expected)
            #expect(root.withUTF8 { Array($0) } == Array(expected.utf8))
            #expect(root.stringValue == expected)
        }
    }

    /// A member name is found as a `[String: JSONValue]` would find it: written with escapes, or canonically
    /// equivalent (U+212A KELVIN SIGN is "K" to `String`).
    @Test(arguments: [
        (#"{"\u0074askId":1}"#, "taskId"), (#"{"\u212A":1}"#, "K"), (#"{"K":1}"#, "\u{212A}"), (#"{"e\u0301":1}"#, "é"), (#"{"é":1}"#, "e\u{301}"),
    ])
    func memberNamesCompareAsStrings(text: String, name: JSONName) throws {
        let parsed = try JSONParser.parse(text)
        #expect(parsed[name.description] == .number(1))
        try withTape(text) { root in
            #expect(root.member(name)?.numberValue == 1)
            #expect(Array(root.members).first?.name.stringValue == name.description)
        }
    }

    /// Repeated member names are refused however they are written, at the later one, with its path; a large
    /// object is checked through a set (so a hostile one costs linear time) with the same answer.
    @Test(arguments: [
        (#"{"a":1,"\u0061":2}"#, "a", 7),
        (#"{"é":1,"e\u0301":2}"#, "e\u{301}", 8),
        (#"{"x":[0,{"b":1,"c":2,"b":3}]}"#, "x[1].b", 21),
        ("{" + (0..<40).map { "\"k\($0)\":\($0)," }.joined() + "\"k7\":0}", "k7", 341),
    ])
    func repeatedNamesAreRefused(text: String, path: String, offset: Int) {
        let error = tapeError(Array(text.utf8))
        #expect(error?.kind == .duplicateKey)
        #expect(error?.path == path)
        #expect(error?.offset == offset)
    }

    /// One tape read many documents: each parse replaces the last, and a refused document leaves nothing behind
    /// that the next one could be confused with.
    @Test func oneTapeReadsManyDocuments() throws {
        var tape = JSONTape()
        var random = RandomJSON(seed: 7)
        for round in 0..<500 {
            let value = random.value()
            var bytes = value.canonicalBytes
            if round % 5 == 4 { bytes.append(UInt8(ascii: "]")) }
            let parsed = bytes.withUnsafeBufferPointer { buffer in
                (try? tape.parse(buffer)).map { tape.withRoot { JSONValue($0) } }
            }
            let expected: JSONValue? = round % 5 == 4 ? Optional.none : value
            #expect(parsed == expected)
        }
    }

    /// Damaged texts: the tape refuses each (never a trap).
    @Test(arguments: [
        ("", JSONParseError.Kind.malformed), ("{", .malformed), (#"{"a":1"#, .malformed), (#"{"a":1,}"#, .malformed),
        ("[1,]", .malformed), (#"{"a" 1}"#, .malformed), (#""\x""#, .malformed), (#""\u12G4""#, .malformed),
        (#""\uD800""#, .invalidUTF8), (#""\uDC00x""#, .invalidUTF8), ("\"\u{1}\"", .malformed), ("1e999", .numberOutOfRange),
        ("-", .malformed), ("01", .malformed), ("[1] 2", .malformed), (#"{"a":tru}"#, .malformed),
        (String(repeating: "[", count: 65) + String(repeating: "]", count: 65), .tooDeep),
    ])
    func refusesDamagedText(text: String, kind: JSONParseError.Kind) {
        #expect(tapeError(Array(text.utf8))?.kind == kind, "\(text)")
    }

    /// Bytes that are not UTF-8 (an overlong form, an encoded surrogate, a stray continuation byte, a cut sequence).
    @Test(arguments: [[0x22, 0xC0, 0xAF, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0x80, 0x22], [0x22, 0xE1, 0xBB] as [UInt8]])
    func refusesInvalidUTF8(bytes: [UInt8]) {
        #expect(tapeError(bytes)?.kind == .invalidUTF8)
    }

    /// Why the tape refuses `bytes` (`nil` when it accepts them); the parser, built on the tape, must say the same.
    /// The edges of well-formed UTF-8 (Table 3-7 of the Unicode Standard) are accepted and read back as written,
    /// whichever path checks them (two bytes and the common three-byte leads are checked inline).
    @Test(arguments: [
        [0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0xA0, 0x80], [0xE1, 0x80, 0x80], [0xE1, 0xBB, 0x87], [0xEC, 0xBF, 0xBF], [0xED, 0x9F, 0xBF],
        [0xEE, 0x80, 0x80], [0xEF, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF] as [UInt8],
    ])
    func acceptsWellFormedUTF8(sequence: [UInt8]) throws {
        let text = [0x22, 0x61] + sequence + [0x62, 0x22]
        #expect(tapeError(text) == nil)
        #expect(try JSONParser.parse(text) == .string("a" + String(decoding: sequence, as: UTF8.self) + "b"))
    }

    /// Just past those edges: refused.
    @Test(arguments: [
        [0xC1, 0xBF], [0xC2, 0xC0], [0xE0, 0x9F, 0xBF], [0xE1, 0x80], [0xE1, 0xC0, 0x80], [0xED, 0xA0, 0x80], [0xEE, 0x80, 0x7F],
        [0xF0, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xBF] as [UInt8],
    ])
    func refusesMalformedUTF8(sequence: [UInt8]) {
        #expect(tapeError([0x22, 0x61] + sequence + [0x62, 0x22])?.kind == .invalidUTF8)
        #expect(tapeError([0x22] + sequence)?.kind == .invalidUTF8)
    }

    func tapeError(_ bytes: [UInt8]) -> JSONParseError? {
        var tape = JSONTape()
        let error = bytes.withUnsafeBufferPointer { buffer -> JSONParseError? in
            do throws(JSONParseError) {
                try tape.parse(buffer)
                return nil
            } catch {
                return error
            }
        }
        var parserError: JSONParseError?
        do { _ = try JSONParser.parse(bytes) } catch { parserError = error }
        #expect(error == parserError)
        return error
    }

    /// Numbers are checked and converted by the tokenizer, so a number too large for a double is refused
    /// wherever it stands, read or not.
    @Test func numbersReadBackExactly() throws {
        try withTape(#"[0,-0,0.85,1e21,1e-7,9007199254740991,123456789012345678901234567890]"#) { root in
            let numbers = root.elements?.map { $0.numberValue ?? .nan }
            #expect(numbers == [0, -0.0, 0.85, 1e21, 1e-7, 9_007_199_254_740_991, 1.2345678901234568e29])
        }
        #expect(throws: JSONParseError.self) { try withTape(#"{"unused":1e400}"#) { _ in () } }
    }
}
