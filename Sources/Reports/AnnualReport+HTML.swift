import Domain

extension AnnualReport {
    var title: String { "Báo cáo chấm điểm kết quả thực hiện nhiệm vụ năm \(year)" }

    /// One printable A4 page: scores per unit with a bar chart, the heads' and individuals' figures, and the
    /// cutoff and policy in the footer.
    public func html() -> String {
        var body = "<h1>\(HTMLPage.escape(title))</h1>\n"
        body +=
            "<p class=\"sub\">Nhiệm vụ có hạn hoàn thành trong năm \(year), đã hoàn thành hoặc đã quá hạn; "
            + "tình trạng tính đến ngày \(HTMLPage.date(cutoff.date)).</p>\n"
        if rollup == .successor {
            body += "<p class=\"sub\">Số liệu của đơn vị đã sáp nhập được cộng vào đơn vị kế thừa.</p>\n"
        }

        let scored = units.filter { $0.figures.due > 0 }
        body += HTMLPage.section(
            "Biểu đồ điểm theo đơn vị",
            scored.isEmpty
                ? nil
                : SVGChart.scoreBars(
                    rows: scored.map { (label: $0.unitId, score: score($0.figures)) },
                    thresholds: policy.bands.map { TwoDecimals(hundredths: $0.min.tenThousandths / 100) },
                    title: "Điểm theo đơn vị"
                ),
            empty: "Chưa có nhiệm vụ nào đến hạn trong năm."
        )

        body += HTMLPage.section(
            "Kết quả theo đơn vị",
            HTMLPage.table(
                headers: ["Mã đơn vị", "Tên đơn vị"] + Self.figureColumns,
                rows: units.map { [$0.unitId, $0.name + MonthlyReport.mergeNote($0)] + cells($0.figures) },
                numeric: Self.numericFigureColumns(after: 2)
            )
        )
        body += HTMLPage.section(
            "Kết quả theo nhiệm kỳ người đứng đầu",
            heads.isEmpty
                ? nil
                : HTMLPage.table(
                    headers: ["Đơn vị", "Người đứng đầu", "Từ ngày", "Đến ngày"] + Self.figureColumns,
                    rows: heads.map { head in
                        [
                            head.unitName ?? head.unitId, head.personName ?? head.personId, HTMLPage.date(head.from),
                            head.to.map(HTMLPage.date) ?? "nay",
                        ]
                            + cells(head.figures)
                    },
                    numeric: Self.numericFigureColumns(after: 4)
                )
        )
        body += HTMLPage.section(
            "Kết quả theo cá nhân",
            people.isEmpty
                ? nil
                : HTMLPage.table(
                    headers: ["Mã cá nhân", "Họ và tên", "Đơn vị"] + Self.figureColumns,
                    rows: people.map { person in
                        [person.personId, person.name, person.unitName ?? person.unitId] + cells(person.figures)
                    },
                    numeric: Self.numericFigureColumns(after: 3)
                )
        )
        return HTMLPage.document(title: title, body: body, footer: HTMLPage.cutoffFooter(cutoff) + policyFooter)
    }

    /// Short headers: the table must fit A4 portrait.
    static let figureColumns =
        [
            "Đến hạn", "Hoàn thành đúng hạn", "Hoàn thành quá hạn", "Quá hạn chưa hoàn thành", "Điểm", "Xếp loại", "Được đánh giá chất lượng",
        ] + Grade.allCases.map { "Chất lượng: \($0.vietnameseLabel)" }

    /// The right-aligned columns of a table whose figure columns start at `offset` (all but the band label).
    private static func numericFigureColumns(after offset: Int) -> Set<Int> {
        Set(figureColumns.indices.filter { $0 != 5 }.map { $0 + offset })
    }

    private func cells(_ figures: ScoreFigures) -> [String?] {
        [
            String(figures.due), String(figures.completedOnTime), String(figures.completedLate), String(figures.openOverdue),
            score(figures)?.description ?? "—", band(figures)?.label ?? "—", String(figures.quality.evaluated),
        ] + Grade.allCases.map { String(figures.quality.count(of: $0)) }
    }

    /// The policy the scores were computed under, so a reader can recompute every score by hand.
    private var policyFooter: String {
        let bands = policy.bands.map { "từ \($0.min) điểm: \($0.label)" }.joined(separator: "; ")
        return "<p>Điểm = 100 × (\(policy.onTime) × số hoàn thành đúng hạn + \(policy.late) × số hoàn thành quá hạn + "
            + "\(policy.overdue) × số quá hạn chưa hoàn thành) / số đến hạn, làm tròn 2 chữ số thập phân. "
            + "Bộ tiêu chí \(HTMLPage.escape(policy.policyId)) (áp dụng từ năm \(policy.appliesFromYear)); xếp loại: "
            + "\(HTMLPage.escape(bands)).</p>\n"
    }
}
