import CanonicalJSON
import DemoProvince
import Domain
import EventLog
import Foundation
import Ledger
import ProvinceTime
import Testing

/// The demo province through the real import: every line passes every rule, the log verifies, and one bad line
/// near the end of a 20,000-line history refuses the whole file and leaves the ledger exactly as it was.
@Suite struct DemoImportTests {
    static func demoLines(seed: UInt64, scale: Double) -> [NDJSONLine] {
        DemoProvince(seed: seed, scale: scale).lines().enumerated().map { NDJSONLine(number: $0.offset + 1, bytes: Array($0.element.utf8)) }
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func demoImportsCleanlyAndVerifies(seed: UInt64) throws {
        let clock = TestClock("2026-11-25T09:00:00+07:00")
        let (ledger, dir) = try temporaryLedger(clock: clock)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let lines = Self.demoLines(seed: seed, scale: 0.1)
        let summary = try ledger.importLines(lines)
        #expect(summary.appended == lines.count)
        #expect(try ledger.log.verify().events == UInt64(lines.count))
    }

    @Test func oneBadLineNearTheEndOfTwentyThousand() throws {
        let clock = TestClock("2026-11-25T09:00:00+07:00")
        let (ledger, dir) = try temporaryLedger(clock: clock)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try ledger.importLines(lines([bareHistory[0]]))
        let before = try ledger.log.head()
        let stateBefore = try ledger.withState { $0 }

        var history = Array(Self.demoLines(seed: 5, scale: 1).prefix(20_000))
        #expect(history.count == 20_000)
        // The demo starts from an empty ledger, so it is imported into a fresh one; line 19,990 is broken.
        let (fresh, freshDir) = try temporaryLedger(clock: clock)
        defer { try? FileManager.default.removeItem(atPath: freshDir) }
        let bad = 19_990
        var line = String(decoding: history[bad - 1].bytes, as: UTF8.self)
        line = line.replacingOccurrences(of: "\"actor\":{", with: "\"actor\":{\"x\":1,")
        history[bad - 1] = NDJSONLine(number: bad, bytes: Array(line.utf8))
        #expect {
            _ = try fresh.importLines(history)
        } throws: { error in
            guard let failure = error as? ImportFailure else { return false }
            return failure.line == bad && failure.refusal.rule == .unknownField && failure.refusal.field == "actor.x"
        }
        #expect(try fresh.log.head().seq == 0)
        #expect(try fresh.withState { $0 } == LedgerState())
        #expect(try fresh.log.verify().events == 0)

        // The same file into a ledger that already holds events: unchanged head and state.
        #expect(throws: ImportFailure.self) { _ = try ledger.importLines(history) }
        #expect(try ledger.log.head() == before)
        #expect(try ledger.withState { $0 } == stateBefore)
    }
}

/// The map fills in the middle of an import: the transaction is aborted, the map grows, and the import runs
/// again from the file's first line — the result is the whole file, once.
@Suite struct MapGrowthImportTests {
    @Test func anImportThatOutgrowsTheMapIsImportedOnce() throws {
        let clock = TestClock("2026-11-25T09:00:00+07:00")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ledger = try Ledger(directory: dir, clock: { clock.now }, mapSizeBytes: 1 << 20)
        let file = dir + "-demo.ndjson"
        defer { try? FileManager.default.removeItem(atPath: file) }
        let text = DemoProvince(seed: 9, scale: 0.1).lines().joined(separator: "\n") + "\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        let expected = text.split(separator: "\n").count
        let summary = try ledger.importLines(try NDJSONFile(path: file))
        #expect(summary.appended == expected)
        #expect(try ledger.log.verify().events == UInt64(expected))
        #expect(try ledger.log.environment.info().mapSizeBytes > 1 << 20)
    }
}

/// Paging through the task list visits every task once, in code-point order of the id, whatever the page size.
@Suite struct TaskPagingTests {
    @Test(arguments: [1, 7, 100])
    func pagesCoverEveryTaskInOrder(limit: Int) throws {
        let clock = TestClock("2026-11-25T09:00:00+07:00")
        let (ledger, dir) = try temporaryLedger(clock: clock)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try ledger.importLines(DemoImportTests.demoLines(seed: 4, scale: 0.05))
        let expected = try ledger.withState { state in state.tasks.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) } }
        #expect(expected.count > 100)
        var seen: [String] = []
        var cursor: String? = nil
        repeat {
            let page = try ledger.tasks(TaskFilter(afterTaskId: cursor, limit: limit))
            #expect(page.tasks.count <= limit)
            seen += page.tasks.compactMap { $0["taskId"]?.stringValue }
            cursor = page.nextCursor
        } while cursor != nil
        #expect(seen == expected)
        let overdue = try ledger.tasks(TaskFilter(status: .openOverdue, limit: limit))
        #expect(overdue.tasks.allSatisfy { $0["status"]?.stringValue == "openOverdue" })
    }
}
