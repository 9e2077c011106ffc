import Domain
import EventLog
import Foundation
import Ledger
import ProvinceTime
import Testing

/// Properties over random histories from the demo generator (issue #4): 20 seeds × about 3,000 events.
/// Each case draws its seqs from a generator seeded with the history's seed, so a failure names what reproduces it.
@Suite struct PropertyTests {
    static let seeds = Array(UInt64(1)...20)

    /// live == rebuild == snapshot + tail replay, for snapshots at random seqs and as-of states between them.
    @Test(arguments: seeds)
    func liveRebuildAndSnapshotPlusTailAgree(seed: UInt64) throws {
        let dir = try demoDirectory(seed: seed)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var random = SeededRandom(seed: seed)
        let live: LedgerState
        let snapshotSeqs: [UInt64]
        do {
            let ledger = try Ledger(directory: dir)
            defer { ledger.close() }
            live = try ledger.withState { $0 }
            let head = live.lastSeq
            snapshotSeqs = Set((0..<3).map { _ in UInt64.random(in: 1...head, using: &random) }).sorted()
            let querySeqs = (0..<3).map { _ in UInt64.random(in: 1...head, using: &random) }
            // Folded from event 1 before any snapshot exists: the reference. (The whole log's fold is the live
            // state's reference; `rebuild` below compares them.)
            var folded: [UInt64: LedgerState] = [head: live]
            for seq in Set(snapshotSeqs + querySeqs) where seq != head { folded[seq] = try ledger.state(throughSeq: seq) }
            for seq in snapshotSeqs { try storeSnapshot(try snapshot(of: try #require(folded[seq]), in: ledger), in: ledger) }
            for seq in querySeqs + [head] {
                #expect(try ledger.state(throughSeq: seq) == folded[seq], "seed \(seed): snapshot + tail at seq \(seq)")
            }
        }
        let reopened = try Ledger(directory: dir)
        defer { reopened.close() }
        #expect(try reopened.withState { $0 } == live, "seed \(seed): opened from the newest snapshot + tail")
        let report = try reopened.rebuild()
        #expect(report.differences.isEmpty, "seed \(seed): \(report.differences)")
        #expect(report.snapshotsCompared == snapshotSeqs)
        #expect(report.head.seq == live.lastSeq)
    }

    /// A report as of seq N equals the same report from a ledger holding only events 1…N.
    @Test(arguments: seeds)
    func aReportAsOfSeqEqualsTheReportOfThePrefix(seed: UInt64) throws {
        let (ledger, dir) = try demoLedger(seed: seed)
        defer {
            ledger.close()
            try? FileManager.default.removeItem(atPath: dir)
        }
        var random = SeededRandom(seed: seed &* 31 &+ 7)
        let head = try ledger.log.head().seq
        let n = UInt64.random(in: (head / 4)...(head - 1), using: &random)
        // A snapshot at or before N, so the as-of state is a snapshot plus a tail.
        let snapshotSeq = UInt64.random(in: 1...n, using: &random)
        try storeSnapshot(try snapshot(of: try ledger.state(throughSeq: snapshotSeq), in: ledger), in: ledger)
        let recordedAt = try #require(try ledger.log.read { try $0.event(n)?.recordedAt })
        let daysLater = Int64.random(in: 0...60, using: &random)
        let judgedAt = Instant(millisecondsSinceEpoch: recordedAt.millisecondsSinceEpoch + daysLater * 86_400_000)

        let (prefix, prefixDir) = try temporaryLedger(clock: TestClock("2027-06-01T00:00:00Z"))
        defer {
            prefix.close()
            try? FileManager.default.removeItem(atPath: prefixDir)
        }
        _ = try prefix.importLines(lines(Array(try exportLines(ledger).prefix(Int(n)))))

        for kind in ReportQuery.Kind.allCases {
            for at in [nil, judgedAt] {
                let query = ReportQuery(kind: kind, cutoff: .seq(n, at: at))
                let asOf = try ledger.report(query)
                let ofPrefix = try prefix.report(query)
                #expect(asOf.cutoff == ofPrefix.cutoff, "seed \(seed), \(kind) as of seq \(n) at \(at.map { "\($0)" } ?? "its event")")
                #expect(
                    asOf.body == ofPrefix.body,
                    "seed \(seed), \(kind) as of seq \(n) at \(at.map { "\($0)" } ?? "its event"), snapshot at \(snapshotSeq)"
                )
            }
        }
    }
}
