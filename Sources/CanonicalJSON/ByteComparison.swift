/// Comparing byte ranges of a document (member names, short strings) without the per-element overhead of
/// `elementsEqual`: eight bytes at a time, then the rest.
@usableFromInline
enum ByteComparison {
    @inline(__always)
    static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        guard let pa = a.baseAddress, let pb = b.baseAddress else { return true }
        var offset = 0
        while offset + 8 <= a.count {
            if UnsafeRawPointer(pa + offset).loadUnaligned(as: UInt64.self) != UnsafeRawPointer(pb + offset).loadUnaligned(as: UInt64.self) {
                return false
            }
            offset += 8
        }
        while offset < a.count {
            if pa[offset] != pb[offset] { return false }
            offset += 1
        }
        return true
    }

    /// Whether `a` sorts strictly before `b` as unsigned bytes (a prefix first), the order of RFC 8785 for ASCII
    /// member names. `prefixA` and `prefixB` are their `prefixWord`s, which decide unless they are equal.
    static func lessThan(_ a: UnsafeBufferPointer<UInt8>, prefixA: UInt64, _ b: UnsafeBufferPointer<UInt8>, prefixB: UInt64) -> Bool {
        if prefixA != prefixB { return prefixA.byteSwapped < prefixB.byteSwapped }
        for offset in 0..<min(a.count, b.count) where a[offset] != b[offset] { return a[offset] < b[offset] }
        return a.count < b.count
    }

    /// The first eight bytes of `bytes` (all of them, zero-padded, when fewer) as one little-endian word: a
    /// string's prefix as the tape records it, so that most comparisons of two names take one step.
    @inline(__always)
    static func prefixWord(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 { prefixWord(bytes.baseAddress, count: bytes.count) }

    @inlinable
    static func prefixWord(_ start: UnsafePointer<UInt8>?, count: Int) -> UInt64 {
        guard let start else { return 0 }
        if count >= 8 { return UInt64(littleEndian: UnsafeRawPointer(start).loadUnaligned(as: UInt64.self)) }
        var word: UInt64 = 0
        for position in 0..<count { word |= UInt64(start[position]) << (8 * position) }
        return word
    }
}
