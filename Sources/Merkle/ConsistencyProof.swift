/// An RFC 9162 consistency proof with the two tree sizes it joins, in the JSON form the ledger serves:
///
///     {"oldTreeSize":M,"newTreeSize":N,"proof":["<64 hex>",…]}
///
/// `proof` is PROOF(M, D[N]); it is empty when M = 0 or M = N.
public struct ConsistencyProof: Hashable, Sendable {
    public let oldTreeSize: UInt64
    public let newTreeSize: UInt64
    public let hashes: [MerkleHash]

    /// Refuses an old tree larger than the new one, which no proof could join.
    public init(oldTreeSize: UInt64, newTreeSize: UInt64, hashes: [MerkleHash]) throws(MerkleError) {
        guard oldTreeSize <= newTreeSize else { throw .consistencyOrder(from: oldTreeSize, to: newTreeSize) }
        self.oldTreeSize = oldTreeSize
        self.newTreeSize = newTreeSize
        self.hashes = hashes
    }

    /// Computes the proof that the tree of size `newTreeSize` extends that of size `oldTreeSize` from the stored nodes.
    public init(oldTreeSize: UInt64, newTreeSize: UInt64, nodes: some MerkleNodeSource) throws {
        let hashes = try MerkleTree.consistencyProof(from: oldTreeSize, to: newTreeSize, nodes: nodes)
        try self.init(oldTreeSize: oldTreeSize, newTreeSize: newTreeSize, hashes: hashes)
    }

    /// True when the proof shows that the tree with `newRoot` extends the one with `oldRoot`.
    public func verify(oldRoot: MerkleHash, newRoot: MerkleHash) -> Bool {
        MerkleTree.verifyConsistency(from: oldTreeSize, to: newTreeSize, oldRoot: oldRoot, newRoot: newRoot, proof: hashes)
    }

    /// True when the proof joins the two checkpoints' trees (their signatures are checked separately).
    public func verify(old: Checkpoint, new: Checkpoint) -> Bool {
        old.treeSize == oldTreeSize && new.treeSize == newTreeSize && verify(oldRoot: old.rootHash, newRoot: new.rootHash)
    }

    /// One line of JSON (no trailing newline), fields in the order above.
    public var jsonText: String {
        "{\"oldTreeSize\":\(oldTreeSize),\"newTreeSize\":\(newTreeSize),\"proof\":\(JSONText.hashArray(hashes))}"
    }

    public static func parse(jsonText: String) throws(MerkleError) -> ConsistencyProof {
        let wire = try JSONText.decode(Wire.self, from: jsonText, what: "consistency proof")
        let hashes = try JSONText.hashes(wire.proof, field: "proof", what: "consistency proof")
        return try ConsistencyProof(
            oldTreeSize: try JSONText.count(wire.oldTreeSize, field: "oldTreeSize", what: "consistency proof"),
            newTreeSize: try JSONText.count(wire.newTreeSize, field: "newTreeSize", what: "consistency proof"),
            hashes: hashes
        )
    }

    private struct Wire: Decodable {
        let oldTreeSize: Int64
        let newTreeSize: Int64
        let proof: [String]
    }
}
