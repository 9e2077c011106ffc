import Crypto
import Merkle
import Testing

/// A fixed signing key, so signatures are the same on every run.
let testSigningKey = try! Curve25519.Signing.PrivateKey(rawRepresentation: (0..<32).map { UInt8($0) })

@Suite("Signed checkpoints")
struct CheckpointTests {
    let root = Reference.hash(Array("root".utf8))
    let recordedAt = "2026-03-02T01:02:03.456Z"

    @Test("the signed bytes are the five documented lines")
    func signedBytes() throws {
        let checkpoint = try Checkpoint.sign(treeSize: 42, rootHash: root, lastRecordedAt: recordedAt, with: testSigningKey)
        let text = "taskledger-checkpoint/v1\n42\n\(root.hex)\n\(recordedAt)\n\(checkpoint.keyId)\n"
        #expect(checkpoint.signedBytes == Array(text.utf8))
        #expect(testSigningKey.publicKey.isValidSignature(checkpoint.signature, for: Array(text.utf8)))
    }

    /// The worked example of events.md (section 9) §5, so that the document and the code cannot drift apart.
    @Test("the documented worked example")
    func documentedExample() throws {
        let nodes = try InMemoryNodes.events(3)
        #expect(
            Array(testSigningKey.publicKey.rawRepresentation)
                == MerkleHash(hex: "03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8")?.bytes
        )
        #expect(keyId(of: testSigningKey.publicKey) == "56475aa75463474c")
        #expect(MerkleHash(bytes: nodes.eventHashes[0])?.hex == "fb378474af5953bec611fcb2602c5b61271c1f233b60c0adba76d5d6f47a50c4")
        #expect(try nodes.node(level: 1, index: 0).hex == "7d1c85e2c580f8311ac22ca0d3f5294d38e6c0331b2cadbdcdff6e18cc11c16b")
        let root = try MerkleTree.root(treeSize: 3, nodes: nodes)
        #expect(root.hex == "1207f030e8fb13cccfb4d9acb7958cc98ee3b95fdf9dad858022b303b96a9a92")
        let leaves = try (0..<3).map { try nodes.node(level: 0, index: $0) }
        #expect(try MerkleTree.inclusionProof(leafIndex: 0, treeSize: 3, nodes: nodes) == [leaves[1], leaves[2]])
        #expect(try MerkleTree.consistencyProof(from: 2, to: 3, nodes: nodes) == [leaves[2]])
        let checkpoint = try Checkpoint.sign(treeSize: 3, rootHash: root, lastRecordedAt: "2026-03-02T01:02:03.456Z", with: testSigningKey)
        #expect(checkpoint.signedBytes.count == 134)
        #expect(
            checkpoint.jsonText().contains(
                "f9b48201b5f4d33a6e83791c6659af577f81594bf7c296bbd387f92d7d9e73510e6e0b4ccd0093a47a80c74899d5092b8fdec8806b0eb26e2a04b44a27bbd60f"
            )
        )
    }

    @Test("the key id is the first 8 bytes of SHA-256 of the raw public key, in hex")
    func keyIdentifier() {
        let expected = Array(SHA256.hash(data: testSigningKey.publicKey.rawRepresentation)).prefix(8)
            .map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        #expect(keyId(of: testSigningKey.publicKey) == expected)
        #expect(keyId(of: testSigningKey.publicKey).count == 16)
    }

    @Test("a checkpoint verifies with its key, and signing again gives the same bytes")
    func roundTrip() throws {
        let checkpoint = try Checkpoint.sign(treeSize: 42, rootHash: root, lastRecordedAt: recordedAt, with: testSigningKey)
        #expect(checkpoint.signature.count == 64)
        #expect(checkpoint.verify(with: testSigningKey.publicKey))
        #expect(try Checkpoint.sign(treeSize: 42, rootHash: root, lastRecordedAt: recordedAt, with: testSigningKey) == checkpoint)
        #expect(!checkpoint.verify(with: Curve25519.Signing.PrivateKey().publicKey))
        let empty = try Checkpoint.sign(treeSize: 0, rootHash: .emptyTreeRoot, lastRecordedAt: "", with: testSigningKey)
        #expect(empty.verify(with: testSigningKey.publicKey))
    }

    @Test("changing any signed field or the signature makes verification fail")
    func modifiedFieldsFail() throws {
        let signed = try Checkpoint.sign(treeSize: 42, rootHash: root, lastRecordedAt: recordedAt, with: testSigningKey)
        var flipped = signed.signature
        flipped[10] ^= 0x01
        let otherKeyId = keyId(of: Curve25519.Signing.PrivateKey().publicKey)
        let modified: [(String, Checkpoint)] = [
            ("treeSize", try Checkpoint(treeSize: 43, rootHash: root, lastRecordedAt: recordedAt, keyId: signed.keyId, signature: signed.signature)),
            (
                "rootHash",
                try Checkpoint(
                    treeSize: 42,
                    rootHash: Reference.hash([1]),
                    lastRecordedAt: recordedAt,
                    keyId: signed.keyId,
                    signature: signed.signature
                )
            ),
            (
                "lastRecordedAt",
                try Checkpoint(
                    treeSize: 42,
                    rootHash: root,
                    lastRecordedAt: "2026-03-02T01:02:03.457Z",
                    keyId: signed.keyId,
                    signature: signed.signature
                )
            ),
            ("keyId", try Checkpoint(treeSize: 42, rootHash: root, lastRecordedAt: recordedAt, keyId: otherKeyId, signature: signed.signature)),
            ("signature", try Checkpoint(treeSize: 42, rootHash: root, lastRecordedAt: recordedAt, keyId: signed.keyId, signature: flipped)),
        ]
        for (name, checkpoint) in modified {
            #expect(!checkpoint.verify(with: testSigningKey.publicKey), "modified \(name) still verifies")
        }
    }

    @Test("parts that could not be signed unambiguously are refused")
    func invalidParts() throws {
        let signature = [UInt8](repeating: 0, count: 64)
        let keyId = keyId(of: testSigningKey.publicKey)
        let refused: [(UInt64, MerkleHash, String, String, [UInt8], String)] = [
            (1, root, "2026-01-01T00:00:00.000Z\n1", keyId, signature, "printable ASCII"),
            (1, root, "", keyId, signature, "printable ASCII"),
            (0, root, "", keyId, signature, "empty tree's root"),
            (0, .emptyTreeRoot, recordedAt, keyId, signature, "lastRecordedAt must be \"\""),
            (1, root, recordedAt, keyId.uppercased(), signature, "keyId"),
            (1, root, recordedAt, String(keyId.dropLast()), signature, "keyId"),
            (1, root, recordedAt, keyId, Array(signature.dropLast()), "64 bytes"),
        ]
        for (size, hash, at, id, bytes, message) in refused {
            let error = #expect(throws: MerkleError.self) {
                try Checkpoint(treeSize: size, rootHash: hash, lastRecordedAt: at, keyId: id, signature: bytes)
            }
            #expect(error?.description.contains(message) == true, "\(error?.description ?? "accepted") should mention \(message)")
        }
        #expect(throws: MerkleError.self) { try Checkpoint.sign(treeSize: 3, rootHash: root, lastRecordedAt: "", with: testSigningKey) }
    }

    @Test("the JSON form round-trips, with and without the public key")
    func json() throws {
        let checkpoint = try Checkpoint.sign(treeSize: 42, rootHash: root, lastRecordedAt: recordedAt, with: testSigningKey)
        let text = checkpoint.jsonText()
        #expect(
            text
                == "{\"treeSize\":42,\"rootHash\":\"\(root.hex)\",\"lastRecordedAt\":\"\(recordedAt)\",\"keyId\":\"\(checkpoint.keyId)\",\"signature\":\""
                + checkpoint.signature.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined() + "\"}"
        )
        let parsed = try Checkpoint.parse(jsonText: text)
        #expect(parsed.checkpoint == checkpoint)
        #expect(parsed.publicKey == nil)

        let withKey = try Checkpoint.parse(jsonText: checkpoint.jsonText(publicKey: testSigningKey.publicKey))
        #expect(withKey.checkpoint == checkpoint)
        #expect(withKey.publicKey?.rawRepresentation == testSigningKey.publicKey.rawRepresentation)

        let otherKey = Curve25519.Signing.PrivateKey().publicKey
        #expect(throws: MerkleError.self) { try Checkpoint.parse(jsonText: checkpoint.jsonText(publicKey: otherKey)) }
        let refused: [(String, String)] = [
            (text.replacingOccurrences(of: "\"treeSize\":42,", with: ""), "\"treeSize\" is missing"),
            (text.replacingOccurrences(of: "\"treeSize\":42", with: "\"treeSize\":-1"), "treeSize"),
            (text.replacingOccurrences(of: root.hex, with: "00"), "rootHash"),
            (text.replacingOccurrences(of: "\"signature\":\"", with: "\"signature\":\"00"), "signature"),
            ("{\"treeSize\":42", "not well-formed JSON"),
        ]
        for (json, message) in refused {
            let error = #expect(throws: MerkleError.self) { try Checkpoint.parse(jsonText: json) }
            #expect(error?.description.contains(message) == true, "\(error?.description ?? "accepted") should mention \(message)")
        }
    }
}
