import Crypto

/// The RFC 9162 Merkle tree over the event hashes: leaf *i* is the `hash` of the event with `seq` = *i* + 1.
///
/// Only perfect-subtree hashes are stored (see ``MerkleNodeSource``). A tree of any size n is the perfect subtrees
/// given by the set bits of n, largest (leftmost) first, folded from the right:
/// MTH = H(P₁, H(P₂, … H(Pᵣ₋₁, Pᵣ))). That is exactly RFC 9162's recursive split at the largest power of two
/// below n, so roots and proofs need only popcount(n) + log₂(n) node reads.
public enum MerkleTree {
    /// The RFC 9162 leaf hash, SHA-256(0x00 ‖ eventHash); level 0 of the tree.
    public static func leafHash(_ eventHash: some Collection<UInt8>) -> MerkleHash {
        var hasher = SHA256()
        withUnsafeBytes(of: UInt8(0x00)) { hasher.update(bufferPointer: $0) }
        let hashedInPlace =
            eventHash.withContiguousStorageIfAvailable {
                hasher.update(bufferPointer: UnsafeRawBufferPointer($0))
                return true
            } ?? false
        if !hashedInPlace {
            hasher.update(data: Array(eventHash))
        }
        return MerkleHash(digest: hasher.finalize())
    }

    /// The RFC 9162 interior node hash, SHA-256(0x01 ‖ left ‖ right).
    public static func nodeHash(_ left: MerkleHash, _ right: MerkleHash) -> MerkleHash {
        var hasher = SHA256()
        withUnsafeBytes(of: UInt8(0x01)) { hasher.update(bufferPointer: $0) }
        left.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        right.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return MerkleHash(digest: hasher.finalize())
    }

    /// The perfect-subtree nodes that become complete when leaf `index` (0-based) is appended, lowest first:
    /// the leaf itself at level 0, then its parent while the node just completed is a right child.
    ///
    /// `existing` must hold every node of the tree of size `index`; only left siblings are read (one read per
    /// returned node after the first, so one read per append on average). The caller stores exactly the result.
    public static func nodesCompleted(
        byAppendingLeaf leaf: MerkleHash,
        at index: UInt64,
        existing: some MerkleNodeSource
    ) throws -> [(level: Int, index: UInt64, hash: MerkleHash)] {
        var completed: [(level: Int, index: UInt64, hash: MerkleHash)] = [(0, index, leaf)]
        completed.reserveCapacity(1 + (~index).trailingZeroBitCount)  // one node per trailing 1 bit of index, plus the leaf
        var level = 0
        var position = index
        var hash = leaf
        while position & 1 == 1 {
            let sibling = try existing.node(level: level, index: position - 1)
            hash = nodeHash(sibling, hash)
            level += 1
            position >>= 1
            completed.append((level, position, hash))
        }
        return completed
    }

    /// The root (MTH) of the first `treeSize` leaves; SHA-256 of the empty string for size 0.
    public static func root(treeSize: UInt64, nodes: some MerkleNodeSource) throws -> MerkleHash {
        guard treeSize > 0 else { return .emptyTreeRoot }
        return try subtreeHash(start: 0, end: treeSize, nodes: nodes)
    }

    /// MTH of leaves [start, end) for a range that RFC 9162's split produces: `start` is a multiple of the
    /// largest power of two ≤ end − start, so the range is a run of aligned perfect subtrees.
    static func subtreeHash(start: UInt64, end: UInt64, nodes: some MerkleNodeSource) throws -> MerkleHash {
        precondition(start < end, "a subtree covers at least one leaf")
        // The smallest perfect subtree is the rightmost; fold the others onto it from right to left.
        var remaining = end - start
        var position = end
        func nextPerfectSubtreeLeftward() throws -> MerkleHash {
            let level = remaining.trailingZeroBitCount
            let width: UInt64 = 1 << UInt64(level)
            position -= width
            remaining -= width
            assert(position & (width - 1) == 0, "perfect subtrees of an RFC 9162 split are aligned")
            return try nodes.node(level: level, index: position >> UInt64(level))
        }
        var folded = try nextPerfectSubtreeLeftward()
        while remaining != 0 {
            folded = nodeHash(try nextPerfectSubtreeLeftward(), folded)
        }
        return folded
    }

    /// k in RFC 9162: the largest power of two smaller than `size` (which is at least 2).
    static func split(_ size: UInt64) -> UInt64 {
        precondition(size >= 2, "only a tree of two or more leaves is split")
        return 1 << UInt64(63 - (size - 1).leadingZeroBitCount)
    }
}
