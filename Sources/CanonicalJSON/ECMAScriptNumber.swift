/// Writes a double the way ECMAScript's `Number.prototype.toString` does, which is the number form
/// RFC 8785 prescribes (section 3.2.2.3): integers without `.0`, `-0` as `0`, plain notation for
/// decimal exponents from -6 to 20, and otherwise `d.ddde+N` / `d.ddde-N`, always with the shortest
/// digits that read back as the same double.
enum ECMAScriptNumber {
    /// Appends the ECMAScript form of `value`. NaN and the infinities, which have no JSON form and which
    /// the parser never produces, are written as `null`, as `JSON.stringify` writes them.
    static func append(_ value: Double, to buffer: inout [UInt8]) {
        guard value.isFinite else {
            buffer.append(contentsOf: Literal.null)
            return
        }
        if value == 0 {
            buffer.append(ASCII.zero)
            return
        }
        // Integers below 2^53 are exact, and their shortest digits are all their digits: write them directly.
        if value.magnitude < 9_007_199_254_740_992 {
            let truncated = Int64(value)
            if Double(truncated) == value {
                appendInteger(truncated, to: &buffer)
                return
            }
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { digits in
            let (count, pointPosition) = shortestDigits(of: value.magnitude, into: digits)
            if value < 0 { buffer.append(ASCII.minus) }
            layOut(digits: UnsafeBufferPointer(rebasing: digits[0..<count]), pointPosition: pointPosition, to: &buffer)
        }
    }

    /// The shortest round-trip decimal digits of a positive finite `value` (no leading or trailing zeros)
    /// and `n`, the position of the decimal point: value = 0.d₁d₂…dₖ × 10ⁿ.
    ///
    /// The digits come from the standard library's `description`, which prints the shortest digits that
    /// round-trip (and the closest of them); only its layout differs from ECMAScript's (`1e-07`, `1e+16`).
    private static func shortestDigits(of value: Double, into digits: UnsafeMutableBufferPointer<UInt8>) -> (count: Int, pointPosition: Int) {
        var count = 0
        var integerDigits: Int?
        var exponent = 0
        var exponentNegative = false
        var inExponent = false
        for byte in value.description.utf8 {
            switch byte {
            case ASCII.zero...ASCII.nine:
                if inExponent {
                    exponent = exponent * 10 + Int(byte - ASCII.zero)
                } else if count < digits.count {
                    digits[count] = byte
                    count += 1
                }
            case ASCII.dot: integerDigits = count
            case ASCII.e, ASCII.e - 0x20: inExponent = true
            case ASCII.minus: exponentNegative = true
            default: break
            }
        }
        var pointPosition = (integerDigits ?? count) + (exponentNegative ? -exponent : exponent)
        var first = 0
        while first < count - 1, digits[first] == ASCII.zero {
            first += 1
            pointPosition -= 1
        }
        while count > first + 1, digits[count - 1] == ASCII.zero { count -= 1 }
        if first > 0 {
            for position in first..<count { digits[position - first] = digits[position] }
            count -= first
        }
        return (count, pointPosition)
    }

    /// Step 6 onwards of ECMAScript's Number::toString, given the digits d₁…dₖ and n.
    private static func layOut(digits: UnsafeBufferPointer<UInt8>, pointPosition n: Int, to buffer: inout [UInt8]) {
        let k = digits.count
        if k <= n && n <= 21 {
            // 1e+20 → 100000000000000000000
            buffer.append(contentsOf: digits)
            buffer.append(contentsOf: repeatElement(ASCII.zero, count: n - k))
        } else if 0 < n && n <= 21 {
            // 123.456
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: digits[0..<n]))
            buffer.append(ASCII.dot)
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: digits[n...]))
        } else if -6 < n && n <= 0 {
            // 0.000001
            buffer.append(ASCII.zero)
            buffer.append(ASCII.dot)
            buffer.append(contentsOf: repeatElement(ASCII.zero, count: -n))
            buffer.append(contentsOf: digits)
        } else {
            // 1e+21, 1.5e-7
            buffer.append(digits[0])
            if k > 1 {
                buffer.append(ASCII.dot)
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: digits[1...]))
            }
            buffer.append(ASCII.e)
            buffer.append(n - 1 < 0 ? ASCII.minus : ASCII.plus)
            appendInteger(Int64((n - 1).magnitude), to: &buffer)
        }
    }

    /// Appends the decimal digits of `value` without going through `String`.
    static func appendInteger(_ value: Int64, to buffer: inout [UInt8]) {
        if value < 0 { buffer.append(ASCII.minus) }
        var magnitude = value.magnitude
        if magnitude < 10 {
            buffer.append(ASCII.zero + UInt8(magnitude))
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { scratch in
            var position = scratch.count
            while magnitude > 0 {
                position -= 1
                scratch[position] = ASCII.zero + UInt8(magnitude % 10)
                magnitude /= 10
            }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: scratch[position...]))
        }
    }
}
