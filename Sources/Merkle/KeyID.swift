import Crypto

/// The short name of a checkpoint signing key: the first 16 lowercase hex digits (8 bytes) of SHA-256 over the raw
/// 32-byte Ed25519 public key.
///
/// It is part of the signed text, so a checkpoint names the key that must verify it, and an auditor holding several
/// keys (after a rotation) knows which one to use.
public func keyId(of publicKey: Curve25519.Signing.PublicKey) -> String {
    let digest = SHA256.hash(data: publicKey.rawRepresentation)
    return Hex.encode(digest.prefix(8))
}
