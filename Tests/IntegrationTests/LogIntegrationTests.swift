import Foundation
import TestSupport
import Testing

/// The event log through the real binary: export/import round trips, the outside verifier, tamper detection,
/// crash safety under SIGKILL, concurrent appends and hot backups. Each test uses its own data directories.
@Suite(.serialized, .enabled(if: TaskLedgerBinary.isBuilt, "build the taskledger binary first (swift build)"))
struct LogIntegrationTests {
    static let verifyExport = TaskLedgerBinary.packageRoot + "/tools/verify-export.py"

    /// export → import into an empty ledger → export gives byte-identical files; the outside verifier accepts the
    /// export and rejects it after any single field is edited; import refuses an altered export at its line.
    @Test func exportImportRoundTripAndOutsideVerifier() throws {
        let dir = try TemporaryDirectory()
        let a = dir.file("a")
        let b = dir.file("b")
        let seeded = try TaskLedgerBinary.run(["demo", "--data", a, "--seed", "7", "--scale", "0.1"])
        #expect(seeded.status == 0, "\(seeded.stderr)")
        let first = try TaskLedgerBinary.run(["export", "--data", a])
        #expect(first.status == 0)
        try Data(first.stdoutBytes).write(to: URL(fileURLWithPath: dir.file("a.ndjson")))
        let imported = try TaskLedgerBinary.run(["import", "--data", b, dir.file("a.ndjson")])
        #expect(imported.status == 0, "\(imported.stderr)")
        let second = try TaskLedgerBinary.run(["export", "--data", b])
        #expect(second.stdoutBytes == first.stdoutBytes)
        #expect(try TaskLedgerBinary.run(["verify", "--data", b]).status == 0)

        let accepted = try Python.run([Self.verifyExport, dir.file("a.ndjson")])
        #expect(accepted.status == 0, "\(accepted.output)")

        // Edit single fields of one line: the verifier and import both refuse, naming the line.
        var lines = first.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let target = lines.count / 2
        let original = lines[target]
        for (from, to) in [("\"version\":", "\"version\":9"), ("\"recordedAt\":\"20", "\"recordedAt\":\"19"), ("\"seq\":", "\"seq\":1")] {
            guard original.contains(from) else { continue }
            lines[target] = original.replacingOccurrences(of: from, with: to)
            let edited = dir.file("edited.ndjson")
            try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: edited))
            let refused = try Python.run([Self.verifyExport, edited])
            #expect(refused.status == 1, "verify-export accepted an edit of \(from)")
            #expect(refused.output.contains("line \(target + 1)"), "\(refused.output)")
            let c = dir.file("c-\(UUID().uuidString)")
            let importRefused = try TaskLedgerBinary.run(["import", "--data", c, edited])
            #expect(importRefused.status == 1)
            #expect(importRefused.stderr.hasPrefix("line \(target + 1): "), "\(importRefused.stderr)")
            // Nothing of the import was stored.
            let stats = try TaskLedgerBinary.run(["stats", "--data", c])
            #expect(stats.stdout.contains("events:      0"), "\(stats.stdout)")
        }
    }

    /// Tamper: a byte changed inside the LMDB file of a copy makes verify fail and name the seq.
    @Test func verifyNamesATamperedEventInTheFile() throws {
        let dir = try TemporaryDirectory()
        let data = dir.file("d")
        let marker = "Ghi chú kiểm tra giả mạo số 4242"
        var lines: [String] = [
            #"{"type":"UnitRegistered","recordedAt":"2025-03-01T08:00:00+07:00","actor":{"role":"office"},"payload":{"unitId":"SXD","name":"Sở Xây dựng","kind":"department"}}"#
        ]
        for i in 0..<20 {
            let name = i == 13 ? marker : "Đơn vị \(i)"
            lines.append(
                #"{"type":"UnitRegistered","recordedAt":"2025-03-01T09:00:00+07:00","actor":{"role":"office"},"payload":{"unitId":"U\#(i)","name":"\#(name)","kind":"other"}}"#
            )
        }
        try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: dir.file("in.ndjson")))
        #expect(try TaskLedgerBinary.run(["import", "--data", data, dir.file("in.ndjson")]).status == 0)
        #expect(try TaskLedgerBinary.run(["verify", "--data", data]).status == 0)

        var file = try [UInt8](Data(contentsOf: URL(fileURLWithPath: data + "/data.mdb")))
        let needle = Array(marker.utf8)
        guard let at = file.firstRange(of: needle)?.lowerBound else {
            Issue.record("the marker is not in data.mdb")
            return
        }
        file[at + needle.count - 1] = UInt8(ascii: "3")
        try Data(file).write(to: URL(fileURLWithPath: data + "/data.mdb"))
        let result = try TaskLedgerBinary.run(["verify", "--data", data])
        #expect(result.status == 1)
        #expect(result.stderr.contains("seq 15"), "\(result.stderr)")
    }

    /// Crash safety for real: an appender is killed with SIGKILL at random moments; after each kill the log
    /// verifies and every acknowledged append is present, with the content it was acknowledged for.
    @Test func everyAcknowledgedAppendSurvivesSIGKILL() throws {
        let dir = try TemporaryDirectory()
        let data = dir.file("d")
        var acknowledged: [(seq: UInt64, unit: String)] = []
        var generator = SystemRandomNumberGenerator()
        for round in 0..<5 {
            let process = try TaskLedgerBinary.start([
                "append-loop", "--data", data, "--count", "1000000", "--concurrency", "4", "--prefix", "R\(round)",
            ])
            usleep(UInt32.random(in: 300_000...900_000, using: &generator))
            process.kill()
            for line in process.outputLines {
                let parts = line.split(separator: " ")
                guard parts.count == 3, parts[0] == "ack", let seq = UInt64(parts[1]) else { continue }
                acknowledged.append((seq, String(parts[2])))
            }
            let verify = try TaskLedgerBinary.run(["verify", "--data", data])
            #expect(verify.status == 0, "round \(round): \(verify.stderr)")
        }
        #expect(acknowledged.count > 0)
        let export = try TaskLedgerBinary.run(["export", "--data", data])
        let stored = export.stdout.split(separator: "\n")
        for ack in acknowledged {
            guard ack.seq >= 1, Int(ack.seq) <= stored.count else {
                Issue.record("acknowledged seq \(ack.seq) is missing after the crashes")
                continue
            }
            #expect(stored[Int(ack.seq) - 1].contains("\"unitId\":\"\(ack.unit)\""), "seq \(ack.seq) does not hold \(ack.unit)")
        }
    }

    /// A SIGKILL in the middle of a large import leaves either all of it or none.
    @Test func aKilledImportLeavesAllOrNothing() throws {
        let dir = try TemporaryDirectory()
        let file = dir.file("demo.ndjson")
        #expect(try TaskLedgerBinary.run(["demo", "--seed", "3", "--scale", "1", "--out", file]).status == 0)
        let total = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").count
        var generator = SystemRandomNumberGenerator()
        for round in 0..<3 {
            let data = dir.file("d\(round)")
            let process = try TaskLedgerBinary.start(["import", "--data", data, file])
            usleep(UInt32.random(in: 200_000...2_500_000, using: &generator))
            process.kill()
            let stats = try TaskLedgerBinary.run(["stats", "--data", data])
            if stats.status != 0 { continue }  // killed before the data directory existed: nothing stored
            let events = stats.stdout.split(separator: "\n").first { $0.hasPrefix("events:") }.map {
                $0.split(separator: " ").last.map(String.init) ?? ""
            }
            #expect(events == "0" || events == "\(total)", "round \(round): a killed import left \(events ?? "?") of \(total) events")
            #expect(try TaskLedgerBinary.run(["verify", "--data", data]).status == 0)
        }
    }

    /// 64 concurrent appenders through group commit give a gapless log that verifies.
    @Test func sixtyFourConcurrentAppenders() throws {
        let dir = try TemporaryDirectory()
        let data = dir.file("d")
        let result = try TaskLedgerBinary.run(["append-loop", "--data", data, "--count", "3200", "--concurrency", "64"])
        #expect(result.status == 0, "\(result.stderr)")
        let acks = result.stdout.split(separator: "\n").compactMap { $0.split(separator: " ").dropFirst().first.flatMap { UInt64($0) } }
        #expect(acks.count == 3200)
        #expect(Set(acks) == Set(1...3200))
        #expect(try TaskLedgerBinary.run(["verify", "--data", data]).status == 0)
    }

    /// A backup taken while another process writes opens and verifies on its own, and its last event is a
    /// prefix of the source's log (same seq, same hash).
    @Test func backupUnderConcurrentWrites() throws {
        let dir = try TemporaryDirectory()
        let data = dir.file("d")
        #expect(try TaskLedgerBinary.run(["append-loop", "--data", data, "--count", "200", "--quiet"]).status == 0)
        let writer = try TaskLedgerBinary.start(["append-loop", "--data", data, "--count", "5000", "--concurrency", "16", "--prefix", "W"])
        usleep(200_000)
        let backup = try TaskLedgerBinary.run(["backup", "--data", data, dir.file("copy")])
        writer.waitUntilExit()
        #expect(backup.status == 0, "\(backup.stderr)")
        let verify = try TaskLedgerBinary.run(["verify", "--data", dir.file("copy")])
        #expect(verify.status == 0, "\(verify.stderr)")
        let copyExport = try TaskLedgerBinary.run(["export", "--data", dir.file("copy")]).stdout
        let sourceExport = try TaskLedgerBinary.run(["export", "--data", data]).stdout
        #expect(!copyExport.isEmpty)
        #expect(sourceExport.hasPrefix(copyExport))
    }
}
