extension MerkleTree {
    /// The RFC 9162 §2.1.3.1 inclusion proof PATH(leafIndex, D[treeSize]): sibling hashes from the leaf up to the root.
    ///
    /// Walks RFC 9162's recursion from the root down, recording each sibling, then reverses. Every sibling is one
    /// perfect subtree except the first right sibling met, which is a run of them; O(log n) node reads in all.
    public static func inclusionProof(leafIndex: UInt64, treeSize: UInt64, nodes: some MerkleNodeSource) throws -> [MerkleHash] {
        guard treeSize > 0 else { throw MerkleError.emptyTree }
        guard leafIndex < treeSize else { throw MerkleError.leafIndexOutOfRange(leafIndex: leafIndex, treeSize: treeSize) }
        var start: UInt64 = 0
        var end = treeSize
        var rootSideFirst: [MerkleHash] = []
        rootSideFirst.reserveCapacity(64)
        while end - start > 1 {
            let k = split(end - start)
            if leafIndex < start + k {
                rootSideFirst.append(try subtreeHash(start: start + k, end: end, nodes: nodes))
                end = start + k
            } else {
                rootSideFirst.append(try subtreeHash(start: start, end: start + k, nodes: nodes))
                start += k
            }
        }
        return rootSideFirst.reversed()
    }

    /// The RFC 9162 §2.1.4.1 consistency proof PROOF(m, D[n]) that the tree of size `n` extends the tree of size `m`.
    ///
    /// RFC 9162 defines it for 0 < m < n; for m = 0 (every tree extends the empty one) and m = n the proof is empty,
    /// and ``verifyConsistency(from:to:oldRoot:newRoot:proof:)`` accepts exactly that.
    public static func consistencyProof(from m: UInt64, to n: UInt64, nodes: some MerkleNodeSource) throws -> [MerkleHash] {
        guard m <= n else { throw MerkleError.consistencyOrder(from: m, to: n) }
        guard m > 0, m < n else { return [] }
        // SUBPROOF(m, D[start:end], oldIsWholeSubtree), with m kept as an absolute leaf count.
        var start: UInt64 = 0
        var end = n
        var oldIsWholeSubtree = true
        var rootSideFirst: [MerkleHash] = []
        rootSideFirst.reserveCapacity(64)
        while m != end {
            let k = split(end - start)
            if m <= start + k {
                rootSideFirst.append(try subtreeHash(start: start + k, end: end, nodes: nodes))
                end = start + k
            } else {
                rootSideFirst.append(try subtreeHash(start: start, end: start + k, nodes: nodes))
                start += k
                oldIsWholeSubtree = false
            }
        }
        var proof: [MerkleHash] = []
        proof.reserveCapacity(rootSideFirst.count + 1)
        if !oldIsWholeSubtree {
            proof.append(try subtreeHash(start: start, end: end, nodes: nodes))
        }
        proof.append(contentsOf: rootSideFirst.reversed())
        return proof
    }
}
