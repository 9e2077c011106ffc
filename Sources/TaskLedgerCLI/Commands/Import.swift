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
        // Standard input is spooled to a temporary file first: the import must be able to read its lines again
        // from the start if the transaction is rerun (see `Ledger.importLines`).
        var spool: String? = nil
        defer { if let spool { try? FileManager.default.removeItem(atPath: spool) } }
        let path: String
        if file == "-" {
            let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("taskledger-import-\(UUID().uuidString).ndjson").path
            guard FileManager.default.createFile(atPath: temporary, contents: nil), let out = FileHandle(forWritingAtPath: temporary) else {
                throw CLIError("cannot create a temporary file to hold standard input")
            }
            spool = temporary
            while case let chunk = FileHandle.standardInput.readData(ofLength: 1 << 20), !chunk.isEmpty { out.write(chunk) }
            try out.close()
            path = temporary
        } else {
            path = file
        }
        let lines: NDJSONFile
        do {
            lines = try NDJSONFile(path: path)
        } catch {
            throw CLIError("cannot read \(file): no such file, or not readable")
        }
        // Opened only once the input is readable: a mistyped file name must not create an empty ledger.
        let ledger = try options.openLedger()
        defer { ledger.close() }
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
