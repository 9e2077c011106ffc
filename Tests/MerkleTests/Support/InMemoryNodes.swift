import Merkle

/// A node store filled only through `MerkleTree.nodesCompleted`, exactly as the ledger fills LMDB: what the tests
/// prove about roots and proofs therefore holds for the production append path.
struct InMemoryNodes: MerkleNodeSource {
    private(set) var levels: [[MerkleHash]] = []
    private(set) var eventHashes: [[UInt8]] = []

    var leafCount: UInt64 { UInt64(eventHashes.count) }

    mutating func append(eventHash: [UInt8]) throws {
        let completed = try MerkleTree.nodesCompleted(
            byAppendingLeaf: MerkleTree.leafHash(eventHash),
            at: leafCount,
            existing: self
        )
        for node in completed {
            if node.level == levels.count { levels.append([]) }
            precondition(UInt64(levels[node.level].count) == node.index, "nodes are completed in order, level by level")
            levels[node.level].append(node.hash)
        }
        eventHashes.append(eventHash)
    }

    func node(level: Int, index: UInt64) throws -> MerkleHash {
        guard level < levels.count, index < UInt64(levels[level].count) else {
            throw MerkleError.nodeNotStored(level: level, index: index)
        }
        return levels[level][Int(index)]
    }

    /// The store as it was when the tree had `treeSize` leaves: a proof for that size must read nothing newer.
    func prefix(_ treeSize: UInt64) -> Prefix { Prefix(nodes: self, treeSize: treeSize) }

    struct Prefix: MerkleNodeSource {
        let nodes: InMemoryNodes
        let treeSize: UInt64

        func node(level: Int, index: UInt64) throws -> MerkleHash {
            guard (index + 1) << UInt64(level) <= treeSize else {
                throw MerkleError.nodeNotStored(level: level, index: index)
            }
            return try nodes.node(level: level, index: index)
        }
    }

    /// A store of `count` events whose hashes are SHA-256 of "event <seq>", like real event hashes.
    static func events(_ count: Int) throws -> InMemoryNodes {
        var nodes = InMemoryNodes()
        for index in 0..<count {
            try nodes.append(eventHash: Reference.sha256(Array("event \(index + 1)".utf8)))
        }
        return nodes
    }
}

/// A node source for a tree of any size that holds no data: it hands out distinct made-up hashes and counts reads,
/// so the number of reads a proof needs can be checked at sizes no test could build.
final class CountingNodes: MerkleNodeSource {
    let treeSize: UInt64
    private(set) var reads = 0

    init(treeSize: UInt64) { self.treeSize = treeSize }

    func node(level: Int, index: UInt64) throws -> MerkleHash {
        guard (index + 1) << UInt64(level) <= treeSize else {
            throw MerkleError.nodeNotStored(level: level, index: index)
        }
        reads += 1
        return MerkleTree.leafHash(Array("\(level)/\(index)".utf8))
    }
}
