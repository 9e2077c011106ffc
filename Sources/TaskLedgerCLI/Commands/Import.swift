import ArgumentParser
import Foundation
import Ledger

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Append the events of an NDJSON file (full envelopes or bare events), all or nothing.",
        discussion: """
            Every rule applies. On the first broken rule nothing is stored, `line N: RULE-ID (FIELD): message` is printed \
            on stderr and the exit status is 1. Bare events repeated with the same commandId are skipped.
            """
    )

    @OptionGroup var options: DataOptions
    @Argument(help: "The NDJSON file, or - for standard input.") var file: String

    func run() throws {
        let ledger = try options.openLedger()
        defer { ledger.close() }
        let lines = file == "-" ? NDJSONFileLines(handle: .standardInput) : try NDJSONFileLines(path: file)
        do {
            let summary = try ledger.importLines(lines)
            print(
                "imported \(summary.appended) events (\(summary.repeated) repeated commands skipped); last seq \(summary.head.seq), hash \(summary.head.hash)"
            )
        } catch let failure as ImportFailure {
            StandardError.print(failure.description)
            throw ExitCode(1)
        }
    }
}
