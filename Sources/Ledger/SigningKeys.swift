import Crypto
import Foundation
import Merkle

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Ed25519 keys that sign checkpoints, kept in `<data>/keys/` so that `backup` carries them with the log:
///
///     keys/              0700: only the owner may list or enter it
///     keys/current       the key id of the key that signs now, one line
///     keys/<keyId>.key   0600: the 32-byte private key (seed) in lowercase hex, one line
///     keys/<keyId>.pub   the 32-byte public key in lowercase hex, one line; kept after a rotation
///
/// The key id is ``Merkle/keyId(of:)``, so a checkpoint names the key that must verify it. A rotated-out private key
/// is deleted (it must not sign anything new), while its public key stays so that old checkpoints still verify.
public struct SigningKeys: Sendable {
    /// `<data>/keys`.
    public let directory: String

    /// The key that signs checkpoints now.
    public struct Current: Sendable {
        public let keyId: String
        public let privateKey: Curve25519.Signing.PrivateKey
        public var publicKey: Curve25519.Signing.PublicKey { privateKey.publicKey }
    }

    /// The keys of the ledger in `dataDirectory`, creating the first key pair when there is none yet.
    ///
    /// Two processes opening a new ledger at once agree on one key: `current` is created with `link(2)`, which
    /// fails when the name exists, and the process that loses removes the key it made.
    public static func openOrCreate(dataDirectory: String) throws -> SigningKeys {
        let keys = SigningKeys(directory: dataDirectory + "/keys")
        if FileManager.default.fileExists(atPath: keys.currentPath) { return keys }
        try keys.makeDirectory()
        let key = Curve25519.Signing.PrivateKey()
        let keyId = Merkle.keyId(of: key.publicKey)
        try keys.store(key, keyId: keyId)
        let temporary = keys.directory + "/current.\(getpid()).tmp"
        try writeFile(temporary, Array((keyId + "\n").utf8), mode: 0o644)
        defer { unlink(temporary) }
        if link(temporary, keys.currentPath) != 0 {
            let code = errno
            guard code == EEXIST else { throw SigningKeyError.io("cannot create \(keys.currentPath)", errno: code) }
            unlink(keys.privateKeyPath(keyId))
            unlink(keys.publicKeyPath(keyId))
        }
        return keys
    }

    /// Creates the first key pair of a ledger whose data directory this process may write, and does nothing for one it
    /// may only read (an auditor's read-only copy): what opening a writable ledger calls, so that the key exists from
    /// the first event on and every `backup` carries it.
    public static func createIfMissing(dataDirectory: String) throws {
        guard access(dataDirectory, W_OK) == 0 else { return }
        _ = try openOrCreate(dataDirectory: dataDirectory)
    }

    /// The keys of the ledger in `dataDirectory`, without creating any (for reading public keys).
    public static func existing(dataDirectory: String) -> SigningKeys {
        SigningKeys(directory: dataDirectory + "/keys")
    }

    var currentPath: String { directory + "/current" }
    func privateKeyPath(_ keyId: String) -> String { directory + "/\(keyId).key" }
    func publicKeyPath(_ keyId: String) -> String { directory + "/\(keyId).pub" }

    /// The key that signs now. Refuses a private key file that others may read, as `ssh` does: a signature is only
    /// worth something while the key is the Office's alone.
    public func current() throws -> Current {
        guard let line = try Self.readLine(currentPath) else {
            throw SigningKeyError.noKey("no signing key in \(directory): open the ledger for writing once (any command that writes) to create one")
        }
        guard Self.isKeyId(line) else {
            throw SigningKeyError.malformed("\(currentPath) must hold a key id (16 lowercase hex digits), not \"\(line)\"")
        }
        let path = privateKeyPath(line)
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw SigningKeyError.noKey(
                "\(path) is missing: the current key \(line) has no private key; run `taskledger key rotate` to make a new one"
            )
        }
        guard status.st_mode & 0o077 == 0 else {
            throw SigningKeyError.exposed(
                "\(path) may be read by others (mode \(String(status.st_mode & 0o777, radix: 8))); run `chmod 600 \(path)`, and rotate the key if others could have copied it"
            )
        }
        guard let hex = try Self.readLine(path), let raw = KeyHex.decode(hex), raw.count == 32,
            let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw)
        else {
            throw SigningKeyError.malformed("\(path) must hold a 32-byte Ed25519 private key as 64 hex digits")
        }
        guard Merkle.keyId(of: key.publicKey) == line else {
            throw SigningKeyError.malformed("\(path) holds the key \(Merkle.keyId(of: key.publicKey)), not \(line)")
        }
        return Current(keyId: line, privateKey: key)
    }

    /// The public key with `keyId`, current or rotated out; `nil` when this ledger never had it.
    public func publicKey(keyId: String) throws -> Curve25519.Signing.PublicKey? {
        guard Self.isKeyId(keyId), let hex = try Self.readLine(publicKeyPath(keyId)) else { return nil }
        guard let raw = KeyHex.decode(hex), raw.count == 32, let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw),
            Merkle.keyId(of: key) == keyId
        else {
            throw SigningKeyError.malformed("\(publicKeyPath(keyId)) must hold the 32-byte Ed25519 public key with id \(keyId) as 64 hex digits")
        }
        return key
    }

    /// Every public key kept, current and old, ordered by key id.
    public func allPublicKeys() throws -> [(keyId: String, publicKey: Curve25519.Signing.PublicKey)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return try names.sorted().compactMap { name -> (keyId: String, publicKey: Curve25519.Signing.PublicKey)? in
            guard name.hasSuffix(".pub") else { return nil }
            let keyId = String(name.dropLast(4))
            return try publicKey(keyId: keyId).map { (keyId, $0) }
        }
    }

    /// Makes a new key the current one. The old public key stays (old checkpoints name it); the old private key is
    /// deleted once the new key is current, so nothing new can be signed with it.
    @discardableResult
    public func rotate() throws -> Current {
        let old = try? Self.readLine(currentPath)
        try makeDirectory()
        let key = Curve25519.Signing.PrivateKey()
        let keyId = Merkle.keyId(of: key.publicKey)
        try store(key, keyId: keyId)
        let temporary = directory + "/current.\(getpid()).tmp"
        try Self.writeFile(temporary, Array((keyId + "\n").utf8), mode: 0o644)
        guard rename(temporary, currentPath) == 0 else {
            let code = errno
            unlink(temporary)
            throw SigningKeyError.io("cannot replace \(currentPath)", errno: code)
        }
        if let old, Self.isKeyId(old), old != keyId { unlink(privateKeyPath(old)) }
        return Current(keyId: keyId, privateKey: key)
    }

    private func makeDirectory() throws {
        if mkdir(directory, 0o700) != 0 && errno != EEXIST {
            throw SigningKeyError.io("cannot create \(directory)", errno: errno)
        }
        guard chmod(directory, 0o700) == 0 else { throw SigningKeyError.io("cannot restrict \(directory) to its owner", errno: errno) }
    }

    /// Writes the public key first and the private key last, so a key id never names a private key without its public one.
    private func store(_ key: Curve25519.Signing.PrivateKey, keyId: String) throws {
        try Self.writeFile(publicKeyPath(keyId), Array((KeyHex.encode(key.publicKey.rawRepresentation) + "\n").utf8), mode: 0o644)
        try Self.writeFile(privateKeyPath(keyId), Array((KeyHex.encode(key.rawRepresentation) + "\n").utf8), mode: 0o600)
    }

    /// Creates `path` with exactly `mode` (whatever the umask), writes `bytes` and syncs them to disk.
    private static func writeFile(_ path: String, _ bytes: [UInt8], mode: mode_t) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw SigningKeyError.io("cannot create \(path)", errno: errno) }
        defer { close(fd) }
        guard fchmod(fd, mode) == 0 else { throw SigningKeyError.io("cannot set the mode of \(path)", errno: errno) }
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(fd) == 0 else { throw SigningKeyError.io("cannot write \(path)", errno: errno) }
    }

    /// The first line of a small file, without its line end; `nil` when the file does not exist.
    private static func readLine(_ path: String) throws -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        guard let text = String(bytes: data.prefix(1024), encoding: .utf8) else {
            throw SigningKeyError.malformed("\(path) is not text")
        }
        return String(text.prefix { $0 != "\n" && $0 != "\r" })
    }

    static func isKeyId(_ text: String) -> Bool {
        text.utf8.count == 16 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}

/// Why a signing key could not be used; the message says what to do.
public enum SigningKeyError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The ledger has no (current) key yet.
    case noKey(String)
    /// A key file that is not in the documented form.
    case malformed(String)
    /// The private key file may be read by others.
    case exposed(String)
    /// A file operation failed.
    case io(String, errno: Int32)

    public var description: String {
        switch self {
        case .noKey(let message), .malformed(let message), .exposed(let message): message
        case .io(let message, let code): "\(message): \(String(cString: strerror(code)))"
        }
    }
}

/// Lowercase hex for key files (the Merkle module keeps its own helpers internal).
enum KeyHex {
    static func encode(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes of an even number of hex digits (either case); `nil` for anything else.
    static func decode(_ text: String) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        func value(_ c: UInt8) -> UInt8? {
            switch c {
            case 0x30...0x39: c - 0x30
            case 0x61...0x66: c - 0x61 + 10
            case 0x41...0x46: c - 0x41 + 10
            default: nil
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count / 2)
        var i = 0
        while i < utf8.count {
            guard let high = value(utf8[i]), let low = value(utf8[i + 1]) else { return nil }
            bytes.append(high << 4 | low)
            i += 2
        }
        return bytes
    }
}
