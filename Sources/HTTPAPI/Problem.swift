import CanonicalJSON
import Domain
import Hummingbird

/// An error the API answers with: an RFC 9457 `application/problem+json` body.
///
/// Every failure a client can cause becomes one of these, so a handler never has to think about response
/// shapes: it throws a `Problem` (or a `Refusal`, which `init(_ refusal:)` maps with the status table of
/// SPEC §6) and `ProblemMiddleware` writes it.
///
/// `type` is `https://taskledger.example/problems/<name>`, where `<name>` is the SPEC rule id for a refusal
/// (`…/problems/unknownTask`) and one of the names below for the other problems (`…/problems/unauthorized`).
/// The URI identifies the problem; it is not meant to be fetched.
struct Problem: Error, Sendable {
    static let typeBase = "https://taskledger.example/problems/"

    var status: HTTPResponse.Status
    /// The last part of `type`: a rule id or a problem name.
    var name: String
    var title: String
    /// What went wrong and what to do, in Vietnamese.
    var detail: String
    /// The SPEC rule id, for refusals.
    var rule: RuleID?
    /// The field, header or query parameter at fault.
    var field: String?
    /// Extra headers the status requires (`WWW-Authenticate`, `Allow`).
    var headers: HTTPFields = [:]

    var type: String { Self.typeBase + name }

    /// A refusal, with the status of SPEC §6: 400 for a body of the wrong shape, 403 for the role, 409 for a
    /// reused `commandId`, 412 for a stale `If-Match`, 413 for a body over 1 MiB, 422 for every other rule.
    init(_ refusal: Refusal) {
        status = Self.status(of: refusal.rule)
        name = refusal.rule.rawValue
        title = Self.title(of: refusal.rule)
        detail = refusal.message
        rule = refusal.rule
        field = refusal.field
    }

    init(
        status: HTTPResponse.Status,
        name: String,
        title: String,
        detail: String,
        rule: RuleID? = nil,
        field: String? = nil,
        headers: HTTPFields = [:]
    ) {
        self.status = status
        self.name = name
        self.title = title
        self.detail = detail
        self.rule = rule
        self.field = field
        self.headers = headers
    }

    /// The rules whose refusal means the request is not of the documented shape (400); SPEC §6 "400 malformed
    /// or unknown field". Every other rule is about what the request says, not how (422).
    static let shapeRules: Set<RuleID> = [.malformedJson, .wrongType, .missingField, .unknownField]

    static func status(of rule: RuleID) -> HTTPResponse.Status {
        if shapeRules.contains(rule) { return .badRequest }
        switch rule {
        case .oversizedBody: return .contentTooLarge
        case .roleNotAllowed: return .forbidden
        case .commandIdReused: return .conflict
        case .conflict: return .preconditionFailed
        default: return .unprocessableContent
        }
    }

    static func title(of rule: RuleID) -> String {
        switch status(of: rule) {
        case .badRequest: "The request body is not of the documented shape"
        case .contentTooLarge: "The request body is larger than 1 MiB"
        case .forbidden: "The token's role may not do this"
        case .conflict: "The Idempotency-Key was already used for a different command"
        case .preconditionFailed: "The If-Match version is not the current one"
        default: "The command breaks a ledger rule"
        }
    }

    /// A query parameter or header that cannot be read (400, rule `invalidValue`).
    static func badParameter(_ name: String, _ detail: String) -> Problem {
        Problem(
            status: .badRequest,
            name: RuleID.invalidValue.rawValue,
            title: "A query parameter or header is invalid",
            detail: detail,
            rule: .invalidValue,
            field: name
        )
    }

    /// A query parameter this route does not take (400, rule `unknownField`): a typo should not be ignored.
    static func unknownParameter(_ name: String, allowed: [String]) -> Problem {
        let list = allowed.isEmpty ? "tuyến này không nhận tham số nào" : "các tham số được phép: \(allowed.joined(separator: ", "))"
        return Problem(
            status: .badRequest,
            name: RuleID.unknownField.rawValue,
            title: "Unknown query parameter",
            detail: "Tham số \(name) không được hỗ trợ; \(list).",
            rule: .unknownField,
            field: name
        )
    }

    static func notFound(_ detail: String) -> Problem {
        Problem(status: .notFound, name: "notFound", title: "Not found", detail: detail)
    }

    static let internalError = Problem(
        status: .internalServerError,
        name: "internalError",
        title: "Internal server error",
        detail: "Máy chủ gặp lỗi ngoài dự kiến; yêu cầu chưa được thực hiện hoặc không rõ kết quả. Hãy thử lại với cùng Idempotency-Key."
    )

    /// The JSON body.
    var json: JSONValue {
        var o: [String: JSONValue] = [
            "type": .string(type),
            "title": .string(title),
            "status": .number(Double(status.code)),
            "detail": .string(detail),
        ]
        if let rule { o["rule"] = .string(rule.rawValue) }
        if let field { o["field"] = .string(field) }
        return .object(o)
    }

    func response(requestId: String?) -> Response {
        var headers = headers
        headers[.contentType] = "application/problem+json"
        var body = json
        if let requestId, case .object(var o) = body {
            o["requestId"] = .string(requestId)
            body = .object(o)
        }
        return Response.bytes(body.canonicalBytes + [0x0A], status: status, headers: headers)
    }
}
