/// The member order of RFC 8785 (section 3.2.3): keys compared as arrays of UTF-16 code units.
///
/// Swift strings are UTF-8, and UTF-8 byte order is code point order, which agrees with UTF-16 order
/// except in one place: a code point above U+FFFF is a surrogate pair (0xD800…0xDBFF) in UTF-16, so it
/// sorts *before* U+E000…U+FFFF there, but after them in UTF-8. This compares the UTF-8 bytes and corrects
/// that one case, which avoids transcoding every key.
enum UTF16KeyOrder {
    static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        let contiguous = lhs.utf8.withContiguousStorageIfAvailable { left in
            rhs.utf8.withContiguousStorageIfAvailable { right in precedes(left, right) }
        }
        if let contiguous, let result = contiguous { return result }
        return precedes(Array(lhs.utf8), Array(rhs.utf8))
    }

    private static func precedes(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        lhs.withUnsafeBufferPointer { left in rhs.withUnsafeBufferPointer { right in precedes(left, right) } }
    }

    private static func precedes(_ lhs: UnsafeBufferPointer<UInt8>, _ rhs: UnsafeBufferPointer<UInt8>) -> Bool {
        let common = min(lhs.count, rhs.count)
        var position = 0
        while position < common && lhs[position] == rhs[position] { position += 1 }
        guard position < common else { return lhs.count < rhs.count }
        let l = lhs[position]
        let r = rhs[position]
        // Both strings agree up to here, so these bytes sit at the same place in a code point:
        // either both lead bytes, or both continuation bytes of same-length sequences.
        // 0xF0…0xF4 lead a code point above U+FFFF; 0xEE and 0xEF lead U+E000…U+FFFF.
        if l >= 0xF0 && (r == 0xEE || r == 0xEF) { return true }
        if r >= 0xF0 && (l == 0xEE || l == 0xEF) { return false }
        return l < r
    }
}
