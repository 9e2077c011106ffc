import HTTPTypes
import Hummingbird
import Ledger
import Reports

/// Monthly and annual reports (SPEC §5) in JSON, CSV or HTML, through the same report service as the CLI, so
/// the same cutoff gives the same bytes on either interface.
enum ReportRoutes {
    static let parameters = ["format", "table", "year", "from", "to", "rollup"] + Call.cutoffParameters

    static func routes(ledger: Ledger) -> [Route] {
        ReportQuery.Kind.allCases.map { kind in
            Route(method: .get, path: "/v1/reports/\(kind.rawValue)", access: .readReports, query: parameters) { call in
                try report(kind, call: call, ledger: ledger)
            }
        }
    }

    static func report(_ kind: ReportQuery.Kind, call: Call, ledger: Ledger) throws -> Response {
        let query = ReportQuery(
            kind: kind,
            cutoff: try call.cutoff(),
            from: try call.date("from"),
            to: try call.date("to"),
            year: try call.integer("year", in: 1...9999),
            rollup: try call.choice("rollup", Rollup.self) ?? .none,
            format: try call.choice("format", ReportQuery.Format.self) ?? .json,
            table: try call.choice("table", ReportTable.self)
        )
        let rendered: RenderedReport
        do {
            rendered = try ledger.report(query)
        } catch let error as ReportError {
            throw Problem.badParameter(error.parameter, error.message)
        } catch let error as CutoffError {
            throw Problem(error)
        }
        var headers: HTTPFields = [.contentType: rendered.contentType]
        let disposition = query.format == .csv ? "attachment" : "inline"
        headers[.contentDisposition] = "\(disposition); filename=\"\(rendered.suggestedFileName)\""
        headers[.cutoffSeq] = String(rendered.cutoff.seq)
        return .bytes(rendered.body, status: .ok, headers: headers)
    }
}

extension HTTPField.Name {
    /// The `seq` of the report's cutoff, so a client can ask again with `asOf=<seq>` and get the same bytes.
    static let cutoffSeq = HTTPField.Name("TaskLedger-Cutoff-Seq")!
}
