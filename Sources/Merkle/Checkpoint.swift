import Crypto
import Foundation

/// A signed statement "the log had `treeSize` events and this Merkle root": what an auditor keeps, so that any later
/// log can be proven to extend it (a consistency proof) and any event proven to be in it (an inclusion proof).
///
/// The signature is Ed25519 over ``signedBytes``; Ed25519 is deterministic, so signing the same tree size with the
/// same key always gives the same checkpoint. A value is always well formed (see ``init(treeSize:rootHash:lastRecordedAt:keyId:signature:)``);
/// whether its signature holds is asked of ``verify(with:)``.
public struct Checkpoint: Hashable, Sendable {
    /// How many events the tree covers: events `seq` 1…treeSize.
    public let treeSize: UInt64
    /// MTH of those events' hashes (RFC 9162).
    public let rootHash: MerkleHash
    /// The `recordedAt` of event `seq` = treeSize, as stored (`YYYY-MM-DDTHH:MM:SS.sssZ`); "" for the empty tree.
    public let lastRecordedAt: String
    /// ``keyId(of:)`` of the signing key.
    public let keyId: String
    /// The 64-byte Ed25519 signature over ``signedBytes``.
    public let signature: [UInt8]

    /// The first line of the signed text; a new format gets a new version, so no old signature can be read under it.
    public static let formatLine = "taskledger-checkpoint/v1"

    /// Builds a checkpoint from its parts, refusing parts that could not have been signed by
    /// ``sign(treeSize:rootHash:lastRecordedAt:with:)``. The signature itself is not checked here.
    public init(treeSize: UInt64, rootHash: MerkleHash, lastRecordedAt: String, keyId: String, signature: [UInt8]) throws(MerkleError) {
        try Self.validate(treeSize: treeSize, rootHash: rootHash, lastRecordedAt: lastRecordedAt, keyId: keyId)
        guard signature.count == 64 else {
            throw .invalidCheckpoint("the signature must be 64 bytes (128 hex digits), not \(signature.count) bytes")
        }
        self.treeSize = treeSize
        self.rootHash = rootHash
        self.lastRecordedAt = lastRecordedAt
        self.keyId = keyId
        self.signature = signature
    }

    /// The exact bytes that are signed: the UTF-8 (in fact ASCII) text of five lines, each ending in "\n" (0x0A):
    ///
    ///     taskledger-checkpoint/v1
    ///     <treeSize in decimal, no sign, no leading zeros>
    ///     <rootHash, 64 lowercase hex digits>
    ///     <lastRecordedAt, "" for size 0>
    ///     <keyId, 16 lowercase hex digits>
    ///
    /// No field can hold a line break (see ``init(treeSize:rootHash:lastRecordedAt:keyId:signature:)``), so the text
    /// splits back into its fields in exactly one way.
    public static func signedBytes(treeSize: UInt64, rootHash: MerkleHash, lastRecordedAt: String, keyId: String) -> [UInt8] {
        let text = "\(formatLine)\n\(treeSize)\n\(rootHash.hex)\n\(lastRecordedAt)\n\(keyId)\n"
        return Array(text.utf8)
    }

    /// ``signedBytes(treeSize:rootHash:lastRecordedAt:keyId:)`` of this checkpoint.
    public var signedBytes: [UInt8] {
        Self.signedBytes(treeSize: treeSize, rootHash: rootHash, lastRecordedAt: lastRecordedAt, keyId: keyId)
    }

    /// Signs the tree of `treeSize` events with root `rootHash`, naming the key by ``keyId(of:)``.
    public static func sign(
        treeSize: UInt64,
        rootHash: MerkleHash,
        lastRecordedAt: String,
        with key: Curve25519.Signing.PrivateKey
    ) throws(MerkleError) -> Checkpoint {
        let keyId = Merkle.keyId(of: key.publicKey)
        try validate(treeSize: treeSize, rootHash: rootHash, lastRecordedAt: lastRecordedAt, keyId: keyId)
        let message = signedBytes(treeSize: treeSize, rootHash: rootHash, lastRecordedAt: lastRecordedAt, keyId: keyId)
        let signature: Data
        do {
            signature = try key.signature(for: message)
        } catch {
            throw .signingFailed(String(describing: error))
        }
        return try Checkpoint(treeSize: treeSize, rootHash: rootHash, lastRecordedAt: lastRecordedAt, keyId: keyId, signature: Array(signature))
    }

    /// True when `publicKey` is the key the checkpoint names and its signature over ``signedBytes`` holds.
    public func verify(with publicKey: Curve25519.Signing.PublicKey) -> Bool {
        keyId == Merkle.keyId(of: publicKey) && publicKey.isValidSignature(signature, for: signedBytes)
    }

    private static func validate(treeSize: UInt64, rootHash: MerkleHash, lastRecordedAt: String, keyId: String) throws(MerkleError) {
        guard keyId.utf8.count == 16, Hex.isLowercase(keyId) else {
            throw .invalidCheckpoint("keyId must be 16 lowercase hex digits (the start of SHA-256 of the public key), not \"\(keyId)\"")
        }
        if treeSize == 0 {
            guard lastRecordedAt.isEmpty else {
                throw .invalidCheckpoint("the empty tree (treeSize 0) has no last event, so lastRecordedAt must be \"\"")
            }
            guard rootHash == .emptyTreeRoot else {
                throw .invalidCheckpoint("the empty tree's root is SHA-256 of the empty string, \(MerkleHash.emptyTreeRoot.hex)")
            }
        } else {
            let bytes = Array(lastRecordedAt.utf8)
            guard !bytes.isEmpty, bytes.count <= 64, bytes.allSatisfy({ (0x21...0x7E).contains($0) }) else {
                throw .invalidCheckpoint(
                    "lastRecordedAt must be the recordedAt of event seq \(treeSize): 1 to 64 printable ASCII characters without spaces"
                )
            }
        }
    }
}
