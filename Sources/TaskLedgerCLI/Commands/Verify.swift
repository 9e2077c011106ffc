import ArgumentParser
import EventLog
import Foundation
import Ledger
import Merkle

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Recompute every hash, the chain, gapless seq, stream versions, indexes and the Merkle tree.",
        discussion:
            "Exit status 1 and the first bad seq on any fault. With --against CP.json, also check that the checkpoint is signed by this ledger's key of its key id and that the log today extends it: at least as many events, the same root at its size, and a consistency proof to the head that verifies."
    )

    @OptionGroup var options: DataOptions
    @Option(help: "A checkpoint saved earlier (the JSON `taskledger checkpoint` prints).") var against: String?

    func run() throws {
        let saved = try against.map(readCheckpoint)
        let ledger = try options.openExistingLedger()
        defer { ledger.close() }
        do {
            let report = try ledger.log.verify()
            print("ok: \(report.events) events verified; last seq \(report.head.seq), hash \(report.head.hash)")
        } catch let fault as VerifyFault {
            StandardError.print("verify failed: \(fault)")
            throw ExitCode(1)
        }
        guard let saved, let against else { return }
        do {
            let check = try ledger.check(against: saved)
            print(
                "ok: checkpoint \(against) (tree size \(saved.treeSize), key \(saved.keyId)): signature valid; root \(saved.rootHash.hex) matches the log"
            )
            print(
                "ok: consistency proof from tree size \(saved.treeSize) to \(check.headTreeSize) (\(check.proof.hashes.count) hashes) verifies; head root \(check.headRoot.hex)"
            )
        } catch let mismatch as CheckpointMismatch {
            StandardError.print("verify --against \(against) failed: \(mismatch.message)")
            throw ExitCode(1)
        } catch let error as SigningKeyError {
            StandardError.print("verify --against \(against) failed: \(error)")
            throw ExitCode(1)
        }
    }
}

/// Reads a checkpoint file in the JSON form `taskledger checkpoint` prints; a clear message when it is not one.
func readCheckpoint(_ path: String) throws -> Merkle.Checkpoint {
    guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read the checkpoint file \(path)") }
    do {
        return try Merkle.Checkpoint.parse(jsonText: String(decoding: data, as: UTF8.self)).checkpoint
    } catch {
        throw CLIError("\(path) is not a checkpoint: \(error)")
    }
}
