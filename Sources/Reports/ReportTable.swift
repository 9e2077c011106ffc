/// The tables a report can be written as CSV, one file per table (SPEC §5 "Other formats").
///
/// Monthly reports have `units`, `overdue` and `dueSoon`; annual reports have `units`, `heads` and `people`.
public enum ReportTable: String, CaseIterable, Hashable, Sendable {
    case units, heads, people, overdue, dueSoon
}
