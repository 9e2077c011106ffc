import ArgumentParser
import EventLog
import Ledger

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Recompute every hash, the chain, gapless seq, stream versions, indexes and the Merkle tree.",
        discussion: "Exit status 1 and the first bad seq on any fault."
    )

    @OptionGroup var options: DataOptions

    func run() throws {
        let ledger = try options.openExistingLedger()
        defer { ledger.close() }
        do {
            let report = try ledger.log.verify()
            print("ok: \(report.events) events verified; last seq \(report.head.seq), hash \(report.head.hash)")
        } catch let fault as VerifyFault {
            StandardError.print("verify failed: \(fault)")
            throw ExitCode(1)
        }
    }
}
