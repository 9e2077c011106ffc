import ArgumentParser
import Ledger

struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a compacted hot copy of the ledger (safe while others write) and verify it.",
        discussion: "Restore by using the copy as the data directory: `taskledger --data DEST …`."
    )

    @OptionGroup var options: DataOptions
    @Argument(help: "A new or empty directory.") var destination: String

    func run() throws {
        let ledger = try options.openExistingLedger()
        defer { ledger.close() }
        do {
            let report = try ledger.backup(to: destination)
            print(
                "backup written to \(report.destination) and verified: \(report.verified.events) events; last seq \(report.verified.head.seq), hash \(report.verified.head.hash)"
            )
        } catch let error as BackupError {
            throw CLIError(error.description)
        }
    }
}
