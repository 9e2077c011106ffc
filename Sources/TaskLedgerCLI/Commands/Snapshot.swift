import ArgumentParser
import Ledger

struct SnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Create, list, prune and pin snapshots of the projection state (stored beside the log).",
        discussion: """
            The ledger also writes one every $TASKLEDGER_SNAPSHOT_EVERY events (default 1000000; 0 turns it off) and \
            keeps the newest $TASKLEDGER_SNAPSHOT_KEEP (default 3) plus the pinned ones.
            """,
        subcommands: [Create.self, List.self, Prune.self, Pin.self, Unpin.self]
    )

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a snapshot at the head of the log, or after event --at SEQ (safe while others append)."
        )
        @OptionGroup var options: DataOptions
        @Flag(help: "Pin it: no prune deletes it.") var pin = false
        @Option(help: "Snapshot the state after this event (for example the last event of a year) instead of the head.")
        var at: UInt64?

        func run() throws {
            let ledger = try options.openExistingLedger()
            defer { ledger.close() }
            let clock = ContinuousClock()
            var info: SnapshotInfo?
            let elapsed = try clock.measure { info = try ledger.createSnapshot(pinned: pin, at: at) }
            guard let info else { return }
            print("snapshot written at seq \(info.seq): \(info.bytes) bytes in \(milliseconds(elapsed)) ms\(info.pinned ? " (pinned)" : "")")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List snapshots: seq, hash, projection version, size, created at, pinned, validity."
        )
        @OptionGroup var options: DataOptions

        func run() throws {
            let ledger = try options.openExistingLedger()
            defer { ledger.close() }
            print(["seq", "hash", "version", "bytes", "createdAt", "pinned", "status"].joined(separator: "\t"))
            for s in try ledger.snapshots() {
                print(
                    [
                        "\(s.seq)", s.header?.hash.hex ?? "-", s.header.map { "\($0.projectionVersion)" } ?? "-", "\(s.bytes)",
                        s.header.map { "\($0.createdAt)" } ?? "-", s.pinned ? "pinned" : "-", s.validity.description,
                    ].joined(separator: "\t")
                )
            }
        }
    }

    struct Prune: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete all but the newest N snapshots; pinned ones are kept.")
        @OptionGroup var options: DataOptions
        @Option(help: "How many of the newest snapshots to keep.") var keep: Int

        func validate() throws {
            guard keep >= 0 else { throw ValidationError("--keep must be 0 or more") }
        }

        func run() throws {
            let ledger = try options.openExistingLedger()
            defer { ledger.close() }
            let removed = try ledger.pruneSnapshots(keep: keep)
            print(removed.isEmpty ? "nothing to prune" : "deleted the snapshots at seq \(removed.map(String.init).joined(separator: ", "))")
        }
    }

    struct Pin: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Pin the snapshot at SEQ: no prune deletes it.")
        @OptionGroup var options: DataOptions
        @Argument(help: "The seq of the snapshot (see `snapshot list`).") var seq: UInt64

        func run() throws { try setPinned(true, seq: seq, options: options) }
    }

    struct Unpin: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Unpin the snapshot at SEQ: prunes may delete it again.")
        @OptionGroup var options: DataOptions
        @Argument(help: "The seq of the snapshot (see `snapshot list`).") var seq: UInt64

        func run() throws { try setPinned(false, seq: seq, options: options) }
    }
}

/// Whole milliseconds of a measured duration, for progress lines.
private func milliseconds(_ d: Duration) -> Int64 {
    let (s, atto) = d.components
    return s * 1000 + atto / 1_000_000_000_000_000
}

/// `snapshot pin` and `snapshot unpin`: one flag of the snapshot at `seq`.
private func setPinned(_ pinned: Bool, seq: UInt64, options: DataOptions) throws {
    let ledger = try options.openExistingLedger()
    defer { ledger.close() }
    do {
        try ledger.setSnapshotPinned(pinned, seq: seq)
    } catch let error as SnapshotError {
        throw CLIError(error.description)
    }
    print("snapshot at seq \(seq) \(pinned ? "pinned" : "unpinned")")
}
