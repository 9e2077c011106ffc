/// The kinds of text field of SPEC §3, each with its length bound.
///
/// Lengths are counted in Unicode scalars after NFC normalisation, not in grapheme clusters: grapheme
/// breaking changes between Unicode versions, and a payload accepted today must be judged the same way on
/// every later replay. Vietnamese text in NFC has one scalar per letter (`ệ` is U+1EC7), so for the
/// province's text the two counts agree.
enum TextKind: Sendable {
    /// Unit, person, task, policy and token ids: also restricted to `IdFormat`, since they go into stream names.
    case id
    /// Document numbers such as `5425/UBND-KGVX`.
    case documentNumber
    /// Names, titles (of people), labels, signers, fields of work.
    case name
    /// A task's title.
    case taskTitle
    /// Details, notes, results, reasons, summaries.
    case longText

    /// The largest number of Unicode scalars the text may hold.
    var maxScalars: Int {
        switch self {
        case .id: 64
        case .documentNumber: 100
        case .name: 300
        case .taskTitle: 1_000
        case .longText: 10_000
        }
    }
}

/// The id format: 1 to 64 ASCII letters, digits, `-`, `_` and `.`, starting with a letter or digit.
///
/// Ids go into stream names (`task/<id>`) and URLs (`/v1/tasks/<id>`), so they exclude `/`, spaces, `%` and
/// anything that would need escaping; `5425/UBND-KGVX` is a document number, never an id.
enum IdFormat {
    static func isValid(_ id: String) -> Bool {
        var first = true
        for byte in id.utf8 {
            let isAlphanumeric =
                (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            if first {
                guard isAlphanumeric else { return false }
                first = false
            } else {
                guard isAlphanumeric || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") else {
                    return false
                }
            }
        }
        return !first
    }
}
