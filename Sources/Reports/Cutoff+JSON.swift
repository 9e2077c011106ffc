import CanonicalJSON

extension Cutoff {
    /// `{"seq","hash","at"}` exactly as SPEC §5 names them.
    var json: JSONValue {
        .object([
            "seq": .number(Double(seq)),
            "hash": .string(hash),
            "at": .string(at.description),
        ])
    }

    /// `{"treeSize","rootHash"}` when the Merkle tree at `seq` is known, else `null`.
    var merkleJSON: JSONValue {
        guard let treeSize, let treeRoot else { return .null }
        return .object(["treeSize": .number(Double(treeSize)), "rootHash": .string(treeRoot)])
    }
}
