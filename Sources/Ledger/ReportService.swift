import CanonicalJSON
import Domain
import EventLog
import ProvinceTime
import Reports

/// One report request, as the CLI (`taskledger report`) and the HTTP API (`/v1/reports/…`) both state it.
public struct ReportQuery: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, CaseIterable { case monthly, annual }
    public enum Format: String, Hashable, Sendable, CaseIterable { case json, csv, html }

    public var kind: Kind
    public var cutoff: CutoffSpec
    public var from: LocalDate?
    public var to: LocalDate?
    public var year: Int?
    public var rollup: Rollup
    public var format: Format
    /// CSV only; default `units`.
    public var table: ReportTable?

    public init(
        kind: Kind,
        cutoff: CutoffSpec = .now,
        from: LocalDate? = nil,
        to: LocalDate? = nil,
        year: Int? = nil,
        rollup: Rollup = .none,
        format: Format = .json,
        table: ReportTable? = nil
    ) {
        self.kind = kind
        self.cutoff = cutoff
        self.from = from
        self.to = to
        self.year = year
        self.rollup = rollup
        self.format = format
        self.table = table
    }
}

/// A rendered report: its bytes, their media type, and the cutoff it was computed at.
public struct RenderedReport: Hashable, Sendable {
    public var body: [UInt8]
    public var contentType: String
    public var cutoff: Cutoff
    /// A file name that says what it holds, e.g. `monthly-seq1234-units.csv`.
    public var suggestedFileName: String
}

extension Ledger {
    /// Computes and renders a report. The same query with the cutoff's `seq` and `at` gives the same bytes at
    /// any later time: JSON is RFC 8785 canonical, and CSV and HTML are built from the same typed figures.
    public func report(_ query: ReportQuery) throws -> RenderedReport {
        try withState(asOf: query.cutoff) { state, cutoff in
            let format = query.format
            let table = query.table ?? .units
            let body: String
            switch query.kind {
            case .monthly:
                let parameters = MonthlyParameters(from: query.from, to: query.to, rollup: query.rollup)
                let report = try monthlyReport(state, cutoff: cutoff, parameters)
                body =
                    switch format {
                    case .json: String(decoding: report.canonicalJSON(), as: UTF8.self) + "\n"
                    case .csv: try report.csv(table: table)
                    case .html: report.html()
                    }
            case .annual:
                let report = try Reports.annual(state, cutoff: cutoff, AnnualParameters(year: query.year, rollup: query.rollup))
                body =
                    switch format {
                    case .json: report.json().canonicalString + "\n"
                    case .csv: try report.csv(table: table)
                    case .html: report.html()
                    }
            }
            let contentType =
                switch format {
                case .json: "application/json"
                case .csv: "text/csv; charset=utf-8"
                case .html: "text/html; charset=utf-8"
                }
            let suffix = format == .csv ? "-\(table.rawValue).csv" : ".\(format.rawValue)"
            return RenderedReport(
                body: Array(body.utf8),
                contentType: contentType,
                cutoff: cutoff,
                suggestedFileName: "\(query.kind.rawValue)-seq\(cutoff.seq)\(suffix)"
            )
        }
    }
}

extension Ledger {
    /// The monthly report, with the titles of its listed tasks read from the log (the state keeps no titles). The
    /// report function is pure and cannot throw a log error, so the first one is kept and thrown after it returns.
    func monthlyReport(_ state: LedgerState, cutoff: Cutoff, _ parameters: MonthlyParameters) throws -> MonthlyReport {
        try log.read { reader in
            let texts = TaskTextReader(reader: reader, titles: taskTitles)
            var failure: (any Error)?
            let report = try Reports.monthly(state, cutoff: cutoff, parameters) { row in
                do {
                    return try texts.title(of: row)
                } catch {
                    failure = failure ?? error
                    return ""
                }
            }
            if let failure { throw failure }
            return report
        }
    }
}
