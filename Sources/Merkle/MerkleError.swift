/// Why a Merkle tree operation, a proof or a checkpoint was refused, with a message that says what to fix.
public enum MerkleError: Error, Hashable, Sendable, CustomStringConvertible {
    /// An inclusion proof was asked of the empty tree, which has no leaves.
    case emptyTree
    /// A leaf index at or past the end of the tree.
    case leafIndexOutOfRange(leafIndex: UInt64, treeSize: UInt64)
    /// A consistency proof from a larger tree to a smaller one.
    case consistencyOrder(from: UInt64, to: UInt64)
    /// A node source does not hold a perfect subtree that the tree size asked for needs.
    case nodeNotStored(level: Int, index: UInt64)
    /// A checkpoint whose fields cannot belong together or cannot be signed unambiguously.
    case invalidCheckpoint(String)
    /// A checkpoint or proof document that is not in the documented JSON form.
    case invalidJSON(String)
    /// The signing library refused to sign (it should not happen with a valid key).
    case signingFailed(String)

    public var description: String {
        switch self {
        case .emptyTree:
            "the tree is empty (size 0): there is no leaf to prove; ask for a tree size of at least 1"
        case .leafIndexOutOfRange(let leafIndex, let treeSize):
            "leaf index \(leafIndex) (seq \(leafIndex + 1)) is not in a tree of size \(treeSize); the index must be less than the size"
        case .consistencyOrder(let from, let to):
            "a consistency proof goes from a smaller tree to a larger one, but \(from) > \(to); swap the sizes"
        case .nodeNotStored(let level, let index):
            "the perfect subtree at level \(level), index \(index) is not stored; the tree is smaller than the size asked for"
        case .invalidCheckpoint(let reason):
            "invalid checkpoint: \(reason)"
        case .invalidJSON(let reason):
            "invalid JSON: \(reason)"
        case .signingFailed(let reason):
            "could not sign the checkpoint: \(reason)"
        }
    }
}
