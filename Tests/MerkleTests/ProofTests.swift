import Merkle
import Testing

/// Ways a proof can be damaged in transit; every one must make verification fail.
private func tamperings(of proof: [MerkleHash]) -> [(name: String, proof: [MerkleHash])] {
    var cases: [(name: String, proof: [MerkleHash])] = [("extended", proof + [Reference.hash(Array("extra".utf8))])]
    if !proof.isEmpty {
        cases.append(("truncated", Array(proof.dropLast())))
        cases.append(("first hash dropped", Array(proof.dropFirst())))
        var flipped = proof[0].bytes
        flipped[0] ^= 1
        cases.append(("first hash altered", [MerkleHash(bytes: flipped)!] + proof.dropFirst()))
    }
    if proof.count >= 2, proof.first != proof.last {
        var reordered = proof
        reordered.swapAt(0, proof.count - 1)
        cases.append(("reordered", reordered))
    }
    return cases
}

/// Checks one inclusion proof against the reference and every way it must fail.
private func checkInclusion(leafIndex: Int, treeSize: Int, nodes: InMemoryNodes, reference: Reference) throws {
    let i = UInt64(leafIndex)
    let n = UInt64(treeSize)
    let label = "leaf \(leafIndex) of \(treeSize)"
    let proof = try MerkleTree.inclusionProof(leafIndex: i, treeSize: n, nodes: nodes.prefix(n))
    #expect(proof == reference.path(leafIndex, 0..<treeSize), "\(label): generated proof differs from RFC 9162 PATH")
    let root = reference.mth(0..<treeSize)
    let leaf = reference.leaf(leafIndex)
    #expect(MerkleTree.verifyInclusion(leaf: leaf, leafIndex: i, treeSize: n, proof: proof, root: root), "\(label)")

    let otherLeaf = reference.leaf(leafIndex == 0 ? 1 : leafIndex - 1)
    #expect(!MerkleTree.verifyInclusion(leaf: otherLeaf, leafIndex: i, treeSize: n, proof: proof, root: root), "\(label): wrong leaf")
    for wrongIndex in [leafIndex - 1, leafIndex + 1] where wrongIndex >= 0 && wrongIndex < treeSize {
        #expect(
            !MerkleTree.verifyInclusion(leaf: leaf, leafIndex: UInt64(wrongIndex), treeSize: n, proof: proof, root: root),
            "\(label): wrong index \(wrongIndex)"
        )
    }
    for wrongSize in [treeSize - 1, treeSize + 1] where wrongSize > leafIndex && wrongSize <= reference.inputs.count {
        let wrongRoot = reference.mth(0..<wrongSize)
        #expect(
            !MerkleTree.verifyInclusion(leaf: leaf, leafIndex: i, treeSize: UInt64(wrongSize), proof: proof, root: wrongRoot),
            "\(label): wrong size \(wrongSize)"
        )
    }
    #expect(!MerkleTree.verifyInclusion(leaf: leaf, leafIndex: n, treeSize: n, proof: proof, root: root), "\(label): index = size")
    for tampered in tamperings(of: proof) {
        #expect(
            !MerkleTree.verifyInclusion(leaf: leaf, leafIndex: i, treeSize: n, proof: tampered.proof, root: root),
            "\(label): \(tampered.name)"
        )
    }
}

/// Checks one consistency proof against the reference and every way it must fail.
private func checkConsistency(from oldSize: Int, to newSize: Int, nodes: InMemoryNodes, reference: Reference) throws {
    let m = UInt64(oldSize)
    let n = UInt64(newSize)
    let label = "\(oldSize) → \(newSize)"
    let proof = try MerkleTree.consistencyProof(from: m, to: n, nodes: nodes.prefix(n))
    let expected = oldSize == 0 || oldSize == newSize ? [] : reference.proof(oldSize, newSize)
    #expect(proof == expected, "\(label): generated proof differs from RFC 9162 PROOF")
    let oldRoot = reference.mth(0..<oldSize)
    let newRoot = reference.mth(0..<newSize)
    #expect(MerkleTree.verifyConsistency(from: m, to: n, oldRoot: oldRoot, newRoot: newRoot, proof: proof), "\(label)")

    let otherRoot = Reference.hash(Array("not a root".utf8))
    if oldSize > 0 {
        #expect(!MerkleTree.verifyConsistency(from: m, to: n, oldRoot: otherRoot, newRoot: newRoot, proof: proof), "\(label): wrong old root")
    }
    // From the empty tree nothing is proven about the new root (every tree extends the empty one), so only from m > 0.
    if oldSize > 0 {
        #expect(!MerkleTree.verifyConsistency(from: m, to: n, oldRoot: oldRoot, newRoot: otherRoot, proof: proof), "\(label): wrong new root")
    }
    if oldSize > 0 && oldSize < newSize {
        let wrongPairs = [(oldSize - 1, newSize), (oldSize + 1, newSize), (oldSize, newSize - 1), (oldSize, newSize + 1)]
        for (wrongOld, wrongNew) in wrongPairs where wrongOld > 0 && wrongOld <= wrongNew && wrongNew <= reference.inputs.count {
            #expect(
                !MerkleTree.verifyConsistency(
                    from: UInt64(wrongOld),
                    to: UInt64(wrongNew),
                    oldRoot: reference.mth(0..<wrongOld),
                    newRoot: reference.mth(0..<wrongNew),
                    proof: proof
                ),
                "\(label): wrong sizes \(wrongOld) → \(wrongNew)"
            )
        }
    }
    for tampered in tamperings(of: proof) {
        #expect(
            !MerkleTree.verifyConsistency(from: m, to: n, oldRoot: oldRoot, newRoot: newRoot, proof: tampered.proof),
            "\(label): \(tampered.name)"
        )
    }
}

@Suite("Merkle proofs: RFC 9162 inclusion and consistency")
struct ProofTests {
    @Test("every inclusion proof in trees of up to 64 leaves")
    func everyInclusionUpTo64() throws {
        let nodes = try InMemoryNodes.events(65)
        let reference = Reference(inputs: nodes.eventHashes)
        for treeSize in 1...64 {
            for leafIndex in 0..<treeSize {
                try checkInclusion(leafIndex: leafIndex, treeSize: treeSize, nodes: nodes, reference: reference)
            }
        }
    }

    @Test("every consistency proof between sizes up to 64")
    func everyConsistencyUpTo64() throws {
        let nodes = try InMemoryNodes.events(65)
        let reference = Reference(inputs: nodes.eventHashes)
        for newSize in 0...64 {
            for oldSize in 0...newSize {
                try checkConsistency(from: oldSize, to: newSize, nodes: nodes, reference: reference)
            }
        }
    }

    @Test("1,000 random inclusion and 1,000 random consistency proofs in trees of up to 100,000 leaves")
    func randomLargeTrees() throws {
        let nodes = try InMemoryNodes.events(100_000)
        let reference = Reference(inputs: nodes.eventHashes)
        var random = SeededGenerator(seed: 9162)
        for _ in 0..<1_000 {
            let treeSize = Int.random(in: 1...100_000, using: &random)
            try checkInclusion(leafIndex: Int.random(in: 0..<treeSize, using: &random), treeSize: treeSize, nodes: nodes, reference: reference)
        }
        for _ in 0..<1_000 {
            let newSize = Int.random(in: 1...100_000, using: &random)
            try checkConsistency(from: Int.random(in: 1...newSize, using: &random), to: newSize, nodes: nodes, reference: reference)
        }
    }

    /// What keeps a proof under a millisecond at 10 million events in LMDB: the number of node reads, bounded by
    /// about 2·log₂(n), however large the tree. The counting source also refuses nodes not yet complete at that size.
    @Test("roots and proofs read O(log n) stored nodes", arguments: [1, 2, 3, 1_000, 10_000_000, 1 << 40 - 1, 1 << 40, 987_654_321_012])
    func logarithmicReads(treeSize: UInt64) throws {
        let bound = 2 * (64 - treeSize.leadingZeroBitCount) + 2
        var random = SeededGenerator(seed: treeSize)
        for _ in 0..<50 {
            let rootReads = CountingNodes(treeSize: treeSize)
            _ = try MerkleTree.root(treeSize: treeSize, nodes: rootReads)
            #expect(rootReads.reads == treeSize.nonzeroBitCount)

            let inclusionReads = CountingNodes(treeSize: treeSize)
            let proof = try MerkleTree.inclusionProof(
                leafIndex: UInt64.random(in: 0..<treeSize, using: &random),
                treeSize: treeSize,
                nodes: inclusionReads
            )
            #expect(inclusionReads.reads <= bound)
            #expect(proof.count <= 64 - (treeSize - 1).leadingZeroBitCount)

            let consistencyReads = CountingNodes(treeSize: treeSize)
            _ = try MerkleTree.consistencyProof(from: UInt64.random(in: 1...treeSize, using: &random), to: treeSize, nodes: consistencyReads)
            #expect(consistencyReads.reads <= bound)
        }
    }

    @Test("impossible requests are errors that say what to fix")
    func refusals() throws {
        let nodes = try InMemoryNodes.events(8)
        #expect(throws: MerkleError.emptyTree) { try MerkleTree.inclusionProof(leafIndex: 0, treeSize: 0, nodes: nodes) }
        #expect(throws: MerkleError.leafIndexOutOfRange(leafIndex: 8, treeSize: 8)) {
            try MerkleTree.inclusionProof(leafIndex: 8, treeSize: 8, nodes: nodes)
        }
        #expect(throws: MerkleError.consistencyOrder(from: 5, to: 4)) { try MerkleTree.consistencyProof(from: 5, to: 4, nodes: nodes) }
        #expect(throws: MerkleError.nodeNotStored(level: 0, index: 8)) { try MerkleTree.inclusionProof(leafIndex: 0, treeSize: 9, nodes: nodes) }
        #expect(MerkleError.leafIndexOutOfRange(leafIndex: 8, treeSize: 8).description.contains("seq 9"))
        let root = try MerkleTree.root(treeSize: 8, nodes: nodes)
        #expect(!MerkleTree.verifyConsistency(from: 5, to: 4, oldRoot: root, newRoot: root, proof: []))
        #expect(!MerkleTree.verifyInclusion(leaf: root, leafIndex: 0, treeSize: 0, proof: [], root: root))
        // The empty tree is consistent with every tree, but only under its own root.
        #expect(MerkleTree.verifyConsistency(from: 0, to: 8, oldRoot: .emptyTreeRoot, newRoot: root, proof: []))
        #expect(!MerkleTree.verifyConsistency(from: 0, to: 8, oldRoot: root, newRoot: root, proof: []))
    }

    @Test("proof documents round-trip through their JSON form")
    func proofJSON() throws {
        let nodes = try InMemoryNodes.events(21)
        let inclusion = try InclusionProof(leafIndex: 6, treeSize: 21, nodes: nodes)
        #expect(inclusion.jsonText.hasPrefix("{\"seq\":7,\"leafIndex\":6,\"treeSize\":21,\"proof\":[\""))
        #expect(try InclusionProof.parse(jsonText: inclusion.jsonText) == inclusion)
        let bySeq = "{\"seq\":7,\"treeSize\":21,\"proof\":[" + inclusion.hashes.map { "\"\($0.hex)\"" }.joined(separator: ",") + "]}"
        #expect(try InclusionProof.parse(jsonText: bySeq) == inclusion)
        let root = try MerkleTree.root(treeSize: 21, nodes: nodes)
        #expect(inclusion.verify(leaf: MerkleTree.leafHash(nodes.eventHashes[6]), root: root))

        let consistency = try ConsistencyProof(oldTreeSize: 13, newTreeSize: 21, nodes: nodes)
        #expect(consistency.jsonText.hasPrefix("{\"oldTreeSize\":13,\"newTreeSize\":21,\"proof\":[\""))
        #expect(try ConsistencyProof.parse(jsonText: consistency.jsonText) == consistency)
        #expect(consistency.verify(oldRoot: try MerkleTree.root(treeSize: 13, nodes: nodes), newRoot: root))

        let refused: [(String, String)] = [
            ("{\"seq\":7,\"leafIndex\":7,\"treeSize\":21,\"proof\":[]}", "disagree"),
            ("{\"treeSize\":21,\"proof\":[]}", "seq"),
            ("{\"seq\":7,\"treeSize\":\"21\",\"proof\":[]}", "treeSize must be a non-negative integer"),
            ("{\"seq\":7,\"treeSize\":21,\"proof\":[\"abc\"]}", "proof[0]"),
            ("{\"seq\":7,\"proof\":[]}", "\"treeSize\" is missing"),
            ("{\"seq\":22,\"treeSize\":21,\"proof\":[]}", "not in a tree of size 21"),
            ("[1,", "not well-formed JSON"),
        ]
        for (text, message) in refused {
            let error = #expect(throws: MerkleError.self) { try InclusionProof.parse(jsonText: text) }
            #expect(error?.description.contains(message) == true, "\(text): \(error?.description ?? "no error")")
        }
        #expect(throws: MerkleError.consistencyOrder(from: 3, to: 2)) {
            try ConsistencyProof.parse(jsonText: "{\"oldTreeSize\":3,\"newTreeSize\":2,\"proof\":[]}")
        }
    }
}
