/// The bytes where plain text inside a JSON string stops: a quote, a backslash or a control character (the
/// bytes the encoder must escape and the tokenizer must look at). Bytes of 0x80 and more are text here.
enum StringStops {
    /// The high bit of each byte of `word` that is a stop, by the classic "has a byte less than / equal to" bit
    /// tricks. The lowest set bit is exact (a false one can only follow a true one, through a borrow), so its
    /// position is the first stop in the word.
    @inline(__always)
    static func mask(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* UInt64(ASCII.quote))
        let backslash = word ^ (ones &* UInt64(ASCII.backslash))
        return ((word &- ones &* 0x20) & ~word & highBits)
            | ((quote &- ones) & ~quote & highBits)
            | ((backslash &- ones) & ~backslash & highBits)
    }
}
