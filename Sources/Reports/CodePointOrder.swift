/// Plain code-point order (SPEC §5 "Order").
///
/// Swift's `String <` compares by Unicode canonical equivalence, which is not code-point order for
/// every string; UTF-8 byte order is. Ids are NFC-normalised on entry, so equal ids have equal bytes.
/// The bytes are compared in place (native strings are contiguous UTF-8): report lists of thousands of overdue
/// tasks are sorted with this.
@inline(__always)
func codePointPrecedes(_ a: String, _ b: String) -> Bool {
    var a = a
    var b = b
    return a.withUTF8 { x in
        b.withUTF8 { y in
            let common = min(x.count, y.count)
            var i = 0
            while i < common {
                if x[i] != y[i] { return x[i] < y[i] }
                i += 1
            }
            return x.count < y.count
        }
    }
}
