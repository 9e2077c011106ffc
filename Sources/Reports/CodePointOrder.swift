/// Plain code-point order (SPEC §5 "Order").
///
/// Swift's `String <` compares by Unicode canonical equivalence, which is not code-point order for
/// every string; UTF-8 byte order is. Ids are NFC-normalised on entry, so equal ids have equal bytes.
@inline(__always)
func codePointPrecedes(_ a: String, _ b: String) -> Bool {
    a.utf8.lexicographicallyPrecedes(b.utf8)
}
