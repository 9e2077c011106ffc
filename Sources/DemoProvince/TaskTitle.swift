import ProvinceTime

/// A task title template: the work, followed by the reporting period it names, if any
/// (`Báo cáo tình hình giải ngân vốn đầu tư công` + `quý I/2025`).
struct TaskTitle: Sendable {
    enum Period: Sendable {
        case none, month, quarter, half, year
    }

    var text: String
    var period: Period

    init(_ text: String, _ period: Period) {
        self.text = text
        self.period = period
    }

    /// The title for a task assigned on `date`: the current month, quarter, half-year or year.
    func title(on date: LocalDate) -> String {
        switch period {
        case .none: text
        case .month: "\(text) tháng \(date.month)/\(date.year)"
        case .quarter: "\(text) quý \(Self.romanQuarters[(date.month - 1) / 3])/\(date.year)"
        case .half: date.month <= 6 ? "\(text) 6 tháng đầu năm \(date.year)" : "\(text) năm \(date.year)"
        case .year: "\(text) năm \(date.year)"
        }
    }

    private static let romanQuarters = ["I", "II", "III", "IV"]
}
