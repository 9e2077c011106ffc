/// Where the tree's stored hashes come from: the hash of every *perfect* subtree completed so far.
///
/// Node (`level` k, `index` j) covers leaves [j·2^k, (j+1)·2^k); level 0 holds the leaf hashes. The ledger keeps
/// these in LMDB, filled by ``MerkleTree/nodesCompleted(byAppendingLeaf:at:existing:)``; every root and proof of
/// every tree size is computed from them with O(log n) reads.
public protocol MerkleNodeSource {
    /// The hash of the perfect subtree (`level`, `index`). Throws when the node is not stored (it was never
    /// completed) or cannot be read.
    func node(level: Int, index: UInt64) throws -> MerkleHash
}
