/// An RFC 9162 inclusion proof with the numbers it is about, in the JSON form the ledger serves:
///
///     {"seq":N,"leafIndex":N-1,"treeSize":T,"proof":["<64 hex>",…]}
///
/// `proof` is PATH(leafIndex, D[treeSize]), from the leaf's sibling up to the root's child. Both `seq` and
/// `leafIndex` are written; a reader needs one of them, and when both are present they must agree.
public struct InclusionProof: Hashable, Sendable {
    /// 0-based leaf index: the event's `seq` − 1.
    public let leafIndex: UInt64
    public let treeSize: UInt64
    public let hashes: [MerkleHash]

    /// The `seq` of the event this proof is about.
    public var seq: UInt64 { leafIndex + 1 }

    /// Refuses an index outside the tree, which no proof could be for.
    public init(leafIndex: UInt64, treeSize: UInt64, hashes: [MerkleHash]) throws(MerkleError) {
        guard treeSize > 0 else { throw .emptyTree }
        guard leafIndex < treeSize else { throw .leafIndexOutOfRange(leafIndex: leafIndex, treeSize: treeSize) }
        self.leafIndex = leafIndex
        self.treeSize = treeSize
        self.hashes = hashes
    }

    /// Computes the proof for leaf `leafIndex` in the tree of size `treeSize` from the stored nodes.
    public init(leafIndex: UInt64, treeSize: UInt64, nodes: some MerkleNodeSource) throws {
        let hashes = try MerkleTree.inclusionProof(leafIndex: leafIndex, treeSize: treeSize, nodes: nodes)
        try self.init(leafIndex: leafIndex, treeSize: treeSize, hashes: hashes)
    }

    /// True when the proof shows `leaf` (the leaf hash, ``MerkleTree/leafHash(_:)`` of the event hash) under `root`.
    public func verify(leaf: MerkleHash, root: MerkleHash) -> Bool {
        MerkleTree.verifyInclusion(leaf: leaf, leafIndex: leafIndex, treeSize: treeSize, proof: hashes, root: root)
    }

    /// One line of JSON (no trailing newline), fields in the order above.
    public var jsonText: String {
        "{\"seq\":\(seq),\"leafIndex\":\(leafIndex),\"treeSize\":\(treeSize),\"proof\":\(JSONText.hashArray(hashes))}"
    }

    public static func parse(jsonText: String) throws(MerkleError) -> InclusionProof {
        let wire = try JSONText.decode(Wire.self, from: jsonText, what: "inclusion proof")
        let what = "inclusion proof"
        let treeSize = try JSONText.count(wire.treeSize, field: "treeSize", what: what)
        let givenIndex = try wire.leafIndex.map { index throws(MerkleError) in try JSONText.count(index, field: "leafIndex", what: what) }
        let givenSeq = try wire.seq.map { seq throws(MerkleError) in try JSONText.count(seq, field: "seq", what: what) }
        let leafIndex: UInt64
        switch (givenIndex, givenSeq) {
        case (nil, nil):
            throw .invalidJSON("inclusion proof: give \"seq\" (1-based) or \"leafIndex\" (0-based)")
        case (let index?, nil):
            leafIndex = index
        case (nil, let seq?):
            guard seq > 0 else { throw .invalidJSON("inclusion proof: seq starts at 1") }
            leafIndex = seq - 1
        case (let index?, let seq?):
            guard seq > 0, index == seq - 1 else {
                throw .invalidJSON("inclusion proof: leafIndex \(index) and seq \(seq) disagree; leafIndex must be seq - 1")
            }
            leafIndex = index
        }
        let hashes = try JSONText.hashes(wire.proof, field: "proof", what: "inclusion proof")
        return try InclusionProof(leafIndex: leafIndex, treeSize: treeSize, hashes: hashes)
    }

    private struct Wire: Decodable {
        let seq: Int64?
        let leafIndex: Int64?
        let treeSize: Int64
        let proof: [String]
    }
}
