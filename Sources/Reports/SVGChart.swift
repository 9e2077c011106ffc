/// Charts as inline SVG (SPEC §5: no external assets). Coordinates are computed with integers so the page is
/// byte-identical for the same report.
enum SVGChart {
    struct Segment {
        var label: String
        var colour: String
    }

    static let labelWidth = 150
    static let barWidth = 440
    static let rowHeight = 18
    static let width = labelWidth + barWidth + 60

    /// One horizontal stacked bar per row, scaled to the largest row total, with a legend on top.
    static func stackedBars(segments: [Segment], rows: [(label: String, values: [Int])], title: String) -> String {
        let maxTotal = max(1, rows.map { $0.values.reduce(0, +) }.max() ?? 1)
        let legendHeight = 22
        let height = legendHeight + rows.count * rowHeight + 4
        var svg = header(height: height, title: title)
        var x = 0
        for segment in segments {
            svg += "<rect x=\"\(x)\" y=\"4\" width=\"10\" height=\"10\" fill=\"\(segment.colour)\"/>"
            svg += "<text x=\"\(x + 14)\" y=\"13\" font-size=\"10\">\(HTMLPage.escape(segment.label))</text>\n"
            x += 14 + segment.label.count * 6 + 14
        }
        for (index, row) in rows.enumerated() {
            let y = legendHeight + index * rowHeight
            svg += "<text x=\"\(labelWidth - 4)\" y=\"\(y + 12)\" font-size=\"10\" text-anchor=\"end\">\(HTMLPage.escape(row.label))</text>"
            var cumulative = 0
            for (segmentIndex, value) in row.values.enumerated() where value > 0 {
                let start = labelWidth + barWidth * cumulative / maxTotal
                cumulative += value
                let end = labelWidth + barWidth * cumulative / maxTotal
                let colour = segments[segmentIndex].colour
                svg += "<rect x=\"\(start)\" y=\"\(y + 2)\" width=\"\(end - start)\" height=\"\(rowHeight - 4)\" fill=\"\(colour)\"/>"
            }
            svg += "<text x=\"\(labelWidth + barWidth * cumulative / maxTotal + 4)\" y=\"\(y + 12)\" font-size=\"10\">\(cumulative)</text>\n"
        }
        return svg + "</svg>\n"
    }

    /// One horizontal bar per row on a 0–100 scale, with a dashed line at each band minimum.
    static func scoreBars(rows: [(label: String, score: TwoDecimals?)], thresholds: [TwoDecimals], title: String) -> String {
        let top = 14
        let height = top + rows.count * rowHeight + 4
        var svg = header(height: height, title: title)
        for tick in stride(from: 0, through: 100, by: 10) {
            let x = labelWidth + barWidth * tick / 100
            svg += "<text x=\"\(x)\" y=\"10\" font-size=\"8\" text-anchor=\"middle\">\(tick)</text>"
        }
        svg += "\n"
        for (index, row) in rows.enumerated() {
            let y = top + index * rowHeight
            svg += "<text x=\"\(labelWidth - 4)\" y=\"\(y + 12)\" font-size=\"10\" text-anchor=\"end\">\(HTMLPage.escape(row.label))</text>"
            if let score = row.score {
                let clamped = Int(min(max(score.hundredths, 0), 10_000))
                let length = barWidth * clamped / 10_000
                svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 2)\" width=\"\(length)\" height=\"\(rowHeight - 4)\" fill=\"#1565c0\"/>"
                svg += "<text x=\"\(labelWidth + length + 4)\" y=\"\(y + 12)\" font-size=\"10\">\(score)</text>\n"
            } else {
                svg += "<text x=\"\(labelWidth + 4)\" y=\"\(y + 12)\" font-size=\"10\">—</text>\n"
            }
        }
        let bottom = top + rows.count * rowHeight
        for threshold in thresholds where threshold.hundredths >= 0 && threshold.hundredths <= 10_000 {
            let x = labelWidth + barWidth * Int(threshold.hundredths) / 10_000
            svg += "<line x1=\"\(x)\" y1=\"\(top)\" x2=\"\(x)\" y2=\"\(bottom)\" stroke=\"#c62828\" stroke-dasharray=\"3,2\"/>\n"
        }
        return svg + "</svg>\n"
    }

    private static func header(height: Int, title: String) -> String {
        // Inline SVG in HTML needs no namespace attribute, and the page carries no URL at all.
        "<svg role=\"img\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\">"
            + "<title>\(HTMLPage.escape(title))</title>\n"
    }
}
