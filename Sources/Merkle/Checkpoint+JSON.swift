import Crypto

/// The JSON form of a checkpoint, for files (`taskledger checkpoint`, `--against CP.json`) and HTTP:
///
///     {"treeSize":N,"rootHash":"<64 hex>","lastRecordedAt":"…","keyId":"<16 hex>","signature":"<128 hex>","publicKey":"<64 hex>"}
///
/// `publicKey` (the raw 32-byte Ed25519 key in hex) is optional and only a convenience: a verifier must trust a key
/// it got elsewhere. Unknown fields are ignored, so fields can be added later.
extension Checkpoint {
    /// The checkpoint as one line of JSON (no trailing newline), fields in the order above.
    public func jsonText(publicKey: Curve25519.Signing.PublicKey? = nil) -> String {
        var text = "{\"treeSize\":\(treeSize),\"rootHash\":\(JSONText.quoted(rootHash.hex))"
        text += ",\"lastRecordedAt\":\(JSONText.quoted(lastRecordedAt)),\"keyId\":\(JSONText.quoted(keyId))"
        text += ",\"signature\":\(JSONText.quoted(Hex.encode(signature)))"
        if let publicKey {
            text += ",\"publicKey\":\(JSONText.quoted(Hex.encode(publicKey.rawRepresentation)))"
        }
        return text + "}"
    }

    /// Reads the JSON form. The signature is not checked (use ``verify(with:)``); a `publicKey` that is present must
    /// be 32 bytes of hex and match `keyId`.
    public static func parse(jsonText: String) throws(MerkleError) -> (checkpoint: Checkpoint, publicKey: Curve25519.Signing.PublicKey?) {
        let wire = try JSONText.decode(Wire.self, from: jsonText, what: "checkpoint")
        guard let rootHash = MerkleHash(hex: wire.rootHash) else {
            throw .invalidJSON("checkpoint: rootHash must be 64 hex digits (a SHA-256 hash)")
        }
        guard let signature = Hex.decode(wire.signature), signature.count == 64 else {
            throw .invalidJSON("checkpoint: signature must be 128 hex digits (a 64-byte Ed25519 signature)")
        }
        let checkpoint = try Checkpoint(
            treeSize: try JSONText.count(wire.treeSize, field: "treeSize", what: "checkpoint"),
            rootHash: rootHash,
            lastRecordedAt: wire.lastRecordedAt,
            keyId: wire.keyId,
            signature: signature
        )
        guard let publicKeyHex = wire.publicKey else { return (checkpoint, nil) }
        guard let raw = Hex.decode(publicKeyHex), raw.count == 32, let publicKey = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else {
            throw .invalidJSON("checkpoint: publicKey must be 64 hex digits (a raw 32-byte Ed25519 public key)")
        }
        guard Merkle.keyId(of: publicKey) == checkpoint.keyId else {
            throw .invalidCheckpoint("publicKey has keyId \(Merkle.keyId(of: publicKey)), but the checkpoint names \(checkpoint.keyId)")
        }
        return (checkpoint, publicKey)
    }

    private struct Wire: Decodable {
        let treeSize: Int64
        let rootHash: String
        let lastRecordedAt: String
        let keyId: String
        let signature: String
        let publicKey: String?
    }
}
