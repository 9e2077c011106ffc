import Merkle
import Testing

@Suite("Merkle tree: hashing, stored nodes and roots")
struct MerkleTreeTests {
    @Test("the empty tree's root is SHA-256 of the empty string")
    func emptyRoot() throws {
        let root = try MerkleTree.root(treeSize: 0, nodes: InMemoryNodes())
        #expect(root.hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(root == MerkleHash.emptyTreeRoot)
    }

    @Test("leaf and node hashes carry the RFC 9162 domain-separation prefixes 0x00 and 0x01")
    func prefixes() {
        let event = Reference.sha256(Array("event".utf8))
        #expect(MerkleTree.leafHash(event) == Reference.hash([0x00] + event))
        let left = Reference.hash([1])
        let right = Reference.hash([2])
        #expect(MerkleTree.nodeHash(left, right) == Reference.hash([0x01] + left.bytes + right.bytes))
        #expect(MerkleTree.nodeHash(left, right) != MerkleTree.nodeHash(right, left))
    }

    /// The published Certificate Transparency test vectors (8 inputs of different lengths, roots of every prefix),
    /// so the tree agrees with other RFC 6962 / 9162 implementations, not only with this file's reference.
    @Test("roots match the Certificate Transparency test vectors")
    func certificateTransparencyVectors() throws {
        let inputs: [[UInt8]] = [
            [], [0x00], [0x10], [0x20, 0x21], [0x30, 0x31], [0x40, 0x41, 0x42, 0x43],
            [0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57],
            [0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f],
        ]
        let roots = [
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
        ]
        var nodes = InMemoryNodes()
        for (index, input) in inputs.enumerated() {
            try nodes.append(eventHash: input)
            #expect(try MerkleTree.root(treeSize: UInt64(index + 1), nodes: nodes).hex == roots[index])
        }
    }

    @Test("the root of every size up to 64 equals RFC 9162's MTH, using only nodes stored by then")
    func rootsUpTo64() throws {
        let nodes = try InMemoryNodes.events(64)
        let reference = Reference(inputs: nodes.eventHashes)
        for size in 0...64 {
            let root = try MerkleTree.root(treeSize: UInt64(size), nodes: nodes.prefix(UInt64(size)))
            #expect(root == reference.mth(0..<size), "tree size \(size)")
        }
    }

    @Test("appending stores the leaf and then each parent while the new node is a right child")
    func nodesCompletedByAppend() throws {
        var nodes = try InMemoryNodes.events(11)
        let leaf = MerkleTree.leafHash(Reference.sha256([12]))
        // Leaf 11 (binary 1011) completes (0,11), (1,5) and (2,2), not (3,1): node (2,2) is a left child.
        let completed = try MerkleTree.nodesCompleted(byAppendingLeaf: leaf, at: 11, existing: nodes)
        #expect(completed.map(\.level) == [0, 1, 2])
        #expect(completed.map(\.index) == [11, 5, 2])
        #expect(completed[0].hash == leaf)
        #expect(completed[1].hash == MerkleTree.nodeHash(try nodes.node(level: 0, index: 10), leaf))
        #expect(completed[2].hash == MerkleTree.nodeHash(try nodes.node(level: 1, index: 4), completed[1].hash))
        // A leaf at an even index completes only itself.
        try nodes.append(eventHash: Reference.sha256([12]))
        let even = try MerkleTree.nodesCompleted(byAppendingLeaf: leaf, at: 12, existing: nodes)
        #expect(even.count == 1)
    }

    @Test("a root past the stored nodes is an error that names the missing node")
    func rootPastStoredNodes() throws {
        let nodes = try InMemoryNodes.events(5)
        // Size 6 is the perfect subtrees (2,0) and (1,2); the latter needs leaf 5, which was never appended.
        #expect(throws: MerkleError.nodeNotStored(level: 1, index: 2)) {
            try MerkleTree.root(treeSize: 6, nodes: nodes)
        }
    }

    @Test("a hash is built from exactly 32 bytes or 64 hex digits")
    func hashConstruction() {
        let bytes = (0..<32).map { UInt8($0) }
        let hash = MerkleHash(bytes: bytes)
        #expect(hash?.bytes == bytes)
        #expect(hash?.hex == "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")
        #expect(MerkleHash(hex: "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F") == hash)
        #expect(MerkleHash(bytes: bytes.dropLast()) == nil)
        #expect(MerkleHash(bytes: bytes + [0]) == nil)
        #expect(MerkleHash(hex: String(repeating: "0", count: 63)) == nil)
        #expect(MerkleHash(hex: String(repeating: "g", count: 64)) == nil)
    }
}
