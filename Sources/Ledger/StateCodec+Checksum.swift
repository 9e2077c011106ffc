import Crypto
import Domain

extension StateCodec {
    /// SHA-256 of a snapshot's state bytes, checked before they are decoded: a snapshot altered or cut short on
    /// disk is ignored rather than misread. (This CPU family hashes at gigabytes a second, so the check costs
    /// little beside decoding.)
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        Array(SHA256.hash(data: bytes))
    }

    /// The checksum a snapshot of `state` would carry, for comparing a state with a stored snapshot without
    /// decoding the snapshot (equal states encode to equal bytes).
    static func checksum(of state: LedgerState) -> [UInt8] {
        encode(state).withUnsafeBytes { checksum($0) }
    }
}
