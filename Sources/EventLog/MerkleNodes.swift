import LMDB
import Merkle

/// The Merkle tree over the log (RFC 9162 §2.1), kept in LMDB beside the events: the hash of every perfect
/// subtree, key = level (1 byte) ‖ index (8 bytes, big-endian), value = 32 bytes. Leaf i is the `hash` of event
/// seq i + 1. Appending an event stores the nodes it completes (on average two), in the same transaction, so
/// the root of every tree size and every proof are available in O(log n) reads without recomputing the tree.
struct MerkleNodes: MerkleNodeSource {
    let txn: ReadTransaction
    let db: Database

    static func key(level: Int, index: UInt64) -> [UInt8] {
        [UInt8(level)] + Keys.be64(index)
    }

    func node(level: Int, index: UInt64) throws -> MerkleHash {
        guard let raw = try txn.get(db, key: Self.key(level: level, index: index)), let hash = MerkleHash(bytes: raw) else {
            throw LogError.corruptEvent(seq: index + 1, reason: "Merkle node (level \(level), index \(index)) is missing or malformed")
        }
        return hash
    }

    /// Stores the nodes that appending the event with `hash` at `seq` completes.
    static func append(eventHash: Digest, seq: UInt64, writer: WriteTransaction, db: Database) throws {
        let nodes = MerkleNodes(txn: writer.reader, db: db)
        let completed = try MerkleTree.nodesCompleted(byAppendingLeaf: MerkleTree.leafHash(eventHash.bytes), at: seq - 1, existing: nodes)
        for node in completed {
            try writer.put(db, key: key(level: node.level, index: node.index), value: node.hash.bytes, mode: .noOverwrite)
        }
    }
}

extension LogReader {
    /// The Merkle root of the first `treeSize` events.
    public func merkleRoot(treeSize: UInt64) throws -> MerkleHash {
        try MerkleTree.root(treeSize: treeSize, nodes: MerkleNodes(txn: txn, db: log.merkle))
    }

    /// The RFC 9162 inclusion proof of event `seq` in the tree of size `treeSize`.
    public func inclusionProof(seq: UInt64, treeSize: UInt64) throws -> [MerkleHash] {
        try MerkleTree.inclusionProof(leafIndex: seq - 1, treeSize: treeSize, nodes: MerkleNodes(txn: txn, db: log.merkle))
    }

    /// The RFC 9162 consistency proof between tree sizes `from` and `to`.
    public func consistencyProof(from: UInt64, to: UInt64) throws -> [MerkleHash] {
        try MerkleTree.consistencyProof(from: from, to: to, nodes: MerkleNodes(txn: txn, db: log.merkle))
    }

    /// The stored perfect-subtree hash (for `verify`, which recomputes every node).
    func storedMerkleNode(level: Int, index: UInt64) throws -> [UInt8]? {
        try txn.getBytes(log.merkle, key: MerkleNodes.key(level: level, index: index))
    }
}
