import Domain

extension MonthlyReport {
    static let title = "Báo cáo thống kê kết quả thực hiện nhiệm vụ"

    /// The four statuses in the order the chart stacks them, with their colours.
    static let chartStatuses: [(status: TaskStatus, colour: String)] = [
        (.completedOnTime, "#2e7d32"), (.completedLate, "#f9a825"), (.openOnTime, "#1565c0"), (.openOverdue, "#c62828"),
    ]

    /// One printable A4 page: counts per unit with a stacked bar chart, the overdue and due-soon lists, the
    /// Office's entry lag, and the cutoff in the footer.
    public func html() -> String {
        var body = "<h1>\(HTMLPage.escape(Self.title))</h1>\n"
        body +=
            "<p class=\"sub\">Nhiệm vụ giao từ ngày \(HTMLPage.date(from)) đến ngày \(HTMLPage.date(to)); "
            + "tình trạng tính đến ngày \(HTMLPage.date(cutoff.date)).</p>\n"
        if rollup == .successor {
            body += "<p class=\"sub\">Số liệu của đơn vị đã sáp nhập được cộng vào đơn vị kế thừa.</p>\n"
        }

        let chartRows = units.filter { $0.figures.assigned > 0 }.map { row in
            (label: row.unitId, values: Self.chartStatuses.map { row.figures.count(of: $0.status) })
        }
        body += HTMLPage.section(
            "Biểu đồ tình trạng nhiệm vụ theo đơn vị",
            chartRows.isEmpty
                ? nil
                : SVGChart.stackedBars(
                    segments: Self.chartStatuses.map { SVGChart.Segment(label: $0.status.vietnameseLabel, colour: $0.colour) },
                    rows: chartRows,
                    title: "Tình trạng nhiệm vụ theo đơn vị"
                ),
            empty: "Không có nhiệm vụ được giao trong kỳ."
        )

        var unitRows: [[String?]] = units.map { row in
            [row.unitId, row.name + Self.mergeNote(row)] + Self.cells(row.figures)
        }
        unitRows.append(["", "Tổng cộng"] + Self.cells(totals))
        body += HTMLPage.section(
            "Kết quả theo đơn vị",
            HTMLPage.table(
                headers: ["Mã đơn vị", "Tên đơn vị", "Được giao"] + Self.chartStatuses.map(\.status.vietnameseLabel) + ["Tỷ lệ đúng hạn (%)"],
                rows: unitRows,
                numeric: Set(2...7),
                totalRow: true
            )
        )

        body +=
            "<h2>Nhiệm vụ quá hạn chưa hoàn thành (\(overdue.count))</h2>\n"
            + "<p>Quá hạn 1–30 ngày: \(overdueBuckets.days1To30); 31–90 ngày: \(overdueBuckets.days31To90); "
            + "trên 90 ngày: \(overdueBuckets.over90Days).</p>\n"
        body +=
            overdue.isEmpty
            ? "<p class=\"empty\">Không có.</p>\n"
            : HTMLPage.table(
                headers: ["Mã nhiệm vụ", "Đơn vị chủ trì", "Tên nhiệm vụ", "Hạn hoàn thành", "Số ngày quá hạn"],
                rows: overdue.map { [$0.taskId, $0.unitName ?? $0.unitId, $0.title, HTMLPage.date($0.deadline), String($0.daysOverdue)] },
                numeric: [4]
            )

        body += HTMLPage.section(
            "Nhiệm vụ sắp đến hạn trong 3 ngày (\(dueSoon.count))",
            dueSoon.isEmpty
                ? nil
                : HTMLPage.table(
                    headers: ["Mã nhiệm vụ", "Đơn vị chủ trì", "Tên nhiệm vụ", "Hạn hoàn thành", "Số ngày còn lại"],
                    rows: dueSoon.map { [$0.taskId, $0.unitName ?? $0.unitId, $0.title, HTMLPage.date($0.deadline), String($0.daysLeft)] },
                    numeric: [4]
                )
        )

        body += HTMLPage.section(
            "Thời gian nhập nhiệm vụ vào phần mềm của Văn phòng",
            entryLag.measured == 0
                ? nil
                : "<p>Số ngày từ ngày ban hành văn bản giao nhiệm vụ đến ngày nhập vào phần mềm, trên \(entryLag.measured) nhiệm vụ: "
                    + "trung vị \(entryLag.median?.description ?? "—") ngày; lâu nhất \(entryLag.max.map(String.init) ?? "—") ngày; "
                    + "\(entryLag.over1Day) nhiệm vụ nhập sau hơn 1 ngày.</p>\n"
        )
        return HTMLPage.document(title: Self.title, body: body, footer: HTMLPage.cutoffFooter(cutoff))
    }

    private static func cells(_ counts: StatusCounts) -> [String?] {
        [String(counts.assigned)] + chartStatuses.map { String(counts.count(of: $0.status)) } + [counts.onTimeRate?.description ?? "—"]
    }

    /// "(đã sáp nhập vào X)" or "(gồm cả A, B)": why a row's figures are what they are.
    static func mergeNote<Figures>(_ row: UnitRow<Figures>) -> String {
        if let successor = row.mergedInto { return " (đã sáp nhập vào \(successor))" }
        if !row.mergedUnits.isEmpty { return " (gồm cả \(row.mergedUnits.joined(separator: ", ")))" }
        return ""
    }
}
