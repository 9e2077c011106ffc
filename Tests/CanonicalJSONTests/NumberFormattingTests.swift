import CanonicalJSON
import Testing

/// RFC 8785 numbers: ECMAScript's Number::toString with shortest round-trip digits.
struct NumberFormattingTests {
    /// Appendix B of RFC 8785: IEEE-754 bit patterns and their canonical forms.
    @Test(
        arguments: [
            (0x0000_0000_0000_0000, "0"),
            (0x8000_0000_0000_0000, "0"),
            (0x0000_0000_0000_0001, "5e-324"),
            (0x8000_0000_0000_0001, "-5e-324"),
            (0x7FEF_FFFF_FFFF_FFFF, "1.7976931348623157e+308"),
            (0xFFEF_FFFF_FFFF_FFFF, "-1.7976931348623157e+308"),
            (0x4340_0000_0000_0000, "9007199254740992"),
            (0xC340_0000_0000_0000, "-9007199254740992"),
            (0x4430_0000_0000_0000, "295147905179352830000"),
            (0x44B5_2D02_C7E1_4AF5, "9.999999999999997e+22"),
            (0x44B5_2D02_C7E1_4AF6, "1e+23"),
            (0x44B5_2D02_C7E1_4AF7, "1.0000000000000001e+23"),
            (0x444B_1AE4_D6E2_EF4E, "999999999999999700000"),
            (0x444B_1AE4_D6E2_EF4F, "999999999999999900000"),
            (0x444B_1AE4_D6E2_EF50, "1e+21"),
            (0x3EB0_C6F7_A0B5_ED8C, "9.999999999999997e-7"),
            (0x3EB0_C6F7_A0B5_ED8D, "0.000001"),
            (0x41B3_DE43_5555_5553, "333333333.3333332"),
            (0x41B3_DE43_5555_5554, "333333333.33333325"),
            (0x41B3_DE43_5555_5555, "333333333.3333333"),
            (0x41B3_DE43_5555_5556, "333333333.3333334"),
            (0x41B3_DE43_5555_5557, "333333333.33333343"),
            (0xBECB_F647_612F_3696, "-0.0000033333333333333333"),
            (0x4314_3FF3_C1CB_0959, "1424953923781206.2"),
        ] as [(UInt64, String)]
    )
    func rfc8785AppendixB(bits: UInt64, expected: String) {
        #expect(JSONValue.number(Double(bitPattern: bits)).canonicalString == expected)
    }

    /// ECMAScript layouts around every boundary of Number::toString.
    @Test(
        arguments: [
            (1, "1"), (-1, "-1"), (100, "100"), (0.5, "0.5"), (-0.25, "-0.25"), (123.456, "123.456"),
            (1e20, "100000000000000000000"), (1e21, "1e+21"), (1.5e21, "1.5e+21"), (123e20, "1.23e+22"),
            (1e-6, "0.000001"), (1.5e-6, "0.0000015"), (1e-7, "1e-7"), (1.5e-7, "1.5e-7"), (0.1, "0.1"), (0.3, "0.3"),
            (0.1 + 0.2, "0.30000000000000004"), (2.5e-5, "0.000025"), (1e300, "1e+300"), (-1e-300, "-1e-300"),
            (4.5, "4.5"), (2e-3, "0.002"), (1e30, "1e+30"), (1e-27, "1e-27"), (123_456_789_012_345_683_968, "123456789012345680000"),
            (0.000001234, "0.000001234"), (12.0, "12"),
        ] as [(Double, String)]
    )
    func ecmaScriptLayout(value: Double, expected: String) {
        #expect(JSONValue.number(value).canonicalString == expected)
    }

    @Test func negativeZeroIsZero() {
        #expect(JSONValue.number(-0.0).canonicalString == "0")
    }

    /// Values with no JSON form never come out of the parser; written anyway, they become `null` as in
    /// `JSON.stringify`, rather than text that no parser reads.
    @Test(arguments: [Double.nan, .infinity, -.infinity])
    func nonFiniteIsNull(value: Double) {
        #expect(JSONValue.number(value).canonicalString == "null")
    }

    /// The written form reads back as exactly the same double, for any finite bit pattern.
    @Test func shortestDigitsRoundTrip() throws {
        var generator = SeededGenerator(seed: 8785)
        for _ in 0..<20_000 {
            let value = Double(bitPattern: generator.next())
            guard value.isFinite else { continue }
            let text = JSONValue.number(value).canonicalString
            let parsed = try JSONParser.parse(text)
            #expect(parsed.numberValue == value, "\(value) written as \(text)")
            #expect(Double(text) == value)
        }
    }
}
