import CanonicalJSON
import DemoProvince
import EventLog
import Foundation
import Ledger
import Merkle
import Testing

/// The auditor's side of the ledger at the library level: signing keys, checkpoints, proofs, `check(against:)`
/// and `verifyReport`, including a log rewritten with every hash recomputed and a log cut short.
@Suite struct AuditTests {
    // MARK: - Keys

    @Test func theFirstKeyIsCreatedOwnerOnlyAndRotationKeepsOldPublicKeys() throws {
        let source = try AuditLedger.demo(events: 40)
        defer { source.remove() }
        let keys = try source.ledger.signingKeys()
        let first = try keys.current()
        #expect(try AuditLedger.mode(keys.directory) == 0o700)
        #expect(try AuditLedger.mode(keys.directory + "/\(first.keyId).key") == 0o600)
        #expect(try keys.publicKey(keyId: first.keyId)?.rawRepresentation == first.publicKey.rawRepresentation)

        let old = try source.ledger.checkpoint(treeSize: 20).checkpoint
        let second = try keys.rotate()
        #expect(second.keyId != first.keyId)
        #expect(try keys.current().keyId == second.keyId)
        #expect(try keys.allPublicKeys().map(\.keyId).sorted() == [first.keyId, second.keyId].sorted())
        #expect(!FileManager.default.fileExists(atPath: keys.directory + "/\(first.keyId).key"), "a rotated-out key must not sign again")
        // A checkpoint signed before the rotation still checks out; a new one names the new key.
        #expect(try source.ledger.check(against: old).headTreeSize == 40)
        #expect(try source.ledger.checkpoint(treeSize: 20).checkpoint.keyId == second.keyId)
    }

    @Test func aPrivateKeyOthersCanReadIsRefused() throws {
        let source = try AuditLedger.demo(events: 5)
        defer { source.remove() }
        let keys = try source.ledger.signingKeys()
        let keyId = try keys.current().keyId
        chmod(keys.directory + "/\(keyId).key", 0o644)
        #expect(throws: SigningKeyError.self) { try keys.current() }
        #expect(throws: SigningKeyError.self) { try source.ledger.checkpoint() }
    }

    // MARK: - Checkpoints and proofs

    @Test func checkpointsAreDeterministicAndVerify() throws {
        let source = try AuditLedger.demo(events: 60)
        defer { source.remove() }
        let a = try source.ledger.checkpoint(treeSize: 37)
        let b = try source.ledger.checkpoint(treeSize: 37)
        #expect(a.jsonText == b.jsonText)
        #expect(a.checkpoint.verify(with: a.publicKey))
        #expect(a.checkpoint.rootHash == (try source.ledger.merkleRoot(treeSize: 37)))
        let event37 = try source.ledger.log.read { try $0.event(37) }
        #expect(a.checkpoint.lastRecordedAt == event37?.recordedAt.description)
        #expect(try source.ledger.checkpoint().checkpoint.treeSize == 60)
        let empty = try source.ledger.checkpoint(treeSize: 0).checkpoint
        #expect(empty.rootHash == .emptyTreeRoot && empty.lastRecordedAt.isEmpty)
        #expect(throws: AuditRequestError.self) { try source.ledger.checkpoint(treeSize: 61) }
    }

    @Test func everyProofOfASmallLogVerifiesAgainstTheStoredRoots() throws {
        let source = try AuditLedger.demo(events: 33)
        defer { source.remove() }
        let ledger = source.ledger
        let hashes = try ledger.log.read { reader in try (1...33).map { try #require(try reader.event($0)).hash.bytes } }
        let roots = try (0...33).map { try #require(try ledger.merkleRoot(treeSize: UInt64($0))) }
        for size in 1...33 {
            for seq in 1...size {
                let proof = try ledger.inclusionProof(seq: UInt64(seq), treeSize: UInt64(size))
                #expect(proof.verify(leaf: MerkleTree.leafHash(hashes[seq - 1]), root: roots[size]), "inclusion of \(seq) in \(size)")
                if size > 1 {
                    #expect(!proof.verify(leaf: MerkleTree.leafHash(hashes[seq % size]), root: roots[size]), "wrong leaf for \(seq) in \(size)")
                }
            }
        }
        for to in 0...33 {
            for from in 0...to {
                let proof = try ledger.consistencyProof(from: UInt64(from), to: UInt64(to))
                #expect(proof.verify(oldRoot: roots[from], newRoot: roots[to]), "consistency \(from) → \(to)")
            }
        }
        #expect(throws: AuditRequestError.self) { try ledger.inclusionProof(seq: 0, treeSize: 10) }
        #expect(throws: AuditRequestError.self) { try ledger.inclusionProof(seq: 11, treeSize: 10) }
        #expect(throws: AuditRequestError.self) { try ledger.inclusionProof(seq: 1, treeSize: 34) }
        #expect(throws: AuditRequestError.self) { try ledger.consistencyProof(from: 11, to: 10) }
        #expect(throws: AuditRequestError.self) { try ledger.consistencyProof(from: 1, to: 34) }
    }

    // MARK: - Checking a saved checkpoint

    @Test func theLogExtendsItsOwnCheckpoints() throws {
        let source = try AuditLedger.demo(events: 80)
        defer { source.remove() }
        for size: UInt64 in [0, 1, 31, 32, 33, 80] {
            let saved = try source.ledger.checkpoint(treeSize: size).checkpoint
            let check = try source.ledger.check(against: saved)
            #expect(check.headTreeSize == 80 && check.proof.oldTreeSize == size)
        }
    }

    /// Each signed field changed in turn, the signature kept: the checkpoint no longer holds.
    @Test(arguments: ["treeSize", "rootHash", "lastRecordedAt", "keyId"])
    func aCheckpointWithAChangedFieldFails(field: String) throws {
        let source = try AuditLedger.demo(events: 50)
        defer { source.remove() }
        let signed = try source.ledger.checkpoint(treeSize: 40)
        let c = signed.checkpoint
        let other = try source.ledger.checkpoint(treeSize: 41).checkpoint
        let forged: Checkpoint
        switch field {
        case "treeSize":
            forged = try Checkpoint(treeSize: 41, rootHash: c.rootHash, lastRecordedAt: c.lastRecordedAt, keyId: c.keyId, signature: c.signature)
        case "rootHash":
            forged = try Checkpoint(treeSize: 40, rootHash: other.rootHash, lastRecordedAt: c.lastRecordedAt, keyId: c.keyId, signature: c.signature)
        case "lastRecordedAt":
            forged = try Checkpoint(
                treeSize: 40,
                rootHash: c.rootHash,
                lastRecordedAt: "2000-01-01T00:00:00.000Z",
                keyId: c.keyId,
                signature: c.signature
            )
        default:
            let rotated = try source.ledger.signingKeys().rotate()
            forged = try Checkpoint(
                treeSize: 40,
                rootHash: c.rootHash,
                lastRecordedAt: c.lastRecordedAt,
                keyId: rotated.keyId,
                signature: c.signature
            )
        }
        #expect(!forged.verify(with: signed.publicKey))
        let mismatch = try #require(throws: CheckpointMismatch.self) { try source.ledger.check(against: forged) }
        #expect(mismatch.message.contains("signature does not hold"))
    }

    @Test func aCheckpointFromAnotherLedgerIsNotAccepted() throws {
        let a = try AuditLedger.demo(events: 20)
        defer { a.remove() }
        let b = try AuditLedger.demo(events: 20)
        defer { b.remove() }
        let fromA = try a.ledger.checkpoint().checkpoint
        let mismatch = try #require(throws: CheckpointMismatch.self) { try b.ledger.check(against: fromA) }
        #expect(mismatch.message.contains("does not hold"))
    }

    @Test func aTruncatedLogIsDetected() throws {
        let source = try AuditLedger.demo(events: 120)
        defer { source.remove() }
        let saved = try source.ledger.checkpoint(treeSize: 100).checkpoint
        // The same first 90 events, verbatim, and the Office's key: a log cut short, intact in itself.
        let truncated = try AuditLedger.copy(of: source, lines: try source.exportLines().prefix(90).map { $0 })
        defer { truncated.remove() }
        #expect(try truncated.ledger.log.verify().events == 90)
        #expect(try truncated.ledger.check(against: source.ledger.checkpoint(treeSize: 90).checkpoint).headTreeSize == 90)
        let mismatch = try #require(throws: CheckpointMismatch.self) { try truncated.ledger.check(against: saved) }
        #expect(mismatch.message.contains("truncated"))
    }

    @Test func historyRewrittenWithEveryHashRecomputedIsDetected() throws {
        let source = try AuditLedger.demo(events: 600)
        defer { source.remove() }
        let saved = try source.ledger.checkpoint(treeSize: 500).checkpoint
        let (lines, editedSeq) = try source.bareLinesWithOneTitleChanged(before: 500)
        let rewritten = try AuditLedger.copy(of: source, lines: lines)
        defer { rewritten.remove() }
        // The rewritten log is whole in itself: chain, indexes and tree all agree …
        #expect(try rewritten.ledger.log.verify().events == 600)
        #expect(try rewritten.ledger.merkleRoot(treeSize: editedSeq - 1) == (try source.ledger.merkleRoot(treeSize: editedSeq - 1)))
        // … but it does not extend what the Office signed before.
        let mismatch = try #require(throws: CheckpointMismatch.self) { try rewritten.ledger.check(against: saved) }
        #expect(mismatch.message.contains("history before seq 501 was changed"))
        // Nor can the Office prove it: its consistency proof does not join the old root to the new one.
        let proof = try rewritten.ledger.consistencyProof(from: 500, to: 600)
        #expect(!proof.verify(oldRoot: saved.rootHash, newRoot: try #require(try rewritten.ledger.merkleRoot(treeSize: 600))))
    }

    // MARK: - Reports

    @Test func aSavedReportIsRecomputedAndBoundToALaterCheckpoint() throws {
        let source = try AuditLedger.demo(events: 800)
        defer { source.remove() }
        let monthly = try source.ledger.report(ReportQuery(kind: .monthly, cutoff: .seq(700, at: nil))).body
        let annual = try source.ledger.report(ReportQuery(kind: .annual, cutoff: .now, rollup: .successor)).body
        let later = try source.ledger.checkpoint(treeSize: 750).checkpoint
        let result = try source.ledger.verifyReport(monthly, checkpoint: later)
        #expect(result.matches && result.valuesCompared > 100)
        #expect(result.fields.map(\.name).contains("merkle"))
        #expect(result.prefixProof?.proof.oldTreeSize == 700 && result.prefixProof?.proof.newTreeSize == 750)
        #expect(try source.ledger.verifyReport(annual).matches)

        let earlier = try source.ledger.checkpoint(treeSize: 699).checkpoint
        #expect(throws: ReportVerificationError.self) { try source.ledger.verifyReport(monthly, checkpoint: earlier) }
    }

    @Test func aReportEditedAfterTheFactFails() throws {
        let source = try AuditLedger.demo(events: 800)
        defer { source.remove() }
        let body = try source.ledger.report(ReportQuery(kind: .monthly, cutoff: .seq(700, at: nil))).body
        guard case .object(var report) = try JSONParser.parse(body), case .object(var totals)? = report["totals"],
            let assigned = totals["assigned"]?.numberValue
        else {
            Issue.record("a monthly report has totals.assigned")
            return
        }
        #expect(assigned > 0, "the report should count tasks, or editing it proves little")
        totals["assigned"] = .number(assigned + 1)
        report["totals"] = .object(totals)
        let result = try source.ledger.verifyReport(JSONValue.object(report).canonicalBytes)
        #expect(!result.matches)
        #expect(result.differences.map(\.path) == ["totals.assigned"])
        #expect(result.fields.first { $0.name == "totals" }?.differing == 1)

        // A report moved to another cutoff no longer matches the hash and tree it names.
        guard case .object(var cutoff)? = report["cutoff"] else { return }
        report["totals"] = try JSONParser.parse(body)["totals"]
        cutoff["seq"] = .number(699)
        report["cutoff"] = .object(cutoff)
        let moved = try source.ledger.verifyReport(JSONValue.object(report).canonicalBytes)
        #expect(moved.differences.map(\.path).contains("cutoff.hash"))
        #expect(moved.differences.map(\.path).contains("merkle.rootHash"))
    }

    @Test func aReportOfARewrittenLogFails() throws {
        let source = try AuditLedger.demo(events: 800)
        defer { source.remove() }
        let body = try source.ledger.report(ReportQuery(kind: .annual, cutoff: .seq(780, at: nil))).body
        let (lines, _) = try source.bareLinesWithOneTitleChanged(before: 700)
        let rewritten = try AuditLedger.copy(of: source, lines: lines)
        defer { rewritten.remove() }
        let result = try rewritten.ledger.verifyReport(body)
        #expect(result.differences.map(\.path).contains("merkle.rootHash"))
        #expect(!result.matches)
    }

    @Test func whatIsNotAReportIsRefusedWithAReason() throws {
        let source = try AuditLedger.demo(events: 10)
        defer { source.remove() }
        for text in [
            "not json", "[]", #"{"kind":"weekly"}"#,
            #"{"kind":"monthly","cutoff":{"seq":99,"at":"2025-01-01T00:00:00.000Z"},"from":"2025-01-01","to":"2025-01-31"}"#,
        ] {
            #expect(throws: ReportVerificationError.self, "\(text)") { try source.ledger.verifyReport(Array(text.utf8)) }
        }
    }
}

/// A ledger in a temporary directory, filled from the demo province.
struct AuditLedger {
    let ledger: Ledger
    let directory: String

    /// The first `events` events of the demo province (seed 1).
    static func demo(events: Int) throws -> AuditLedger {
        let lines = DemoProvince(seed: 1, scale: 0.01).lines().prefix(events).map { Array($0.utf8) }
        return try make(lines: Array(lines), keysFrom: nil)
    }

    /// A second ledger built from `lines` that holds `source`'s signing keys, as an Office rewriting its log would.
    static func copy(of source: AuditLedger, lines: [[UInt8]]) throws -> AuditLedger {
        try make(lines: lines, keysFrom: try source.ledger.signingKeys().directory)
    }

    private static func make(lines: [[UInt8]], keysFrom: String?) throws -> AuditLedger {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("audit-\(UUID().uuidString)").path
        let ledger = try Ledger(directory: directory)
        let summary = try ledger.importLines(lines.enumerated().map { NDJSONLine(number: $0.offset + 1, bytes: $0.element) })
        #expect(summary.appended == lines.count)
        if let keysFrom {
            // The ledger made its own key when it was created; the rewriting Office signs with the original one.
            try FileManager.default.removeItem(atPath: directory + "/keys")
            try FileManager.default.copyItem(atPath: keysFrom, toPath: directory + "/keys")
        } else {
            _ = try ledger.signingKeys()
        }
        return AuditLedger(ledger: ledger, directory: directory)
    }

    func remove() {
        ledger.close()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The log as `export` writes it: full envelopes, hashes included.
    func exportLines() throws -> [[UInt8]] {
        try ledger.log.read { reader in
            var lines: [[UInt8]] = []
            try reader.forEachEvent { envelope in
                lines.append(envelope.exportLine)
                return true
            }
            return lines
        }
    }

    /// The whole log as bare events (chain to be recomputed) with the title of the last `TaskAssigned` before
    /// `seq` changed: history rewritten as an Office with write access to its own files could.
    func bareLinesWithOneTitleChanged(before seq: UInt64) throws -> (lines: [[UInt8]], editedSeq: UInt64) {
        try ledger.log.read { reader in
            var envelopes: [Envelope] = []
            try reader.forEachEvent {
                envelopes.append($0)
                return true
            }
            guard let target = envelopes.last(where: { $0.seq < seq && $0.type == "TaskAssigned" }) else {
                throw AuditFixtureError(message: "no TaskAssigned before seq \(seq) to edit")
            }
            let lines = envelopes.map { envelope -> [UInt8] in
                var payload = envelope.payload
                if envelope.seq == target.seq, case .object(var o) = payload, let title = o["title"]?.stringValue {
                    o["title"] = .string(title + " (đã sửa)")
                    payload = .object(o)
                }
                var bare: [String: JSONValue] = [
                    "type": .string(envelope.type),
                    "recordedAt": .string(envelope.recordedAt.description),
                    "actor": envelope.actor.json,
                    "payload": payload,
                ]
                if let commandId = envelope.commandId { bare["commandId"] = .string(commandId) }
                return JSONValue.object(bare).canonicalBytes
            }
            return (lines, target.seq)
        }
    }

    static func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }
}

/// A fixture that cannot be built as asked.
struct AuditFixtureError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
