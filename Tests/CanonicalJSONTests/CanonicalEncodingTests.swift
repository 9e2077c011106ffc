import CanonicalJSON
import Testing

/// RFC 8785 structure: member order, string escapes, no whitespace.
struct CanonicalEncodingTests {
    /// The sorting example of RFC 8785 section 3.2.3: names compared as UTF-16 code units, so the
    /// emoji (a surrogate pair, 0xD83D…) sorts before U+FB33.
    @Test func membersSortByUTF16CodeUnits() throws {
        let input = #"""
            {
              "\u20ac": "Euro Sign",
              "\r": "Carriage Return",
              "\ufb33": "Hebrew Letter Dalet With Dagesh",
              "1": "One",
              "\ud83d\ude00": "Emoji: Grinning Face",
              "\u0080": "Control",
              "\u00f6": "Latin Small Letter O With Diaeresis"
            }
            """#
        let expected =
            "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u{80}\":\"Control\",\"ö\":\"Latin Small Letter O With Diaeresis\","
            + "\"€\":\"Euro Sign\",\"😀\":\"Emoji: Grinning Face\",\"\u{FB33}\":\"Hebrew Letter Dalet With Dagesh\"}"
        #expect(try JSONParser.parse(input).canonicalString == expected)
    }

    /// The example of RFC 8785 section 3.2.2 (number forms and string escapes together).
    @Test func rfc8785Example() throws {
        let input = #"""
            {
              "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """#
        let expected = #"{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}"#
        #expect(try JSONParser.parse(input).canonicalString == expected)
    }

    @Test(arguments: [
        ("\u{8}\u{9}\u{A}\u{C}\u{D}", #""\b\t\n\f\r""#),
        ("\u{0}\u{1}\u{1F}", #""\u0000\u0001\u001f""#),
        ("\"\\/", #""\"\\/""#),
        ("\u{7F}\u{2028}ệ😀", "\"\u{7F}\u{2028}ệ😀\""),
    ])
    func stringEscapes(string: String, expected: String) {
        #expect(JSONValue.string(string).canonicalString == expected)
    }

    /// Keys in the three ranges where UTF-8 and UTF-16 order could disagree, checked against a direct
    /// comparison of UTF-16 code units.
    @Test func keyOrderMatchesUTF16() {
        var random = RandomJSON(seed: 16)
        for _ in 0..<2_000 {
            var members: [String: JSONValue] = [:]
            for _ in 0..<6 { members[random.string()] = .null }
            let bytes = JSONValue.object(members).canonicalBytes
            guard case .object(let parsed)? = try? JSONParser.parse(bytes) else {
                Issue.record("canonical bytes did not parse")
                return
            }
            let expectedOrder = parsed.keys.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) }
            var expected: [UInt8] = [0x7B]
            for (position, key) in expectedOrder.enumerated() {
                if position > 0 { expected.append(0x2C) }
                expected += JSONValue.string(key).canonicalBytes + Array(":null".utf8)
            }
            expected.append(0x7D)
            #expect(bytes == expected)
        }
    }

    @Test func shorterKeyFirstWhenOneIsAPrefix() {
        let value = JSONValue.object(["ab": .null, "a": .null, "": .null, "a\u{0}": .null, "\u{E000}": .null, "\u{10000}": .null])
        #expect(value.canonicalString == "{\"\":null,\"a\":null,\"a\\u0000\":null,\"ab\":null,\"\u{10000}\":null,\"\u{E000}\":null}")
    }

    @Test func noWhitespaceAndNesting() throws {
        let value = try JSONParser.parse(" { \"b\" : [ 1 , { \"d\" : null , \"c\" : true } ] , \"a\" : \"x\" } ")
        #expect(value.canonicalString == #"{"a":"x","b":[1,{"c":true,"d":null}]}"#)
    }

    @Test func appendsIntoAnExistingBuffer() {
        var buffer = Array("prefix:".utf8)
        JSONValue.array([.number(1), .string("a")]).canonicalBytes(into: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == #"prefix:[1,"a"]"#)
    }
}
