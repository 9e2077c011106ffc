import Domain

extension AnnualReport {
    /// The figure columns shared by every annual table (documented in README.md, "CSV tables").
    static let figureHeaders =
        [
            "Số nhiệm vụ đến hạn", "Hoàn thành đúng hạn", "Hoàn thành quá hạn", "Quá hạn chưa hoàn thành", "Điểm", "Xếp loại",
            "Số nhiệm vụ được đánh giá chất lượng",
        ] + Grade.allCases.map { "Chất lượng: \($0.vietnameseLabel)" }
    static let unitsHeaders = ["Mã đơn vị", "Tên đơn vị", "Sáp nhập vào", "Các đơn vị đã sáp nhập"] + figureHeaders
    static let headsHeaders = ["Mã đơn vị", "Tên đơn vị", "Mã người đứng đầu", "Họ và tên", "Từ ngày", "Đến ngày"] + figureHeaders
    static let peopleHeaders = ["Mã cá nhân", "Họ và tên", "Mã đơn vị", "Tên đơn vị"] + figureHeaders

    /// One table as CSV: `units`, `heads` or `people`.
    public func csv(table: ReportTable) throws(ReportError) -> String {
        switch table {
        case .units:
            var csv = CSVTable(headers: Self.unitsHeaders)
            for row in units {
                csv.appendRow([row.unitId, row.name, row.mergedInto, row.mergedUnits.joined(separator: "; ")] + fields(row.figures))
            }
            return csv.string
        case .heads:
            var csv = CSVTable(headers: Self.headsHeaders)
            for head in heads {
                csv.appendRow(
                    [head.unitId, head.unitName, head.personId, head.personName, head.from.description, head.to?.description]
                        + fields(head.figures)
                )
            }
            return csv.string
        case .people:
            var csv = CSVTable(headers: Self.peopleHeaders)
            for person in people {
                csv.appendRow([person.personId, person.name, person.unitId, person.unitName] + fields(person.figures))
            }
            return csv.string
        case .overdue, .dueSoon:
            throw .tableNotInReport(table: table, kind: "annual", available: Self.tables)
        }
    }

    private func fields(_ figures: ScoreFigures) -> [String?] {
        [
            String(figures.due), String(figures.completedOnTime), String(figures.completedLate), String(figures.openOverdue),
            score(figures)?.description, band(figures)?.label, String(figures.quality.evaluated),
        ] + Grade.allCases.map { String(figures.quality.count(of: $0)) }
    }
}
