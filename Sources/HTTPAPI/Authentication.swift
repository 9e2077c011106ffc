import Domain
import Hummingbird
import Ledger

/// Bearer tokens (RFC 6750): `Authorization: Bearer <secret>`, looked up by the secret's SHA-256.
///
/// The ledger folds in events written by other processes before it answers, so a token revoked with the CLI
/// while the server runs is refused from its next request.
enum Authentication {
    static func actor(for request: Request, ledger: Ledger) throws -> Actor {
        guard let header = request.headers[.authorization] else {
            throw unauthorized("Thiếu tiêu đề Authorization; hãy gửi Authorization: Bearer <mã bí mật>.", error: nil)
        }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw unauthorized("Tiêu đề Authorization phải có dạng Bearer <mã bí mật>.", error: "invalid_request")
        }
        let secret = parts[1].trimmingSpaces
        guard !secret.isEmpty, let actor = try ledger.authenticate(secret: secret) else {
            throw unauthorized("Mã truy cập không hợp lệ hoặc đã bị thu hồi; hãy xin cấp mã mới.", error: "invalid_token")
        }
        return actor
    }

    static func unauthorized(_ detail: String, error: String?) -> Problem {
        var challenge = "Bearer realm=\"taskledger\""
        if let error { challenge += ", error=\"\(error)\"" }
        return Problem(
            status: .unauthorized,
            name: "unauthorized",
            title: "No valid bearer token",
            detail: detail,
            headers: [.wwwAuthenticate: challenge]
        )
    }
}

extension Substring {
    /// Without leading and trailing spaces and tabs (header values).
    var trimmingSpaces: String {
        var s = self[...]
        while let c = s.first, c == " " || c == "\t" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" { s = s.dropLast() }
        return String(s)
    }
}
