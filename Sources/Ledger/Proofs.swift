import Crypto
import EventLog
import Merkle

/// A checkpoint with the public key that verifies it, as `taskledger checkpoint` prints it and the HTTP API serves it.
public struct SignedCheckpoint: Sendable {
    public let checkpoint: Checkpoint
    public let publicKey: Curve25519.Signing.PublicKey

    /// `Checkpoint.jsonText(publicKey:)`: one line of JSON, no trailing newline; the format `tools/audit.py` reads.
    public var jsonText: String { checkpoint.jsonText(publicKey: publicKey) }
}

/// A proof or checkpoint asked for a size the log cannot answer: `parameter` names the input to fix.
public struct AuditRequestError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The parameter at fault, as the CLI and HTTP name it: `treeSize`, `seq`, `from` or `to`.
    public var parameter: String
    public var message: String
    public var description: String { message }
}

/// What an auditor asks of the log (RFC 9162; formats in `events.md` section 9). The CLI (`checkpoint`, `prove`) and the
/// HTTP API (`/v1/audit/…`) call these same functions, so both give byte-identical documents.
///
/// Every function reads one LMDB snapshot, so the sizes it checks and the nodes it reads belong to the same log, and
/// none writes: signing stays off the append path.
extension Ledger {
    /// The checkpoint signing keys, created on first use when the ledger has none yet.
    public func signingKeys() throws -> SigningKeys {
        try SigningKeys.openOrCreate(dataDirectory: directory)
    }

    /// Signs the tree of the first `treeSize` events (default: the whole log) with the current key.
    ///
    /// `lastRecordedAt` is the stored `recordedAt` of event `treeSize` ("" for the empty tree). Ed25519 is
    /// deterministic, so the same size and key always give the same bytes.
    public func checkpoint(treeSize: UInt64? = nil) throws -> SignedCheckpoint {
        let key = try signingKeys().current()
        let (size, root, lastRecordedAt): (UInt64, MerkleHash, String) = try log.read { reader in
            let head = try reader.head
            let size = treeSize ?? head.seq
            guard size <= head.seq else {
                throw AuditRequestError(
                    parameter: "treeSize",
                    message: "tree size \(size) is past the end of the log (it has \(head.seq) events); give at most \(head.seq)"
                )
            }
            var lastRecordedAt = ""
            if size > 0 {
                guard let event = try reader.event(size) else { throw LogError.corruptEvent(seq: size, reason: "missing") }
                lastRecordedAt = event.recordedAt.description
            }
            return (size, try reader.merkleRoot(treeSize: size), lastRecordedAt)
        }
        let checkpoint = try Checkpoint.sign(treeSize: size, rootHash: root, lastRecordedAt: lastRecordedAt, with: key.privateKey)
        return SignedCheckpoint(checkpoint: checkpoint, publicKey: key.publicKey)
    }

    /// The RFC 9162 inclusion proof of event `seq` in the tree of the first `treeSize` events (default: the whole log).
    public func inclusionProof(seq: UInt64, treeSize: UInt64? = nil) throws -> InclusionProof {
        try log.read { reader in
            let head = try reader.head
            let size = treeSize ?? head.seq
            try Self.checkTreeSize(size, head: head.seq, parameter: "treeSize")
            guard seq >= 1, seq <= size else {
                throw AuditRequestError(parameter: "seq", message: "seq must be from 1 to the tree size \(size), not \(seq)")
            }
            return try InclusionProof(leafIndex: seq - 1, treeSize: size, hashes: reader.inclusionProof(seq: seq, treeSize: size))
        }
    }

    /// The RFC 9162 consistency proof that the tree of the first `to` events (default: the whole log) extends the
    /// tree of the first `from` events. `from` may be 0 or equal to `to` (the proof is then empty).
    public func consistencyProof(from: UInt64, to: UInt64? = nil) throws -> ConsistencyProof {
        try log.read { reader in
            let head = try reader.head
            let size = to ?? head.seq
            guard size <= head.seq else {
                throw AuditRequestError(
                    parameter: "to",
                    message: "tree size \(size) is past the end of the log (it has \(head.seq) events); give at most \(head.seq)"
                )
            }
            guard from <= size else {
                throw AuditRequestError(parameter: "from", message: "from (\(from)) must not be larger than to (\(size))")
            }
            return try ConsistencyProof(oldTreeSize: from, newTreeSize: size, hashes: reader.consistencyProof(from: from, to: size))
        }
    }

    /// The Merkle root of the first `treeSize` events and that tree size, read in one snapshot (default: the whole log).
    public func merkleHead(treeSize: UInt64? = nil) throws -> (treeSize: UInt64, rootHash: MerkleHash) {
        try log.read { reader in
            let head = try reader.head
            let size = treeSize ?? head.seq
            guard size <= head.seq else {
                throw AuditRequestError(parameter: "treeSize", message: "tree size \(size) is past the end of the log (it has \(head.seq) events)")
            }
            return (size, try reader.merkleRoot(treeSize: size))
        }
    }

    static func checkTreeSize(_ size: UInt64, head: UInt64, parameter: String) throws {
        guard size >= 1, size <= head else {
            throw AuditRequestError(
                parameter: parameter,
                message: head == 0
                    ? "the log is empty: there is no event to prove" : "\(parameter) must be from 1 to the number of events (\(head)), not \(size)"
            )
        }
    }
}
