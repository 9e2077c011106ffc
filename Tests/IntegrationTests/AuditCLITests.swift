import CanonicalJSON
import Foundation
import TestSupport
import Testing

/// The auditor's commands through the real binary, on copies of a demo ledger: `checkpoint`, `prove`, `key`,
/// `verify --against`, `report verify`, and `tools/audit.py` as an outside check. Each tamper is made the way an
/// insider could: bytes patched inside `data.mdb`, history rebuilt with every hash recomputed, the log cut short.
@Suite(.serialized, .enabled(if: TaskLedgerBinary.isBuilt, "build the taskledger binary first (swift build)"))
struct AuditCLITests {
    static let audit = TaskLedgerBinary.packageRoot + "/tools/audit.py"

    /// A demo ledger (seed 1, scale 0.02: about 1,100 events) with a checkpoint at 600 events saved by an auditor.
    final class Fixture {
        let dir: TemporaryDirectory
        let data: String
        let oldCheckpoint: String
        let publicKey: String
        let exportLines: [[UInt8]]

        init() throws {
            dir = try TemporaryDirectory("audit-cli")
            data = dir.file("data")
            let seeded = try TaskLedgerBinary.run(["demo", "--data", data, "--seed", "1", "--scale", "0.02"])
            guard seeded.status == 0 else { throw FixtureError("demo failed: \(seeded.stderr)") }
            oldCheckpoint = dir.file("old-checkpoint.json")
            let checkpoint = try TaskLedgerBinary.run(["checkpoint", "--data", data, "--tree-size", "600", "--out", oldCheckpoint])
            guard checkpoint.status == 0 else { throw FixtureError("checkpoint failed: \(checkpoint.stderr)") }
            let key = try TaskLedgerBinary.run(["key", "show", "--data", data])
            guard key.status == 0, let hex = key.stdout.split(separator: " ").last else { throw FixtureError("key show failed: \(key.stderr)") }
            publicKey = hex.trimmingCharacters(in: .whitespacesAndNewlines)
            let export = try TaskLedgerBinary.run(["export", "--data", data])
            exportLines = export.stdoutBytes.split(separator: 0x0A).map(Array.init)
        }

        /// A new ledger from `lines` (full envelopes or bare events), holding this ledger's signing keys, as the Office
        /// would keep them when it rebuilds its log.
        func rebuilt(_ name: String, from lines: [[UInt8]]) throws -> String {
            let file = dir.file(name + ".ndjson")
            try Data(lines.joined(separator: [0x0A]) + [0x0A]).write(to: URL(fileURLWithPath: file))
            let target = dir.file(name)
            let imported = try TaskLedgerBinary.run(["import", "--data", target, file])
            guard imported.status == 0 else { throw FixtureError("import failed: \(imported.stderr)") }
            // The import created the copy's own key; the rewriting Office signs with the original one.
            try? FileManager.default.removeItem(atPath: target + "/keys")
            try FileManager.default.copyItem(atPath: data + "/keys", toPath: target + "/keys")
            return target
        }
    }

    struct FixtureError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    // MARK: - The untouched ledger

    @Test func checkpointsAndProofsOfTheUntouchedLedgerHold() throws {
        let f = try Fixture()
        let again = try TaskLedgerBinary.run(["checkpoint", "--data", f.data, "--tree-size", "600"])
        #expect(again.status == 0)
        #expect(again.stdoutBytes == Array(try Data(contentsOf: URL(fileURLWithPath: f.oldCheckpoint))), "signing is deterministic")

        let verified = try TaskLedgerBinary.run(["verify", "--data", f.data, "--against", f.oldCheckpoint])
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(verified.stdout.contains("signature valid") && verified.stdout.contains("consistency proof from tree size 600"))

        let newCheckpoint = f.dir.file("new.json")
        #expect(try TaskLedgerBinary.run(["checkpoint", "--data", f.data, "--out", newCheckpoint]).status == 0)
        let proof = try TaskLedgerBinary.run(["prove", "consistency", "--data", f.data, "--from", "600"])
        #expect(proof.status == 0)
        try write(proof.stdout, to: f.dir.file("consistency.json"))
        let consistency = try Python.run([
            Self.audit, "consistency", "--old", f.oldCheckpoint, "--new", newCheckpoint, "--proof", f.dir.file("consistency.json"),
            "--public-key", f.publicKey,
        ])
        #expect(consistency.status == 0, "\(consistency.output)")

        let inclusion = try TaskLedgerBinary.run(["prove", "inclusion", "--data", f.data, "--seq", "345", "--tree-size", "600"])
        #expect(inclusion.status == 0)
        try write(inclusion.stdout, to: f.dir.file("inclusion.json"))
        try Data(f.exportLines[344]).write(to: URL(fileURLWithPath: f.dir.file("event345.json")))
        let included = try Python.run([
            Self.audit, "inclusion", "--line", f.dir.file("event345.json"), "--seq", "345", "--proof", f.dir.file("inclusion.json"),
            "--checkpoint", f.oldCheckpoint, "--public-key", f.publicKey,
        ])
        #expect(included.status == 0, "\(included.output)")

        let pastTheEnd = try TaskLedgerBinary.run(["prove", "inclusion", "--data", f.data, "--seq", "1", "--tree-size", "999999"])
        #expect(pastTheEnd.status != 0 && pastTheEnd.stderr.contains("--tree-size"))
    }

    @Test func rotationKeepsOldCheckpointsVerifiable() throws {
        let f = try Fixture()
        let rotated = try TaskLedgerBinary.run(["key", "rotate", "--data", f.data])
        #expect(rotated.status == 0)
        #expect(!rotated.stdout.contains(f.publicKey))
        let all = try TaskLedgerBinary.run(["key", "show", "--all", "--data", f.data])
        #expect(all.stdout.split(separator: "\n").count == 2 && all.stdout.contains(f.publicKey))
        #expect(try TaskLedgerBinary.run(["verify", "--data", f.data, "--against", f.oldCheckpoint]).status == 0)
    }

    // MARK: - Tampering

    /// One byte of one event's payload changed inside `data.mdb` of a compacted copy: `verify` names that seq.
    @Test func aByteChangedInsideTheLMDBFileIsNamedBySeq() throws {
        let f = try Fixture()
        let copy = f.dir.file("patched")
        #expect(try TaskLedgerBinary.run(["backup", "--data", f.data, copy]).status == 0)
        // Stored events are canonical JSON with sorted keys, so event 700's payload ends right before
        // `,"prev":"<hash of 699>"`, and that hex text is in no other event: it finds the payload in the file.
        let seq = 700
        let prev = try #require(try JSONParser.parse(f.exportLines[seq - 1])["prev"]?.stringValue)
        let needle = Array(",\"prev\":\"\(prev)\"".utf8)
        let file = URL(fileURLWithPath: copy + "/data.mdb")
        var bytes = [UInt8](try Data(contentsOf: file))
        let hits = Self.occurrences(of: needle, in: bytes)
        #expect(hits.count == 1, "a compacted copy holds each event once")
        let end = try #require(hits.first)
        // The last ASCII letter of the payload, upper case swapped for lower: one byte, still valid UTF-8.
        let position = try #require((max(0, end - 300)..<end).reversed().first { isASCIILetter(bytes[$0]) })
        bytes[position] ^= 0x20
        try Data(bytes).write(to: file)

        let verified = try TaskLedgerBinary.run(["verify", "--data", copy])
        #expect(verified.status == 1)
        #expect(verified.stderr.contains("seq \(seq):"), "\(verified.stderr)")
    }

    /// The Office rebuilds its log from an edited history, every hash and node recomputed, and keeps its key: the
    /// copy is whole in itself, but it no longer extends the checkpoint an auditor saved, and no proof joins them.
    @Test func historyRewrittenWithTheChainRecomputedFailsAgainstAnOldCheckpoint() throws {
        let f = try Fixture()
        var edited = false
        let bare = try f.exportLines.enumerated().map { index, line -> [UInt8] in
            guard case .object(var o) = try JSONParser.parse(line) else { throw FixtureError("an export line is not an object") }
            for key in ["seq", "stream", "version", "schema", "prev", "hash"] { o[key] = nil }
            if !edited, (400..<600).contains(index), o["type"]?.stringValue == "TaskAssigned", case .object(var payload)? = o["payload"],
                let title = payload["title"]?.stringValue
            {
                payload["title"] = .string(title + " (đã sửa)")
                o["payload"] = .object(payload)
                edited = true
            }
            return JSONValue.object(o).canonicalBytes
        }
        #expect(edited)
        let rewritten = try f.rebuilt("rewritten", from: bare)
        #expect(try TaskLedgerBinary.run(["verify", "--data", rewritten]).status == 0, "the rewritten log is consistent in itself")

        let against = try TaskLedgerBinary.run(["verify", "--data", rewritten, "--against", f.oldCheckpoint])
        #expect(against.status == 1)
        #expect(against.stderr.contains("history before seq 601 was changed"), "\(against.stderr)")

        let newCheckpoint = f.dir.file("rewritten-checkpoint.json")
        #expect(try TaskLedgerBinary.run(["checkpoint", "--data", rewritten, "--out", newCheckpoint]).status == 0)
        let proof = try TaskLedgerBinary.run(["prove", "consistency", "--data", rewritten, "--from", "600"])
        try write(proof.stdout, to: f.dir.file("rewritten-proof.json"))
        let outside = try Python.run([
            Self.audit, "consistency", "--old", f.oldCheckpoint, "--new", newCheckpoint, "--proof", f.dir.file("rewritten-proof.json"),
            "--public-key", f.publicKey,
        ])
        #expect(outside.status == 1, "\(outside.output)")
    }

    @Test func aTruncatedLogFailsAgainstACheckpointPastItsEnd() throws {
        let f = try Fixture()
        let truncated = try f.rebuilt("truncated", from: Array(f.exportLines.prefix(550)))
        #expect(try TaskLedgerBinary.run(["verify", "--data", truncated]).status == 0)
        let against = try TaskLedgerBinary.run(["verify", "--data", truncated, "--against", f.oldCheckpoint])
        #expect(against.status == 1)
        #expect(against.stderr.contains("the log has 550 events, but the checkpoint covers 600"), "\(against.stderr)")
    }

    /// Every signed field of the saved checkpoint changed in turn, signature kept: `verify --against` and the outside
    /// verifier both refuse it.
    @Test(arguments: [
        ("\"treeSize\":600", "\"treeSize\":599"),
        ("\"lastRecordedAt\":\"2", "\"lastRecordedAt\":\"1"),
        ("\"rootHash\":\"", "\"rootHash\":\"00"),
    ])
    func aCheckpointWithAChangedFieldFails(original: String, replacement: String) throws {
        let f = try Fixture()
        var text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: f.oldCheckpoint)), as: UTF8.self)
        #expect(text.contains(original))
        if original.hasSuffix("rootHash\":\"") {
            // Keep 64 hex digits: drop two at the end of the hash.
            let start = try #require(text.range(of: original)).upperBound
            let end = text.index(start, offsetBy: 64)
            text.replaceSubrange(start..<end, with: "00" + text[start..<text.index(start, offsetBy: 62)])
        } else {
            text = text.replacingOccurrences(of: original, with: replacement)
        }
        let forged = f.dir.file("forged.json")
        try write(text, to: forged)
        let against = try TaskLedgerBinary.run(["verify", "--data", f.data, "--against", forged])
        #expect(against.status == 1)
        #expect(against.stderr.contains("signature does not hold"), "\(against.stderr)")
        let outside = try Python.run([Self.audit, "checkpoint", forged, "--public-key", f.publicKey])
        #expect(outside.status == 1, "\(outside.output)")
    }

    // MARK: - Reports

    @Test func aSavedReportVerifiesAndAnEditedOneFails() throws {
        let f = try Fixture()
        let report = f.dir.file("monthly.json")
        let made = try TaskLedgerBinary.run(["report", "monthly", "--data", f.data, "--as-of", "550", "--out", report])
        #expect(made.status == 0, "\(made.stderr)")
        let annual = f.dir.file("annual.json")
        #expect(try TaskLedgerBinary.run(["report", "annual", "--data", f.data, "--rollup", "successor", "--out", annual]).status == 0)

        let checked = try TaskLedgerBinary.run(["report", "verify", "--data", f.data, report, "--checkpoint", f.oldCheckpoint])
        #expect(checked.status == 0, "\(checked.stderr)")
        #expect(checked.stdout.contains("units: matches") && checked.stdout.contains("is a prefix of the signed one"))
        #expect(try TaskLedgerBinary.run(["report", "verify", "--data", f.data, annual]).status == 0)

        // One count raised after the fact.
        guard case .object(var o) = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: report)))),
            case .object(var totals)? = o["totals"], let assigned = totals["assigned"]?.numberValue
        else {
            Issue.record("a monthly report has totals.assigned")
            return
        }
        #expect(assigned > 0)
        totals["assigned"] = .number(assigned + 1)
        o["totals"] = .object(totals)
        let edited = f.dir.file("edited.json")
        try Data(JSONValue.object(o).canonicalBytes).write(to: URL(fileURLWithPath: edited))
        let refused = try TaskLedgerBinary.run(["report", "verify", "--data", f.data, edited])
        #expect(refused.status == 1)
        #expect(refused.stdout.contains("differs: totals.assigned"), "\(refused.stdout)")

        // A report made after the checkpoint cannot be bound to it.
        let late = f.dir.file("late.json")
        #expect(try TaskLedgerBinary.run(["report", "monthly", "--data", f.data, "--as-of", "700", "--out", late]).status == 0)
        let tooLate = try TaskLedgerBinary.run(["report", "verify", "--data", f.data, late, "--checkpoint", f.oldCheckpoint])
        #expect(tooLate.status == 1 && tooLate.stderr.contains("give a checkpoint signed after the report"))
    }

    func isASCIILetter(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }

    static func occurrences(of needle: [UInt8], in haystack: [UInt8]) -> [Int] {
        guard !needle.isEmpty, haystack.count >= needle.count else { return [] }
        var found: [Int] = []
        var i = 0
        while i <= haystack.count - needle.count {
            if haystack[i] == needle[0] && haystack[i..<(i + needle.count)].elementsEqual(needle) { found.append(i) }
            i += 1
        }
        return found
    }
}
