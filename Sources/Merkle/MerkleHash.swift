import Crypto

/// A 32-byte SHA-256 value in the Merkle tree: a leaf hash, an interior node hash or a root.
///
/// The bytes live inline (no heap allocation), because the ledger creates one of these for every appended event
/// and reads a few dozen for every proof. A value can only be built from exactly 32 bytes, so a `MerkleHash` is
/// always a well-formed hash.
public struct MerkleHash: Hashable, Sendable, CustomStringConvertible {
    private var storage: SIMD32<UInt8>

    /// The number of bytes in every hash.
    public static let byteCount = 32

    /// The root of the empty tree: SHA-256 of the empty string (RFC 9162 §2.1.1).
    public static let emptyTreeRoot = MerkleHash(digest: SHA256.hash(data: [UInt8]()))

    /// Builds a hash from exactly 32 bytes; `nil` for any other length.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == Self.byteCount else { return nil }
        // Contiguous bytes (an array, or a value borrowed from LMDB) are loaded in one move: this runs for every
        // node read on the append path, where a byte-by-byte generic loop cost a tenth of an import.
        if let loaded = bytes.withContiguousStorageIfAvailable({ UnsafeRawBufferPointer($0).loadUnaligned(as: SIMD32<UInt8>.self) }) {
            self.storage = loaded
            return
        }
        var storage = SIMD32<UInt8>()
        for (offset, byte) in bytes.enumerated() {
            storage[offset] = byte
        }
        self.storage = storage
    }

    /// Builds a hash from exactly 32 bytes of memory; `nil` for any other length.
    public init?(bytes: UnsafeRawBufferPointer) {
        guard bytes.count == Self.byteCount else { return nil }
        storage = bytes.loadUnaligned(as: SIMD32<UInt8>.self)
    }

    /// Builds a hash from 64 hexadecimal digits (either case); `nil` for anything else.
    public init?(hex: some StringProtocol) {
        let utf8 = hex.utf8
        guard utf8.count == 2 * Self.byteCount else { return nil }
        var storage = SIMD32<UInt8>()
        var iterator = utf8.makeIterator()
        for offset in 0..<Self.byteCount {
            guard let high = iterator.next().flatMap(Hex.value(ofDigit:)),
                let low = iterator.next().flatMap(Hex.value(ofDigit:))
            else { return nil }
            storage[offset] = high << 4 | low
        }
        self.storage = storage
    }

    init(digest: SHA256Digest) {
        var storage = SIMD32<UInt8>()
        digest.withUnsafeBytes { source in
            Swift.withUnsafeMutableBytes(of: &storage) { target in
                target.copyMemory(from: source)
            }
        }
        self.storage = storage
    }

    /// The 32 bytes, in order.
    public var bytes: [UInt8] {
        withUnsafeBytes { Array($0) }
    }

    /// Gives the 32 bytes to `body` without copying them, e.g. to store them as an LMDB value.
    public func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try Swift.withUnsafeBytes(of: storage, body)
    }

    /// The 64 lowercase hexadecimal digits: the form used in every file, proof and signed checkpoint.
    public var hex: String {
        withUnsafeBytes { Hex.encode($0) }
    }

    public var description: String { hex }
}
