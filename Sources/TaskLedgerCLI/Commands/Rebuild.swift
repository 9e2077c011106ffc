import ArgumentParser
import Ledger

struct Rebuild: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Recompute the projection state from event 1, check it against every snapshot and the live state, write a fresh snapshot.",
        discussion: """
            Exit status 1 when a stored snapshot or the live state (newest snapshot + tail) differs from the fold from \
            event 1; the differing snapshots are deleted and the fresh one written, since the fold from the log is the truth. \
            A rebuild that fails part-way writes nothing.
            """
    )

    @OptionGroup var options: DataOptions

    func run() throws {
        let ledger = try options.openExistingLedger()
        defer { ledger.close() }
        let report = try ledger.rebuild()
        let rate = Int(report.eventsPerSecond.rounded())
        print("rebuilt from event 1 to seq \(report.head.seq) (hash \(report.head.hash)) in \(seconds(report.foldSeconds)) s: \(rate) events/s")
        for info in report.ignored {
            print("snapshot at seq \(info.seq) \(info.validity); deleted")
        }
        if !report.snapshotsCompared.isEmpty {
            print("compared with the snapshots at seq \(report.snapshotsCompared.map(String.init).joined(separator: ", "))")
        }
        if let written = report.written {
            print("snapshot written at seq \(written.seq): \(written.bytes) bytes, encoded in \(seconds(report.encodeSeconds)) s")
        }
        guard report.differences.isEmpty else {
            StandardError.print("REBUILD DISAGREES with the stored projection state:")
            for d in report.differences { StandardError.print("  \(d)") }
            StandardError.print("the disagreeing snapshots were deleted; report this: the fold is not deterministic or a snapshot was misread")
            throw ExitCode(1)
        }
        print("the live state and every valid snapshot agree with the rebuild")
    }

    private func seconds(_ s: Double) -> String {
        let ms = Int((s * 1000).rounded())
        let frac = String(ms % 1000)
        return "\(ms / 1000).\(String(repeating: "0", count: 3 - frac.count))\(frac)"
    }
}
