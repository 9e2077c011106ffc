import Foundation

/// The text rules of SPEC §3: trim, normalise to NFC, then refuse empty text, control characters and text
/// over its bound, in that order.
enum TextRules {
    /// The normalised text, or the first text rule it breaks.
    ///
    /// - Trimming removes leading and trailing Unicode white space that is *not* a control character
    ///   (spaces, U+00A0, U+3000, …). A newline or tab at either end is a control character and is refused
    ///   rather than silently dropped, so "no newlines inside a field" holds for the whole value.
    /// - Control characters are the Unicode general category Cc (U+0000–U+001F, U+007F–U+009F) plus the
    ///   line and paragraph separators U+2028 and U+2029, which are newlines by another name.
    ///
    /// Empty text is refused where the field is required; for an optional field (`required: false`) it
    /// means "not given" and the result is `nil`.
    static func normalise(_ raw: String, kind: TextKind, field: String, required: Bool = true) throws(Refusal) -> String? {
        // Control characters have no decomposition and combine with nothing, so checking them before NFC
        // gives the same answer as after, and lets one pass also decide whether NFC can change the text.
        var text = trimmed(raw)
        var count = 0
        var mayChangeUnderNFC = false
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                throw Refusal(
                    .textControlCharacters,
                    field: field,
                    "Trường \(field) chứa ký tự điều khiển (U+\(hex(scalar.value))), ví dụ xuống dòng hoặc tab; hãy nhập trên một dòng."
                )
            }
            if !isStableUnderNFC(scalar) { mayChangeUnderNFC = true }
            count += 1
        }
        if mayChangeUnderNFC {
            text = text.precomposedStringWithCanonicalMapping
            count = text.unicodeScalars.count
        }
        if count == 0 {
            guard required else { return nil }
            throw Refusal(.textEmpty, field: field, "Trường \(field) không được để trống.")
        }
        if count > kind.maxScalars {
            throw Refusal(
                .textTooLong,
                field: field,
                "Trường \(field) dài \(count) ký tự, vượt quá giới hạn \(kind.maxScalars) ký tự; hãy rút gọn."
            )
        }
        if kind == .id, !IdFormat.isValid(text) {
            throw Refusal(
                .invalidValue,
                field: field,
                "Mã \"\(text)\" không hợp lệ: mã chỉ gồm chữ cái không dấu, chữ số và các ký tự - _ . (bắt đầu bằng chữ hoặc số)."
            )
        }
        return text
    }

    /// Scalars that NFC leaves alone whatever surrounds them: everything below U+0300 (ASCII, Latin-1,
    /// Latin Extended-A/B: no combining marks, no singletons), the precomposed Vietnamese letters of Latin
    /// Extended Additional (U+1E00–U+1EFF) and the dashes, quotes and ellipsis of General Punctuation
    /// (U+2010–U+205E). Text made only of these — nearly all of the province's text — skips Foundation's
    /// normaliser, the costliest step of `validate`; anything else (a combining mark, Greek, Hangul, …)
    /// goes through it.
    private static func isStableUnderNFC(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x300 || (0x1E00...0x1EFF).contains(v) || (0x2010...0x205E).contains(v)
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || (v >= 0x7F && v <= 0x9F) || v == 0x2028 || v == 0x2029
    }

    private static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isTrimmable($0) }) else { return "" }
        guard let last = scalars.lastIndex(where: { !isTrimmable($0) }) else { return "" }
        if first == scalars.startIndex && scalars.index(after: last) == scalars.endIndex { return text }
        return String(scalars[first...last])
    }

    /// White space that is not a control character; ASCII is decided without the Unicode property tables.
    private static func isTrimmable(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0xA0 { return v == 0x20 }
        return scalar.properties.isWhitespace && !isControl(scalar)
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
