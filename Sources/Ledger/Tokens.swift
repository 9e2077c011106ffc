import CanonicalJSON
import Domain
import EventLog
import Foundation
import LMDB

/// A token as issued: the secret is shown once and never stored (only its SHA-256 is).
public struct IssuedToken: Hashable, Sendable {
    public var tokenId: String
    public var secret: String
    public var envelope: Envelope
}

extension Ledger {
    /// Issues a bearer token: appends `TokenIssued` (name, role, unit; never the secret) and stores the secret's
    /// SHA-256 in the same transaction, so a token exists exactly when its event does.
    public func issueToken(name: String, role: Role, unitId: String?, tokenId: String? = nil) throws -> Result<IssuedToken, Refusal> {
        let id = tokenId ?? "tk-" + Self.randomHex(bytes: 6)
        let secret = "tl_" + Self.randomHex(bytes: 32)
        var payload: [String: JSONValue] = ["tokenId": .string(id), "name": .string(name), "role": .string(role.rawValue)]
        if let unitId { payload["unitId"] = .string(unitId) }
        let request = CommandRequest(type: EventType.tokenIssued.rawValue, actor: Actor(role: .admin), payload: .object(payload))
        return try withWriter { writer in
            switch try handle(request, writer: writer) {
            case .refused(let refusal):
                return .failure(refusal)
            case .appended(let envelope), .repeated(let envelope):
                try writer.txn.put(tokenSecrets, key: Self.secretKey(secret), value: Array(id.utf8), mode: .noOverwrite)
                return .success(IssuedToken(tokenId: id, secret: secret, envelope: envelope))
            }
        }
    }

    /// Revokes a token by appending `TokenRevoked`; every process refuses it from its next request.
    public func revokeToken(_ tokenId: String, reason: String?) throws -> CommandOutcome {
        var payload: [String: JSONValue] = ["tokenId": .string(tokenId)]
        if let reason { payload["reason"] = .string(reason) }
        return try executeAndWait(
            CommandRequest(type: EventType.tokenRevoked.rawValue, actor: Actor(role: .admin), payload: .object(payload))
        )
    }

    /// The actor a bearer secret stands for, or `nil` when the secret is unknown or its token revoked.
    /// Events appended by other processes are folded in first, so a revocation takes effect at once.
    public func authenticate(secret: String) throws -> Actor? {
        let key = Self.secretKey(secret)
        guard let idBytes = try log.environment.read({ txn in try txn.getBytes(tokenSecrets, key: key) }) else { return nil }
        let tokenId = String(decoding: idBytes, as: UTF8.self)
        return try withState { state in
            guard let token = state.tokens[tokenId], !token.revoked else { return nil }
            return Actor(role: token.role, unitId: token.unitId, tokenId: token.id)
        }
    }

    static func secretKey(_ secret: String) -> [UInt8] {
        Digest.sha256(Array(secret.utf8)).bytes
    }

    static func randomHex(bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef")
        var out = ""
        for _ in 0..<bytes {
            let b = UInt8.random(in: 0...255, using: &generator)
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0f)])
        }
        return out
    }
}
