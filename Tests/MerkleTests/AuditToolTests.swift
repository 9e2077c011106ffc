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

/// Differential check of the two implementations: the Swift verifiers decide every case (genuine proofs and altered
/// ones, sizes and roots that do not belong together), and audit.py's RFC 9162 functions must decide each the same way.
@Suite(
    "audit.py's verifiers agree with the Swift ones",
    .enabled(if: AuditTool.isAvailable, "skipped: python3 with the `cryptography` module is not installed (pip install cryptography)")
)
struct AuditVerifierAgreementTests {
    private func variants(_ proof: [MerkleHash]) -> [[MerkleHash]] {
        var result = [proof, proof + [MerkleTree.leafHash([9])]]
        if !proof.isEmpty { result += [Array(proof.dropLast()), Array(proof.dropFirst())] }
        if proof.count >= 2 { result.append(proof.reversed()) }
        return result
    }

    @Test("on every inclusion and consistency case up to 32 leaves, genuine and altered")
    func agreement() throws {
        let nodes = try InMemoryNodes.events(33)
        let roots = try (0...33).map { try MerkleTree.root(treeSize: UInt64($0), nodes: nodes) }
        var cases: [String] = []
        var genuine = 0
        func add(_ kind: String, _ numbers: String, _ hashes: String, _ proof: [MerkleHash], _ expected: Bool) {
            cases.append(
                "{\"kind\":\"\(kind)\",\(numbers),\(hashes),\"proof\":[\(proof.map { "\"\($0.hex)\"" }.joined(separator: ","))],\"expected\":\(expected)}"
            )
        }
        for n in 1...32 {
            for i in 0..<n {
                let leaf = try nodes.node(level: 0, index: UInt64(i))
                let proof = try MerkleTree.inclusionProof(leafIndex: UInt64(i), treeSize: UInt64(n), nodes: nodes.prefix(UInt64(n)))
                for claimedSize in Set([n, n - 1, n + 1, 2 * n, n / 2]) where claimedSize >= 0 {
                    for (variant, (leafIndex, candidate)) in [(i, leaf), (i + 1, leaf), (i, roots[n])].enumerated() {
                        for altered in variants(proof) {
                            let holds = MerkleTree.verifyInclusion(
                                leaf: candidate,
                                leafIndex: UInt64(leafIndex),
                                treeSize: UInt64(claimedSize),
                                proof: altered,
                                root: roots[n]
                            )
                            if holds && claimedSize == n && variant == 0 && altered == proof { genuine += 1 }
                            add(
                                "inclusion",
                                "\"index\":\(leafIndex),\"size\":\(claimedSize)",
                                "\"leaf\":\"\(candidate.hex)\",\"root\":\"\(roots[n].hex)\"",
                                altered,
                                holds
                            )
                        }
                    }
                }
            }
        }
        for n in 0...32 {
            for m in 0...n {
                let proof = try MerkleTree.consistencyProof(from: UInt64(m), to: UInt64(n), nodes: nodes.prefix(UInt64(n)))
                let claimedSizes: [(Int, Int)] = [(m, n), (m - 1, n), (m + 1, n), (m, n + 1), (m, n - 1), (n, m)]
                for (claimedOld, claimedNew) in claimedSizes where claimedOld >= 0 && claimedNew >= 0 {
                    for (oldRoot, newRoot) in [(roots[m], roots[n]), (roots[n], roots[m]), (roots[m], roots[m])] {
                        for altered in variants(proof) {
                            let holds = MerkleTree.verifyConsistency(
                                from: UInt64(claimedOld),
                                to: UInt64(claimedNew),
                                oldRoot: oldRoot,
                                newRoot: newRoot,
                                proof: altered
                            )
                            add(
                                "consistency",
                                "\"old\":\(claimedOld),\"new\":\(claimedNew)",
                                "\"oldRoot\":\"\(oldRoot.hex)\",\"newRoot\":\"\(newRoot.hex)\"",
                                altered,
                                holds
                            )
                        }
                    }
                }
            }
        }
        #expect(genuine == 528, "every genuine inclusion proof up to 32 leaves verifies in Swift")
        let files = try AuditFiles()
        defer { files.remove() }
        let casesFile = try files.write("cases.ndjson", cases.joined(separator: "\n"))
        let driver = """
            import json, sys
            sys.path.insert(0, sys.argv[1])
            import audit
            h = bytes.fromhex
            wrong = []
            count = 0
            for line in open(sys.argv[2]):
                c = json.loads(line)
                proof = [h(p) for p in c["proof"]]
                if c["kind"] == "inclusion":
                    got = audit.verify_inclusion(h(c["leaf"]), c["index"], c["size"], proof, h(c["root"]))
                else:
                    got = audit.verify_consistency(c["old"], c["new"], h(c["oldRoot"]), h(c["newRoot"]), proof)
                count += 1
                if got != c["expected"]:
                    wrong.append(line.strip())
            print(f"{count} cases, {len(wrong)} disagreements")
            for line in wrong[:5]:
                print(line)
            sys.exit(1 if wrong else 0)
            """
        let toolsDirectory = URL(fileURLWithPath: AuditTool.script).deletingLastPathComponent().path
        let result = try AuditTool.run(["-c", driver, toolsDirectory, casesFile])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.hasPrefix("\(cases.count) cases, 0 disagreements"), "\(result.output)")
    }
}

/// Lowercase hex of raw bytes, for writing keys the way an operator would paste them.
private func hexString(_ bytes: some Sequence<UInt8>) -> String {
    bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
}
