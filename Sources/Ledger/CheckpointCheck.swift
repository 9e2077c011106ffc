import Crypto
import EventLog
import Merkle

/// What `verify --against CP.json` established: the checkpoint is the ledger's own, and the log today extends the
/// tree it signed.
public struct CheckpointCheck: Sendable {
    public let checkpoint: Checkpoint
    /// The log's size and root when the check was made.
    public let headTreeSize: UInt64
    public let headRoot: MerkleHash
    /// PROOF(checkpoint size, D[head]) from the stored tree; it verified against the checkpoint's root and the head's.
    public let proof: ConsistencyProof
}

/// The current log does not extend a checkpoint (or the checkpoint is not the ledger's): what was found, in words an
/// auditor can act on.
public struct CheckpointMismatch: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

extension Ledger {
    /// Checks that `checkpoint` was signed by a key of this ledger (current or rotated out, named by its key id), that
    /// the log still has at least its `treeSize` events, that the root over those events is the signed one (and event
    /// `treeSize` has the signed `recordedAt`), and that the consistency proof from that size to the head verifies.
    ///
    /// Throws ``CheckpointMismatch`` for the first of these that fails. A log whose history was rewritten with every
    /// hash recomputed fails the root comparison; a truncated log fails the size check.
    public func check(against checkpoint: Checkpoint) throws -> CheckpointCheck {
        guard let key = try SigningKeys.existing(dataDirectory: directory).publicKey(keyId: checkpoint.keyId) else {
            throw CheckpointMismatch(
                message:
                    "the checkpoint names signing key \(checkpoint.keyId), which this ledger does not hold (see `taskledger key show --all`); it was signed by another ledger or its key was removed"
            )
        }
        guard checkpoint.verify(with: key) else {
            throw CheckpointMismatch(
                message: "the checkpoint's signature does not hold under key \(checkpoint.keyId): one of its fields was changed after signing"
            )
        }
        return try log.read { reader in
            let head = try reader.head
            guard head.seq >= checkpoint.treeSize else {
                throw CheckpointMismatch(
                    message:
                        "the log has \(head.seq) events, but the checkpoint covers \(checkpoint.treeSize): events \(head.seq + 1)…\(checkpoint.treeSize) were removed (the log was truncated)"
                )
            }
            let root = try reader.merkleRoot(treeSize: checkpoint.treeSize)
            guard root == checkpoint.rootHash else {
                throw CheckpointMismatch(
                    message:
                        "the root of the first \(checkpoint.treeSize) events is \(root.hex), but the checkpoint signed \(checkpoint.rootHash.hex): history before seq \(checkpoint.treeSize + 1) was changed"
                )
            }
            if checkpoint.treeSize > 0 {
                let recordedAt = try reader.event(checkpoint.treeSize)?.recordedAt.description
                guard recordedAt == checkpoint.lastRecordedAt else {
                    throw CheckpointMismatch(
                        message:
                            "event \(checkpoint.treeSize) was recorded at \(recordedAt ?? "(missing)"), but the checkpoint signed \(checkpoint.lastRecordedAt)"
                    )
                }
            }
            let headRoot = try reader.merkleRoot(treeSize: head.seq)
            let proof = try ConsistencyProof(
                oldTreeSize: checkpoint.treeSize,
                newTreeSize: head.seq,
                hashes: reader.consistencyProof(from: checkpoint.treeSize, to: head.seq)
            )
            guard proof.verify(oldRoot: checkpoint.rootHash, newRoot: headRoot) else {
                throw CheckpointMismatch(
                    message:
                        "the consistency proof from tree size \(checkpoint.treeSize) to \(head.seq) does not verify: the stored Merkle tree does not extend the checkpoint"
                )
            }
            return CheckpointCheck(checkpoint: checkpoint, headTreeSize: head.seq, headRoot: headRoot, proof: proof)
        }
    }
}
