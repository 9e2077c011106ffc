import Crypto
import Foundation
import Merkle
import Testing

/// Runs `tools/audit.py`, the auditors' independent verifier, on what the Swift code writes.
private enum AuditTool {
    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("tools/audit.py").path

    /// Whether `python3` with the `cryptography` package is installed; without it the audit tests are skipped.
    static let isAvailable: Bool = (try? run(["-c", "import cryptography"]).status) == 0

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    static func audit(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try run([script] + arguments)
    }
}

/// A directory of files as an auditor would receive them: an export, checkpoints, proofs and the public key.
private struct AuditFiles {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("merkle-audit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}

@Suite(
    "tools/audit.py checks what the ledger signs and proves",
    .enabled(if: AuditTool.isAvailable, "skipped: python3 with the `cryptography` module is not installed (pip install cryptography)")
)
struct AuditToolTests {
    let events = 37
    let oldSize: UInt64 = 20

    /// NDJSON lines shaped like `taskledger export`: seq, recordedAt, prev and hash (other fields play no part).
    func exportLines(_ nodes: InMemoryNodes) -> [String] {
        var previous = String(repeating: "0", count: 64)
        return nodes.eventHashes.enumerated().map { offset, hash in
            let hex = MerkleHash(bytes: hash)!.hex
            defer { previous = hex }
            return
                "{\"seq\":\(offset + 1),\"type\":\"ProgressReported\",\"recordedAt\":\"\(recordedAt(offset + 1))\",\"prev\":\"\(previous)\",\"hash\":\"\(hex)\"}"
        }
    }

    func recordedAt(_ seq: Int) -> String { "2026-03-02T01:02:\(seq < 10 ? "0" : "")\(seq).000Z" }

    func checkpoint(_ size: UInt64, _ nodes: InMemoryNodes) throws -> Checkpoint {
        try Checkpoint.sign(
            treeSize: size,
            rootHash: try MerkleTree.root(treeSize: size, nodes: nodes),
            lastRecordedAt: size == 0 ? "" : recordedAt(Int(size)),
            with: testSigningKey
        )
    }

    @Test("signatures, inclusion, consistency and whole-export roots are accepted, and tampered ones refused")
    func auditEverything() throws {
        let nodes = try InMemoryNodes.events(events)
        let files = try AuditFiles()
        defer { files.remove() }
        let lines = exportLines(nodes)
        let export = try files.write("export.ndjson", lines.joined(separator: "\n") + "\n")
        let key = try files.write("key.hex", hexString(testSigningKey.publicKey.rawRepresentation) + "\n")
        let oldCheckpoint = try checkpoint(oldSize, nodes)
        let newCheckpoint = try checkpoint(UInt64(events), nodes)
        let oldFile = try files.write("old.json", oldCheckpoint.jsonText(publicKey: testSigningKey.publicKey))
        let newFile = try files.write("new.json", newCheckpoint.jsonText())
        let inclusion = try InclusionProof(leafIndex: 12, treeSize: UInt64(events), nodes: nodes)
        let inclusionFile = try files.write("inclusion.json", inclusion.jsonText)
        let consistency = try ConsistencyProof(oldTreeSize: oldSize, newTreeSize: UInt64(events), nodes: nodes)
        let consistencyFile = try files.write("consistency.json", consistency.jsonText)

        let accepted: [[String]] = [
            ["checkpoint", newFile, "--public-key", key],
            ["checkpoint", oldFile, "--public-key", hexString(testSigningKey.publicKey.rawRepresentation)],
            ["inclusion", "--line", lines[12], "--seq", "13", "--proof", inclusionFile, "--checkpoint", newFile, "--public-key", key],
            ["inclusion", "--line", export, "--seq", "13", "--proof", inclusionFile, "--checkpoint", newFile],
            ["consistency", "--old", oldFile, "--new", newFile, "--proof", consistencyFile, "--public-key", key],
            ["root", export, "--checkpoint", newFile, "--public-key", key],
            ["root", export, "--checkpoint", oldFile],
        ]
        for arguments in accepted {
            let result = try AuditTool.audit(arguments)
            #expect(result.status == 0, "audit.py \(arguments.prefix(1)) refused: \(result.output)")
            #expect(result.output.hasPrefix("ok: "), "\(result.output)")
        }

        // Tampered copies: each must be refused with exit status 1.
        let forgedCheckpoint = try files.write(
            "forged.json",
            newCheckpoint.jsonText().replacingOccurrences(of: "\"treeSize\":\(events)", with: "\"treeSize\":\(events + 1)")
        )
        var alteredHashes = inclusion.hashes
        alteredHashes[1] = MerkleTree.leafHash([1])
        let badInclusion = try files.write(
            "bad-inclusion.json",
            try InclusionProof(leafIndex: 12, treeSize: UInt64(events), hashes: alteredHashes).jsonText
        )
        let badConsistency = try files.write(
            "bad-consistency.json",
            try ConsistencyProof(oldTreeSize: oldSize, newTreeSize: UInt64(events), hashes: consistency.hashes.reversed()).jsonText
        )
        // The last event's hash replaced (no later prev to betray it): only the Merkle root can tell.
        var editedLines = lines
        let lastHash = MerkleHash(bytes: nodes.eventHashes[events - 1])!.hex
        editedLines[events - 1] = editedLines[events - 1].replacingOccurrences(of: lastHash, with: MerkleTree.leafHash([7]).hex)
        #expect(editedLines != lines)
        let editedExport = try files.write("edited.ndjson", editedLines.joined(separator: "\n") + "\n")
        let gappedExport = try files.write("gapped.ndjson", lines.enumerated().filter { $0.offset != 9 }.map(\.element).joined(separator: "\n"))
        let otherKey = hexString(Curve25519.Signing.PrivateKey().publicKey.rawRepresentation)

        let hash13 = MerkleHash(bytes: nodes.eventHashes[12])!.hex
        let hash14 = MerkleHash(bytes: nodes.eventHashes[13])!.hex
        let substitutedLine = lines[12].replacingOccurrences(of: "\"hash\":\"\(hash13)\"", with: "\"hash\":\"\(hash14)\"")

        let refused: [(name: String, arguments: [String], reason: String)] = [
            ("forged tree size", ["checkpoint", forgedCheckpoint, "--public-key", key], "signature does not match"),
            ("someone else's key", ["checkpoint", newFile, "--public-key", otherKey], "names key"),
            (
                "altered inclusion proof",
                ["inclusion", "--line", lines[12], "--seq", "13", "--proof", badInclusion, "--checkpoint", newFile], "NOT proven"
            ),
            (
                "another event's hash under seq 13",
                ["inclusion", "--line", substitutedLine, "--seq", "13", "--proof", inclusionFile, "--checkpoint", newFile], "NOT proven"
            ),
            (
                "another event's line",
                ["inclusion", "--line", lines[13], "--seq", "13", "--proof", inclusionFile, "--checkpoint", newFile], "has seq 14"
            ),
            (
                "proof against the wrong checkpoint",
                ["inclusion", "--line", lines[12], "--seq", "13", "--proof", inclusionFile, "--checkpoint", oldFile], "the checkpoint for 20"
            ),
            (
                "reordered consistency proof",
                ["consistency", "--old", oldFile, "--new", newFile, "--proof", badConsistency], "NOT proven to extend"
            ),
            ("checkpoints swapped", ["consistency", "--old", newFile, "--new", oldFile, "--proof", consistencyFile], "joins sizes 20 and 37"),
            ("edited export", ["root", editedExport, "--checkpoint", newFile], "the checkpoint says"),
            ("export with a gap", ["root", gappedExport], "expected 10"),
        ]
        for (name, arguments, reason) in refused {
            let result = try AuditTool.audit(arguments)
            #expect(result.status == 1, "\(name) was not refused: \(result.output)")
            #expect(result.output.contains("audit failed") && result.output.contains(reason), "\(name): \(result.output)")
        }
    }
}

/// Lowercase hex of raw bytes, for writing keys the way an operator would paste them.
private func hexString(_ bytes: some Sequence<UInt8>) -> String {
    bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
}
