import ProvinceTime

/// A report parameter that cannot be honoured; the message (Vietnamese, for the user) says what to change.
public enum ReportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// `from` is after `to`: the assignment period would be empty by mistake rather than by fact.
    case periodReversed(from: LocalDate, to: LocalDate)
    /// A year that a `YYYY-MM-DD` date cannot write.
    case yearOutOfRange(Int)
    /// The report has no such table (e.g. `heads` for a monthly report).
    case tableNotInReport(table: ReportTable, kind: String, available: [ReportTable])

    /// The parameter to fix, as the CLI and HTTP API name it.
    public var parameter: String {
        switch self {
        case .periodReversed: "from"
        case .yearOutOfRange: "year"
        case .tableNotInReport: "table"
        }
    }

    /// What went wrong and how to fix it, in Vietnamese.
    public var message: String {
        switch self {
        case .periodReversed(let from, let to):
            "Ngày bắt đầu (from = \(from)) sau ngày kết thúc (to = \(to)); hãy chọn from không muộn hơn to."
        case .yearOutOfRange(let year):
            "Năm \(year) không hợp lệ; hãy chọn năm trong khoảng 1 đến 9999."
        case .tableNotInReport(let table, let kind, let available):
            "Báo cáo \(kind == "monthly" ? "tháng" : "năm") không có bảng \(table.rawValue); các bảng có sẵn: "
                + available.map(\.rawValue).joined(separator: ", ") + "."
        }
    }

    public var description: String { message }
}
