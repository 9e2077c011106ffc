extension MerkleTree {
    /// RFC 9162 §2.1.3.2: does `proof` show that `leaf` (the leaf hash, SHA-256(0x00 ‖ eventHash)) is leaf
    /// `leafIndex` of the tree of size `treeSize` whose root is `root`?
    public static func verifyInclusion(leaf: MerkleHash, leafIndex: UInt64, treeSize: UInt64, proof: [MerkleHash], root: MerkleHash) -> Bool {
        guard leafIndex < treeSize else { return false }
        var fn = leafIndex
        var sn = treeSize - 1
        var r = leaf
        for p in proof {
            guard sn != 0 else { return false }
            if fn & 1 == 1 || fn == sn {
                r = nodeHash(p, r)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                r = nodeHash(r, p)
            }
            fn >>= 1
            sn >>= 1
        }
        return sn == 0 && r == root
    }

    /// RFC 9162 §2.1.4.2: does `proof` show that the tree of size `n` with root `newRoot` extends the tree of size
    /// `m` with root `oldRoot`?
    ///
    /// Beyond the RFC's 0 < m < n: m = n holds with an empty proof when the roots are equal, and m = 0 holds with an
    /// empty proof when `oldRoot` is the empty tree's root.
    public static func verifyConsistency(from m: UInt64, to n: UInt64, oldRoot: MerkleHash, newRoot: MerkleHash, proof: [MerkleHash]) -> Bool {
        guard m <= n else { return false }
        if m == 0 { return proof.isEmpty && oldRoot == .emptyTreeRoot }
        if m == n { return proof.isEmpty && oldRoot == newRoot }
        guard !proof.isEmpty else { return false }
        var path = proof[...]
        // Step 2: when m is a power of two the old root is itself a node of the new tree, and the proof omits it.
        let oldIsPerfect = m & (m - 1) == 0
        var fn = m - 1
        var sn = n - 1
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        let first = oldIsPerfect ? oldRoot : path.removeFirst()
        var fr = first
        var sr = first
        for c in path {
            guard sn != 0 else { return false }
            if fn & 1 == 1 || fn == sn {
                fr = nodeHash(c, fr)
                sr = nodeHash(c, sr)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                sr = nodeHash(sr, c)
            }
            fn >>= 1
            sn >>= 1
        }
        return fr == oldRoot && sr == newRoot && sn == 0
    }
}
