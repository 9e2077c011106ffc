import CanonicalJSON

extension Decimal4 {
    /// The exact value of a JSON number with at most four decimals, or `nil` when it has more.
    ///
    /// JSON numbers arrive as doubles, and `0.85` is not exactly representable. The number "as written" is
    /// taken to be the shortest decimal that round-trips to the same double (Swift's `description`, the
    /// same digits RFC 8785 writes), so `0.85` is 8,500 ten-thousandths and `0.00001` has five decimals.
    /// Magnitudes of 10^14 and more are refused (`nil`): no weight or score is that large, and the result
    /// must fit an `Int64` of ten-thousandths.
    init?(exactly number: Double) {
        guard number.isFinite, number.magnitude < 1e14 else { return nil }
        // value = significand × 10^exponent, significand the digits of `description` without the point.
        var significand: [Int64] = []
        var fractionDigits = 0
        var afterPoint = false
        var exponent = 0
        let text = Array(number.magnitude.description.utf8)
        var i = 0
        scan: while i < text.count {
            let c = text[i]
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                significand.append(Int64(c - UInt8(ascii: "0")))
                if afterPoint { fractionDigits += 1 }
            case UInt8(ascii: "."):
                afterPoint = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                guard let e = Int(String(decoding: text[(i + 1)...], as: UTF8.self)) else { return nil }
                exponent = e
                break scan
            default:
                return nil
            }
            i += 1
        }
        exponent -= fractionDigits
        while significand.count > 1, significand.last == 0 {
            significand.removeLast()
            exponent += 1
        }
        guard exponent >= -4 else { return nil }
        var value: Int64 = 0
        for digit in significand { value = value * 10 + digit }
        for _ in 0..<(exponent + 4) { value *= 10 }
        self.init(tenThousandths: number < 0 ? -value : value)
    }
}
