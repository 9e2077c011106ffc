import ArgumentParser
import Foundation
import Ledger

struct CheckpointCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkpoint",
        abstract: "Print a signed checkpoint {treeSize, rootHash, lastRecordedAt, keyId, signature, publicKey} as one line of JSON.",
        discussion:
            "Deterministic: the same tree size and key always give the same bytes. Keep it; later, `taskledger verify --against FILE` or `tools/audit.py consistency` proves the log still extends it."
    )

    @OptionGroup var options: DataOptions
    @Option(help: "The tree size: events 1…N (default: the whole log).") var treeSize: UInt64?
    @Option(help: "Write to this file instead of standard output.") var out: String?

    func run() throws {
        let ledger = try options.openExistingLedger()
        defer { ledger.close() }
        let signed: SignedCheckpoint
        do {
            signed = try ledger.checkpoint(treeSize: treeSize)
        } catch let error as AuditRequestError {
            throw CLIError("--tree-size: \(error.message)")
        } catch let error as SigningKeyError {
            throw CLIError(error.description)
        }
        let text = signed.jsonText + "\n"
        if let out {
            guard FileManager.default.createFile(atPath: out, contents: Data(text.utf8)) else { throw CLIError("cannot write \(out)") }
            StandardError.print(
                "wrote \(out): tree size \(signed.checkpoint.treeSize), root \(signed.checkpoint.rootHash.hex), key \(signed.checkpoint.keyId)"
            )
        } else {
            StandardOutput.write(Array(text.utf8))
        }
    }
}
