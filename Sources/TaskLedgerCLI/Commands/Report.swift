import ArgumentParser
import Foundation
import Ledger
import ProvinceTime
import Reports

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Monthly statistics for the Chairman, annual scoring for the Department of Home Affairs, and checking a saved report.",
        discussion:
            "JSON by default; --format csv|html. Every report prints its cutoff {seq, hash, at}; asking again with that seq and at reproduces it byte for byte, and `report verify` does exactly that.",
        subcommands: [Monthly.self, Annual.self, Verify.self]
    )

    struct Monthly: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Monthly statistics for the Chairman: counts per unit, overdue and due-soon lists, the Office's entry lag."
        )

        @OptionGroup var options: DataOptions
        @OptionGroup var report: ReportOptions

        func validate() throws { _ = try report.query(kind: .monthly) }
        func run() throws { try report.run(kind: .monthly, options: options) }
    }

    struct Annual: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Annual scoring for the Department of Home Affairs: scores and bands per unit, head and person."
        )

        @OptionGroup var options: DataOptions
        @OptionGroup var report: ReportOptions

        func validate() throws { _ = try report.query(kind: .annual) }
        func run() throws { try report.run(kind: .annual, options: options) }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute a saved JSON report from the log at its cutoff and say, field by field, whether it matches.",
            discussion:
                "Reads kind, cutoff seq and at, from/to or year, and rollup from the report. Prints every differing JSON path and exits 1 on any difference. With --checkpoint CP.json (signed at or after the report's seq), also proves by a consistency proof that the report's Merkle tree is a prefix of the signed one."
        )

        @OptionGroup var options: DataOptions
        @Argument(help: "A report written earlier by `taskledger report monthly|annual` (JSON).") var reportFile: String
        @Option(help: "A signed checkpoint of a later (or the same) tree size.") var checkpoint: String?

        func run() throws {
            guard let data = FileManager.default.contents(atPath: reportFile) else { throw CLIError("cannot read the report file \(reportFile)") }
            let saved = try checkpoint.map(readCheckpoint)
            let ledger = try options.openExistingLedger()
            defer { ledger.close() }
            let result: ReportVerification
            do {
                result = try ledger.verifyReport(Array(data), checkpoint: saved)
            } catch let error as ReportVerificationError {
                StandardError.print("report verify failed: \(error.message)")
                throw ExitCode(1)
            } catch let error as SigningKeyError {
                StandardError.print("report verify failed: \(error)")
                throw ExitCode(1)
            }
            let cutoff: String
            if case .seq(let seq, let at) = result.query.cutoff {
                cutoff = "seq \(seq), at \(at.map(\.description) ?? "-")"
            } else {
                cutoff = "-"
            }
            print("\(reportFile): \(result.query.kind.rawValue) report, cutoff \(cutoff), recomputed from the log")
            for field in result.fields {
                print(field.differing == 0 ? "  \(field.name): matches" : "  \(field.name): \(field.differing) value(s) differ")
            }
            for difference in result.differences {
                print("differs: \(difference)")
            }
            if let prefix = result.prefixProof {
                print(
                    "ok: checkpoint (tree size \(prefix.checkpoint.treeSize), key \(prefix.checkpoint.keyId)) signature valid; consistency proof from the report's tree size \(prefix.proof.oldTreeSize) (\(prefix.proof.hashes.count) hashes) verifies: the report's log is a prefix of the signed one"
                )
            }
            guard result.matches else {
                StandardError.print(
                    "report verify failed: \(result.differences.count) of \(result.valuesCompared) values differ from the report recomputed from the log"
                )
                throw ExitCode(1)
            }
            print("ok: all \(result.valuesCompared) values match")
        }
    }
}

/// The flags of `report monthly` and `report annual` (SPEC §6). Both take all of them, so that a flag given to the
/// wrong kind gets a message naming the kind it belongs to.
struct ReportOptions: ParsableArguments {
    @OptionGroup var cutoff: CutoffOptions
    @Option(help: "json, csv or html") var format: String = "json"
    @Option(help: "CSV table: units, heads, people, overdue, dueSoon (default units).") var table: String?
    @Option(help: "Write to this file instead of standard output.") var out: String?
    @Option(help: "Annual: the year scored (default: the year of the cutoff's date).") var year: Int?
    @Option(help: "Monthly: first assignment date counted (YYYY-MM-DD).") var from: String?
    @Option(help: "Monthly: last assignment date counted (YYYY-MM-DD).") var to: String?
    @Option(help: "successor: add merged units' figures into the unit at the end of their merge chain.") var rollup: String?

    func query(kind: ReportQuery.Kind) throws -> ReportQuery {
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
            kind: kind,
            cutoff: try cutoff.spec(),
            from: try date(from, "from"),
            to: try date(to, "to"),
            year: year,
            rollup: roll,
            format: format,
            table: reportTable
        )
    }

    func run(kind: ReportQuery.Kind, options: DataOptions) throws {
        let ledger = try options.openExistingLedger()
        defer { ledger.close() }
        let rendered: RenderedReport
        do {
            rendered = try ledger.report(try query(kind: kind))
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
