import ArgumentParser
import Foundation
import Ledger
import ProvinceTime
import Reports

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Monthly statistics for the Chairman, annual scoring for the Department of Home Affairs.",
        discussion:
            "JSON by default; --format csv|html. Every report prints its cutoff {seq, hash, at}; asking again with that seq and at reproduces it byte for byte."
    )

    enum Kind: String, ExpressibleByArgument, CaseIterable { case monthly, annual }

    @OptionGroup var options: DataOptions
    @OptionGroup var cutoff: CutoffOptions
    @Argument(help: "monthly or annual") var kind: Kind
    @Option(help: "json, csv or html") var format: String = "json"
    @Option(help: "CSV table: units, heads, people, overdue, dueSoon (default units).") var table: String?
    @Option(help: "Write to this file instead of standard output.") var out: String?
    @Option(help: "Annual: the year scored (default: the year of the cutoff's date).") var year: Int?
    @Option(help: "Monthly: first assignment date counted (YYYY-MM-DD).") var from: String?
    @Option(help: "Monthly: last assignment date counted (YYYY-MM-DD).") var to: String?
    @Option(help: "successor: add merged units' figures into the unit at the end of their merge chain.") var rollup: String?

    func validate() throws { _ = try query() }

    func query() throws -> ReportQuery {
        guard let format = ReportQuery.Format(rawValue: format) else { throw ValidationError("--format must be json, csv or html") }
        var reportTable: ReportTable? = nil
        if let table {
            guard let t = ReportTable(rawValue: table) else {
                throw ValidationError("--table must be one of \(ReportTable.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard format == .csv else { throw ValidationError("--table applies to --format csv") }
            reportTable = t
        }
        func date(_ text: String?, _ name: String) throws -> LocalDate? {
            guard let text else { return nil }
            guard let d = LocalDate(parsing: text) else { throw ValidationError("--\(name) must be a date YYYY-MM-DD") }
            return d
        }
        if kind == .annual && (from != nil || to != nil) { throw ValidationError("--from/--to apply to the monthly report") }
        if kind == .monthly && year != nil { throw ValidationError("--year applies to the annual report") }
        var roll = Rollup.none
        if let rollup {
            guard rollup == "successor" else { throw ValidationError("--rollup takes only 'successor'") }
            roll = .successor
        }
        return ReportQuery(
            kind: kind == .monthly ? .monthly : .annual,
            cutoff: try cutoff.spec(),
            from: try date(from, "from"),
            to: try date(to, "to"),
            year: year,
            rollup: roll,
            format: format,
            table: reportTable
        )
    }

    func run() throws {
        let ledger = try options.openExistingLedger()
        defer { ledger.close() }
        let rendered: RenderedReport
        do {
            rendered = try ledger.report(try query())
        } catch let error as CutoffError {
            throw CLIError(error.message)
        } catch let error as ReportError {
            throw CLIError(error.message)
        }
        if let out {
            guard FileManager.default.createFile(atPath: out, contents: Data(rendered.body)) else { throw CLIError("cannot write \(out)") }
            StandardError.print("wrote \(out): cutoff seq \(rendered.cutoff.seq), hash \(rendered.cutoff.hash), at \(rendered.cutoff.at)")
        } else {
            StandardOutput.write(rendered.body)
        }
    }
}
