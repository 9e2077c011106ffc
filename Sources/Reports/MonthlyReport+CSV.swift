extension MonthlyReport {
    /// Column headers of the `units` table (documented in README.md, "CSV tables").
    static let unitsHeaders = [
        "Mã đơn vị", "Tên đơn vị", "Sáp nhập vào", "Các đơn vị đã sáp nhập", "Số nhiệm vụ được giao", "Hoàn thành đúng hạn",
        "Hoàn thành quá hạn", "Đang thực hiện trong hạn", "Quá hạn chưa hoàn thành", "Tỷ lệ hoàn thành đúng hạn (%)",
    ]
    static let overdueHeaders = ["Mã nhiệm vụ", "Mã đơn vị chủ trì", "Tên đơn vị chủ trì", "Tên nhiệm vụ", "Hạn hoàn thành", "Số ngày quá hạn"]
    static let dueSoonHeaders = ["Mã nhiệm vụ", "Mã đơn vị chủ trì", "Tên đơn vị chủ trì", "Tên nhiệm vụ", "Hạn hoàn thành", "Số ngày còn lại"]

    /// One table as CSV: `units` (a row per unit, then a row labelled "Tổng cộng"), `overdue` or `dueSoon`.
    public func csv(table: ReportTable) throws(ReportError) -> String {
        switch table {
        case .units:
            var csv = CSVTable(headers: Self.unitsHeaders)
            for row in units {
                csv.appendRow([row.unitId, row.name, row.mergedInto, row.mergedUnits.joined(separator: "; ")] + Self.fields(row.figures))
            }
            csv.appendRow(["Tổng cộng", nil, nil, nil] + Self.fields(totals))
            return csv.string
        case .overdue:
            var csv = CSVTable(headers: Self.overdueHeaders)
            for task in overdue {
                csv.appendRow([task.taskId, task.unitId, task.unitName, task.title, task.deadline.description, String(task.daysOverdue)])
            }
            return csv.string
        case .dueSoon:
            var csv = CSVTable(headers: Self.dueSoonHeaders)
            for task in dueSoon {
                csv.appendRow([task.taskId, task.unitId, task.unitName, task.title, task.deadline.description, String(task.daysLeft)])
            }
            return csv.string
        case .heads, .people:
            throw .tableNotInReport(table: table, kind: "monthly", available: Self.tables)
        }
    }

    private static func fields(_ counts: StatusCounts) -> [String?] {
        [
            String(counts.assigned), String(counts.completedOnTime), String(counts.completedLate), String(counts.openOnTime),
            String(counts.openOverdue), counts.onTimeRate?.description,
        ]
    }
}
