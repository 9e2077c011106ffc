import CanonicalJSON
import EventLog
import Foundation
import LMDB
import ProvinceTime
import Testing

func temporaryLog() throws -> (EventLog, String) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("eventlog-\(UUID().uuidString)").path
    return (try EventLog(directory: dir), dir)
}

func draft(_ n: Int, stream: String = "task/T-1", commandId: String? = nil) -> EventDraft {
    EventDraft(
        type: "ProgressReported",
        stream: stream,
        schema: 1,
        actor: EventActor(role: "unit", unitId: "SXD", tokenId: "tk1"),
        commandId: commandId,
        payload: .object(["taskId": .string("T-1"), "unitId": .string("SXD"), "note": .string("bước \(n)")])
    )
}

let t0 = Instant(parsingRFC3339: "2025-03-01T08:00:00+07:00")!

@Suite struct EventLogTests {
    @Test func appendsChainAndIndexes() throws {
        let (log, dir) = try temporaryLog()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let appended = try log.write { w in
            [
                try w.append(draft(1), clock: t0),
                try w.append(draft(2, stream: "task/T-2", commandId: "c-2"), clock: t0),
                try w.append(draft(3), clock: t0),
            ]
        }
        #expect(appended.map(\.seq) == [1, 2, 3])
        #expect(appended.map(\.version) == [1, 1, 2])
        #expect(appended[0].prev == .zero)
        #expect(appended[1].prev == appended[0].hash)
        #expect(appended[2].prev == appended[1].hash)
        let (head, seqs, version, commandSeq, second, counts) = try log.read { r in
            (
                try r.head, try r.streamSeqs("task/T-1"), try r.streamVersion("task/T-2"), try r.seq(forCommandId: "c-2"), try r.event(2),
                try r.streamCounts()
            )
        }
        #expect(head.seq == 3)
        #expect(head.hash == appended[2].hash)
        #expect(seqs == [1, 3])
        #expect(version == 1)
        #expect(commandSeq == 2)
        #expect(second == appended[1])
        #expect(counts == ["task": 2])
        #expect(try log.verify().events == 3)
    }

    /// SPEC §2: recordedAt is max(clock, previous recordedAt), so it never goes backwards.
    @Test func recordedAtNeverGoesBackwards() throws {
        let (log, dir) = try temporaryLog()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let earlier = Instant(millisecondsSinceEpoch: t0.millisecondsSinceEpoch - 60_000)
        let events = try log.write { w in [try w.append(draft(1), clock: t0), try w.append(draft(2), clock: earlier)] }
        #expect(events[1].recordedAt == t0)
        #expect(events[0].recordedAt.description == "2025-03-01T01:00:00.000Z")
    }

    /// The hash is SHA-256 of the canonical bytes of the envelope without `hash` (events.md worked example).
    @Test func hashIsSHA256OfCanonicalEnvelopeWithoutHash() throws {
        let (log, dir) = try temporaryLog()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let e = try log.write { w in try w.append(draft(1), clock: t0) }
        let canonical = e.jsonWithoutHash.canonicalString
        #expect(canonical.hasPrefix(#"{"actor":{"role":"unit","tokenId":"tk1","unitId":"SXD"},"payload":{"#))
        #expect(Digest.sha256(Array(canonical.utf8)) == e.hash)
        #expect(!canonical.contains("\"hash\""))
        #expect(String(decoding: e.exportLine, as: UTF8.self).contains("\"hash\":\"\(e.hash.hex)\""))
    }

    @Test func exportThenVerbatimImportIsByteIdentical() throws {
        let (log, dir) = try temporaryLog()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try log.write { w in for i in 0..<50 { try w.append(draft(i, stream: "task/T-\(i % 7)", commandId: i % 5 == 0 ? "c\(i)" : nil), clock: t0) } }
        let lines = try log.read { r in
            var out: [[UInt8]] = []
            try r.forEachEvent {
                out.append($0.exportLine)
                return true
            }
            return out
        }
        let (copy, copyDir) = try temporaryLog()
        defer { try? FileManager.default.removeItem(atPath: copyDir) }
        try copy.write { w in
            for line in lines {
                let envelope = try Envelope.from(json: try JSONParser.parse(line), hash: nil)
                _ = try w.appendVerbatim(envelope)
            }
        }
        let again = try copy.read { r in
            var out: [[UInt8]] = []
            try r.forEachEvent {
                out.append($0.exportLine)
                return true
            }
            return out
        }
        #expect(again == lines)
        #expect(try copy.verify().head == (try log.head()))
    }

    @Test func verbatimImportRefusesABrokenChain() throws {
        let (log, dir) = try temporaryLog()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let events = try log.write { w in [try w.append(draft(1), clock: t0), try w.append(draft(2), clock: t0)] }
        let (copy, copyDir) = try temporaryLog()
        defer { try? FileManager.default.removeItem(atPath: copyDir) }
        var edited = events[1]
        edited.payload = .object(["taskId": .string("T-1"), "unitId": .string("SXD"), "note": .string("sửa")])
        #expect(throws: LogError.self) {
            try copy.write { w in
                _ = try w.appendVerbatim(events[0])
                _ = try w.appendVerbatim(edited)
            }
        }
        // All or nothing: the first event was not kept either.
        #expect(try copy.head().seq == 0)
        #expect(throws: LogError.self) { try copy.write { w in _ = try w.appendVerbatim(events[1]) } }
    }

    /// Tamper: one byte changed inside a stored event makes verify name that seq.
    @Test func verifyNamesTheTamperedSeq() throws {
        let (log, dir) = try temporaryLog()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try log.write { w in for i in 0..<10 { try w.append(draft(i), clock: t0) } }
        let events = try log.database("events")
        try log.environment.write { txn in
            var value = try txn.getBytes(events, key: withUnsafeBytes(of: UInt64(7).bigEndian) { Array($0) })!
            let at = value.count - 20
            value[at] = value[at] == UInt8(ascii: "a") ? UInt8(ascii: "b") : UInt8(ascii: "a")
            try txn.put(events, key: withUnsafeBytes(of: UInt64(7).bigEndian) { Array($0) }, value: value)
        }
        #expect {
            try log.verify()
        } throws: { error in
            (error as? VerifyFault)?.seq == 7
        }
    }

    /// 64 concurrent appenders through group commit: a gapless log, every caller's seq is the one stored for it.
    @Test func groupCommitUnderConcurrency() async throws {
        let (log, dir) = try temporaryLog()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let committer = GroupCommit<Int, Envelope> { batch in
            try log.write { w in try batch.map { try w.append(draft($0, stream: "task/T-\($0 % 13)", commandId: "cmd-\($0)"), clock: t0) } }
        }
        let results = try await withThrowingTaskGroup(of: (Int, Envelope).self) { group in
            for caller in 0..<64 {
                group.addTask {
                    var mine: [(Int, Envelope)] = []
                    for k in 0..<20 {
                        let n = caller * 100 + k
                        mine.append((n, try await committer.submit(n)))
                    }
                    return mine.last!
                }
            }
            var all: [(Int, Envelope)] = []
            for try await r in group { all.append(r) }
            return all
        }
        committer.shutdown()
        #expect(results.count == 64)
        let report = try log.verify()
        #expect(report.events == 64 * 20)
        let stored = try log.read { r in try results.map { (try r.seq(forCommandId: "cmd-\($0.0)"), try r.event($0.1.seq)) } }
        for ((seq, event), (_, envelope)) in zip(stored, results) {
            #expect(seq == envelope.seq)
            #expect(event == envelope)
        }
    }
}
