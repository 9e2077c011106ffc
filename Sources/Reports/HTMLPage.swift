import ProvinceTime

/// The pieces of a self-contained, printable A4 page (SPEC §5 "Other formats").
///
/// No scripts, fonts, stylesheets or images by URL: the page must print the same offline years later, and
/// every piece of text from the log is escaped, since names and titles are user input.
enum HTMLPage {
    /// Escapes text for element content and double-quoted attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A date as Vietnamese readers write it: `05/03/2026`.
    static func date(_ date: LocalDate) -> String {
        let text = date.description  // YYYY-MM-DD
        let parts = text.split(separator: "-")
        guard parts.count == 3 else { return text }
        return "\(parts[2])/\(parts[1])/\(parts[0])"
    }

    /// A whole page: `body` and `footer` are already HTML.
    static func document(title: String, body: String, footer: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="vi">
        <head>
        <meta charset="utf-8">
        <title>\(escape(title))</title>
        <style>
        @page { size: A4; margin: 15mm 12mm; }
        * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body { font-family: "Times New Roman", Times, serif; font-size: 11pt; color: #000; margin: 0 auto; max-width: 186mm; }
        h1 { font-size: 15pt; text-align: center; text-transform: uppercase; margin: 0 0 4pt; }
        h2 { font-size: 12pt; margin: 12pt 0 4pt; break-after: avoid; page-break-after: avoid; }
        p.sub { text-align: center; margin: 0 0 2pt; }
        table { border-collapse: collapse; width: 100%; margin: 4pt 0; font-size: 9.5pt; }
        th, td { border: 0.5pt solid #444; padding: 2pt 4pt; vertical-align: top; }
        th { background: #eee; font-weight: bold; text-align: center; }
        td.n { text-align: right; white-space: nowrap; }
        tr.total td { font-weight: bold; background: #f5f5f5; }
        thead { display: table-header-group; }
        tr, svg { break-inside: avoid; page-break-inside: avoid; }
        svg { display: block; margin: 4pt 0; max-width: 100%; height: auto; }
        footer { margin-top: 12pt; border-top: 0.5pt solid #444; padding-top: 4pt; font-size: 8.5pt; word-break: break-all; }
        footer p { margin: 1pt 0; }
        .empty { font-style: italic; }
        @media screen { body { padding: 12mm; } }
        </style>
        </head>
        <body>
        \(body)<footer>
        \(footer)</footer>
        </body>
        </html>

        """
    }

    /// A table; cells are plain text (escaped here). `numeric` columns are right-aligned; `totalRow` marks the
    /// last row as a total.
    static func table(headers: [String], rows: [[String?]], numeric: Set<Int>, totalRow: Bool = false) -> String {
        var html = "<table>\n<thead><tr>"
        for header in headers { html += "<th>\(escape(header))</th>" }
        html += "</tr></thead>\n<tbody>\n"
        for (rowIndex, row) in rows.enumerated() {
            html += totalRow && rowIndex == rows.count - 1 ? "<tr class=\"total\">" : "<tr>"
            for (column, cell) in row.enumerated() {
                html += numeric.contains(column) ? "<td class=\"n\">" : "<td>"
                html += escape(cell ?? "")
                html += "</td>"
            }
            html += "</tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    /// A section heading, then `content`, or a line saying there is nothing to list.
    static func section(_ heading: String, _ content: String?, empty: String = "Không có.") -> String {
        "<h2>\(escape(heading))</h2>\n" + (content ?? "<p class=\"empty\">\(escape(empty))</p>\n")
    }

    /// The cutoff and its proof data: what lets a reader reproduce and prove the page from the log.
    static func cutoffFooter(_ cutoff: Cutoff) -> String {
        var html =
            "<p>Số liệu chốt tại sự kiện số (seq) \(cutoff.seq), mã băm (hash) <code>\(escape(cutoff.hash))</code>, "
            + "thời điểm (at) \(escape(cutoff.at.description)) — ngày \(date(cutoff.date)) theo giờ Việt Nam (UTC+7).</p>\n"
        if let treeSize = cutoff.treeSize, let treeRoot = cutoff.treeRoot {
            html += "<p>Cây Merkle: kích thước \(treeSize), gốc <code>\(escape(treeRoot))</code>.</p>\n"
        }
        return html
    }
}
