import CanonicalJSON
import Testing

/// The strict parser: what it accepts, and every kind of refusal.
struct ParserTests {
    @Test(arguments: [
        ("null", JSONValue.null),
        (" true ", .bool(true)),
        ("\t\r\nfalse\n", .bool(false)),
        ("0", .number(0)),
        ("-0", .number(-0.0)),
        ("-12.5e-1", .number(-1.25)),
        ("1E+2", .number(100)),
        ("123456789012345678901234567890", .number(1.2345678901234568e29)),
        ("0.1", .number(0.1)),
        ("2.2250738585072014e-308", .number(2.2250738585072014e-308)),
        ("1e-400", .number(0)),
        ("\"\"", .string("")),
        (#""a\"\\\/\b\f\n\r\t\u00e9\uD83D\uDE00\u0000""#, .string("a\"\\/\u{8}\u{C}\n\r\t\u{E9}😀\u{0}")),
        ("\"ệ€😀\"", .string("ệ€😀")),
        ("[]", .array([])),
        ("[1,[2,[]]]", .array([.number(1), .array([.number(2), .array([])])])),
        ("{}", .object([:])),
        (#"{"a":{"a":1},"b":[{"a":2}]}"#, .object(["a": .object(["a": .number(1)]), "b": .array([.object(["a": .number(2)])])])),
    ])
    func accepts(text: String, expected: JSONValue) throws {
        #expect(try JSONParser.parse(text) == expected)
        #expect(try JSONParser.parse(Array(text.utf8)) == expected)
    }

    /// Slow-path numbers (more than 19 digits or beyond 10^±22) are still correctly rounded.
    @Test(arguments: [
        "0." + String(repeating: "0", count: 30) + "1e31", "1" + String(repeating: "0", count: 30) + "e-30", "1e-99999999", "1e0000000000000000001",
        "1e23", "8.98846567431158e307", "4.9406564584124654e-324", "0.30000000000000004441", "9007199254740993",
    ])
    func longNumbersRoundCorrectly(text: String) throws {
        #expect(try JSONParser.parse(text).numberValue == Double(text))
    }

    @Test(arguments: [
        ("", JSONParseError.Kind.malformed),
        (" ", .malformed),
        ("nul", .malformed),
        ("nulll", .malformed),
        ("True", .malformed),
        ("NaN", .malformed),
        ("Infinity", .malformed),
        ("-Infinity", .malformed),
        ("+1", .malformed),
        ("01", .malformed),
        ("-01", .malformed),
        ("1.", .malformed),
        (".5", .malformed),
        ("1e", .malformed),
        ("1e+", .malformed),
        ("-", .malformed),
        ("0x10", .malformed),
        ("[1,]", .malformed),
        ("{\"a\":1,}", .malformed),
        ("[1 2]", .malformed),
        ("{\"a\" 1}", .malformed),
        ("{a:1}", .malformed),
        ("{'a':1}", .malformed),
        ("[1] // comment", .malformed),
        ("/* c */ 1", .malformed),
        ("1 2", .malformed),
        ("\u{FEFF}1", .malformed),
        ("\"tab\there\"", .malformed),
        ("\"line\nbreak\"", .malformed),
        ("\"bad \\x escape\"", .malformed),
        ("\"\\u12g4\"", .malformed),
        ("\"\\u12", .malformed),
        ("\"unterminated", .malformed),
        ("[", .malformed),
        ("{\"a\":", .malformed),
        ("\"\\ud800\"", .invalidUTF8),
        ("\"\\ud800x\"", .invalidUTF8),
        ("\"\\ud800\\u0041\"", .invalidUTF8),
        ("\"\\udc00\"", .invalidUTF8),
        ("{\"a\":1,\"a\":2}", .duplicateKey),
        ("1e309", .numberOutOfRange),
        ("-1e400", .numberOutOfRange),
        ("1" + String(repeating: "0", count: 400), .numberOutOfRange),
    ])
    func refuses(text: String, kind: JSONParseError.Kind) {
        do {
            _ = try JSONParser.parse(text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.kind == kind, "\(text): \(error)")
            #expect(error.offset >= 0 && error.offset <= text.utf8.count)
        }
    }

    /// Byte sequences that are not well-formed UTF-8, inside a string and outside it.
    @Test(
        arguments: [
            [0x22, 0x80, 0x22],  // lone continuation byte
            [0x22, 0xC0, 0xAF, 0x22],  // overlong "/"
            [0x22, 0xC1, 0xBF, 0x22],  // overlong
            [0x22, 0xE0, 0x80, 0xAF, 0x22],  // overlong, three bytes
            [0x22, 0xF0, 0x80, 0x80, 0xAF, 0x22],  // overlong, four bytes
            [0x22, 0xED, 0xA0, 0x80, 0x22],  // encoded surrogate U+D800
            [0x22, 0xED, 0xBF, 0xBF, 0x22],  // encoded surrogate U+DFFF
            [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22],  // above U+10FFFF
            [0x22, 0xF5, 0x80, 0x80, 0x80, 0x22],  // invalid lead byte
            [0x22, 0xFF, 0x22],
            [0x22, 0xE2, 0x82, 0x22],  // truncated sequence
            [0x22, 0xE2, 0x82],  // truncated at the end of the input
        ] as [[UInt8]]
    )
    func refusesInvalidUTF8(bytes: [UInt8]) {
        do {
            _ = try JSONParser.parse(bytes)
            Issue.record("accepted \(bytes)")
        } catch {
            #expect(error.kind == .invalidUTF8)
        }
    }

    /// The reader skips plain ASCII eight bytes at a time; a special byte must be seen at every offset
    /// of such a block.
    @Test func specialBytesAnywhereInLongStrings() throws {
        let plain = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)
        for position in 0..<plain.count {
            var withControl = plain
            withControl[position] = 0x0A
            #expect(throws: JSONParseError.self) { try JSONParser.parse([0x22] + withControl + [0x22]) }

            var withEscape = plain
            withEscape.replaceSubrange(position..<position + 1, with: Array(#"\\"#.utf8))
            var expected = plain
            expected[position] = 0x5C
            #expect(try JSONParser.parse([0x22] + withEscape + [0x22]) == .string(String(decoding: expected, as: UTF8.self)))

            var withQuote = plain
            withQuote[position] = 0x22
            #expect(throws: JSONParseError.self) { try JSONParser.parse([0x22] + withQuote + [0x22]) }
            #expect(try JSONParser.parse([0x22] + withQuote[..<position] + [0x22]) == .string(String(decoding: plain[..<position], as: UTF8.self)))

            var withInvalidUTF8 = plain
            withInvalidUTF8[position] = 0xFF
            #expect(throws: JSONParseError.self) { try JSONParser.parse([0x22] + withInvalidUTF8 + [0x22]) }
        }
    }

    @Test func refusesInvalidUTF8OutsideStrings() {
        #expect(throws: JSONParseError.self) { try JSONParser.parse([0x5B, 0xC3, 0xA9, 0x5D] as [UInt8]) }
    }

    @Test(arguments: [
        (#"{"a":1,"a":1}"#, "a"),
        (#"{"payload":{"title":"x","title":"y"}}"#, "payload.title"),
        (#"{"items":[{"id":1},{"id":2,"id":3}]}"#, "items[1].id"),
        (#"[[{"k":1,"k":2}]]"#, "[0][0].k"),
        (#"{"a":1,"\u0061":2}"#, "a"),
    ])
    func duplicateKeysNameTheirPath(text: String, path: String) {
        do {
            _ = try JSONParser.parse(text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.kind == .duplicateKey)
            #expect(error.path == path)
            #expect(error.description.contains(path))
        }
    }

    @Test func depthLimit() throws {
        let sixtyFour = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(try JSONParser.parse(sixtyFour).arrayValue != nil)
        let sixtyFive = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        do {
            _ = try JSONParser.parse(sixtyFive)
            Issue.record("accepted 65 levels")
        } catch {
            #expect(error.kind == .tooDeep)
        }
        let objects = String(repeating: #"{"a":"#, count: 3) + "1" + String(repeating: "}", count: 3)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(objects, maxDepth: 2) }
        #expect(try JSONParser.parse(objects, maxDepth: 3).objectValue != nil)
        #expect(try JSONParser.parse("1", maxDepth: 0) == .number(1))
        // Far deeper than any limit: refused without exhausting the stack.
        let hostile = String(repeating: "[", count: 1_000_000)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(hostile, maxDepth: JSONParser.maxDepthLimit) }
    }

    @Test func errorsTellWhereAndWhat() {
        do {
            _ = try JSONParser.parse(#"{"a": tru}"#)
            Issue.record("accepted a misspelt literal")
        } catch {
            #expect(error.kind == .malformed)
            #expect(error.offset == 6)
            #expect(error.path == nil)
            #expect(error.description.contains("byte 6"))
        }
    }

    /// Every `Collection<UInt8>`, contiguous or not, parses the same.
    @Test func acceptsAnyByteCollection() throws {
        let text = #"{"a":[1,"é"]}"#
        let expected = try JSONParser.parse(text)
        #expect(try JSONParser.parse(Array(text.utf8)[...]) == expected)
        #expect(try JSONParser.parse(text.utf8) == expected)
        #expect(try JSONParser.parse(Array(text.utf8).lazy.map { $0 }) == expected)
        let fromRawBuffer = try Array(text.utf8).withUnsafeBytes { raw throws(JSONParseError) in try JSONParser.parse(raw) }
        #expect(fromRawBuffer == expected)
    }
}
