import ArgumentParser
import Ledger

struct Prove: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print RFC 9162 inclusion and consistency proofs as JSON (the documents tools/audit.py checks).",
        subcommands: [Inclusion.self, Consistency.self]
    )

    struct Inclusion: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Prove that event SEQ is in the tree of the first M events: {\"seq\",\"leafIndex\",\"treeSize\",\"proof\":[hex…]}."
        )

        @OptionGroup var options: DataOptions
        @Option(help: "The event's seq.") var seq: UInt64
        @Option(help: "The tree size M (default: the whole log).") var treeSize: UInt64?

        func run() throws {
            let ledger = try options.openExistingLedger()
            defer { ledger.close() }
            do {
                print(try ledger.inclusionProof(seq: seq, treeSize: treeSize).jsonText)
            } catch let error as AuditRequestError {
                throw CLIError("--\(error.parameter == "treeSize" ? "tree-size" : error.parameter): \(error.message)")
            }
        }
    }

    struct Consistency: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Prove that the tree of the first M2 events extends that of the first M1: {\"oldTreeSize\",\"newTreeSize\",\"proof\":[hex…]}."
        )

        @OptionGroup var options: DataOptions
        @Option(help: "The old tree size M1.") var from: UInt64
        @Option(help: "The new tree size M2 (default: the whole log).") var to: UInt64?

        func run() throws {
            let ledger = try options.openExistingLedger()
            defer { ledger.close() }
            do {
                print(try ledger.consistencyProof(from: from, to: to).jsonText)
            } catch let error as AuditRequestError {
                throw CLIError("--\(error.parameter): \(error.message)")
            }
        }
    }
}
