/// One CSV file as a spreadsheet opens it correctly (SPEC §5 "Other formats"): UTF-8 with a byte order mark
/// (without it, Excel reads Vietnamese diacritics as Windows-1252), comma-separated, CRLF line ends, fields
/// quoted per RFC 4180 only when they hold a comma, quote, CR or LF.
struct CSVTable {
    private var text = "\u{FEFF}"

    init(headers: [String]) { appendRow(headers) }

    /// Appends one row; `nil` fields are written empty (SPEC: null as empty).
    mutating func appendRow(_ fields: [String?]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { text += "," }
            text += Self.quoted(field ?? "")
        }
        text += "\r\n"
    }

    var string: String { text }

    static func quoted(_ field: String) -> String {
        let needsQuotes = field.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 13 || $0 == 10 }
        guard needsQuotes else { return field }
        var out = "\""
        for scalar in field.unicodeScalars {
            if scalar == "\"" { out += "\"" }
            out.unicodeScalars.append(scalar)
        }
        return out + "\""
    }
}
