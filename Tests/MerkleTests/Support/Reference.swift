import Crypto
import Merkle

/// RFC 9162 §2.1 written as the RFC writes it: recursive MTH, PATH and PROOF over the list of inputs, with its own
/// hashing, sharing nothing with the Merkle module but the `MerkleHash` value type. Subtree roots are memoised
/// (by leaf range) only so that 100,000-leaf trees stay fast; that changes no result.
final class Reference {
    let inputs: [[UInt8]]
    private var memo: [Range<Int>: MerkleHash] = [:]

    init(inputs: [[UInt8]]) { self.inputs = inputs }

    static func sha256(_ bytes: [UInt8]) -> [UInt8] { Array(SHA256.hash(data: bytes)) }

    static func hash(_ bytes: [UInt8]) -> MerkleHash { MerkleHash(bytes: sha256(bytes))! }

    /// The largest power of two smaller than n (n > 1).
    static func k(_ n: Int) -> Int {
        var k = 1
        while k << 1 < n { k <<= 1 }
        return k
    }

    /// MTH(D[range]).
    func mth(_ range: Range<Int>) -> MerkleHash {
        if range.isEmpty { return Self.hash([]) }
        if let known = memo[range] { return known }
        let result: MerkleHash
        if range.count == 1 {
            result = Self.hash([0x00] + inputs[range.lowerBound])
        } else {
            let split = range.lowerBound + Self.k(range.count)
            result = Self.hash([0x01] + mth(range.lowerBound..<split).bytes + mth(split..<range.upperBound).bytes)
        }
        memo[range] = result
        return result
    }

    /// PATH(m, D[range]) with m relative to the range.
    func path(_ m: Int, _ range: Range<Int>) -> [MerkleHash] {
        if range.count == 1 { return [] }
        let k = Self.k(range.count)
        let split = range.lowerBound + k
        if m < k {
            return path(m, range.lowerBound..<split) + [mth(split..<range.upperBound)]
        }
        return path(m - k, split..<range.upperBound) + [mth(range.lowerBound..<split)]
    }

    /// PROOF(m, D[n]) = SUBPROOF(m, D[n], true), for 0 < m < n.
    func proof(_ m: Int, _ n: Int) -> [MerkleHash] { subproof(m, 0..<n, true) }

    private func subproof(_ m: Int, _ range: Range<Int>, _ b: Bool) -> [MerkleHash] {
        if m == range.count { return b ? [] : [mth(range)] }
        let k = Self.k(range.count)
        let split = range.lowerBound + k
        if m <= k {
            return subproof(m, range.lowerBound..<split, b) + [mth(split..<range.upperBound)]
        }
        return subproof(m - k, split..<range.upperBound, false) + [mth(range.lowerBound..<split)]
    }

    /// The leaf hash of input `index`, computed here rather than by the module.
    func leaf(_ index: Int) -> MerkleHash { mth(index..<index + 1) }
}
