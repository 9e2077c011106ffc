import CanonicalJSON
import Foundation
import Testing

/// Every kind of bad request gets its problem response (RFC 9457, Vietnamese `detail`), and the log is
/// unchanged after each.
@Suite struct BadRequestTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var method = "POST"
        var path = "/v1/units"
        var token = TokenKind.office
        var body: [UInt8]? = nil
        var contentType: String? = "application/json"
        var headers: [String: String] = [:]
        var status: Int
        /// The `rule` member, or `type`'s last part for problems that are not refusals.
        var problem: String
        var field: String? = nil
        var description: String { name }
    }

    enum TokenKind: Sendable { case office, unit, interior, none }

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    static let unit = #"{"unitId":"SXY","name":"Sở Y tế","kind":"department"}"#

    static let cases: [Case] = [
        Case(name: "malformed JSON", body: bytes(#"{"unitId":"#), status: 400, problem: "malformedJson"),
        Case(name: "duplicate key", body: bytes(#"{"unitId":"A","unitId":"B","name":"x","kind":"other"}"#), status: 400, problem: "malformedJson"),
        Case(name: "invalid UTF-8", body: [0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D], status: 400, problem: "malformedJson"),
        Case(name: "empty body", body: [], status: 400, problem: "malformedJson"),
        Case(name: "not an object", body: bytes("[1,2]"), status: 400, problem: "wrongType", field: "payload"),
        Case(
            name: "missing field",
            body: bytes(#"{"unitId":"SXY","kind":"department"}"#),
            status: 400,
            problem: "missingField",
            field: "payload.name"
        ),
        Case(
            name: "wrong type",
            body: bytes(#"{"unitId":"SXY","name":5,"kind":"department"}"#),
            status: 400,
            problem: "wrongType",
            field: "payload.name"
        ),
        Case(
            name: "invalid enum",
            body: bytes(#"{"unitId":"SXY","name":"Sở Y tế","kind":"ministry"}"#),
            status: 422,
            problem: "invalidValue",
            field: "payload.kind"
        ),
        Case(
            name: "text too long",
            body: bytes(#"{"unitId":"SXY","name":""# + String(repeating: "a", count: 301) + #"","kind":"other"}"#),
            status: 422,
            problem: "textTooLong",
            field: "payload.name"
        ),
        Case(
            name: "control character",
            body: bytes(#"{"unitId":"SXY","name":"a\nb","kind":"other"}"#),
            status: 422,
            problem: "textControlCharacters",
            field: "payload.name"
        ),
        Case(
            name: "duplicate id",
            body: bytes(#"{"unitId":"SXD","name":"Sở Xây dựng","kind":"department"}"#),
            status: 422,
            problem: "duplicateId",
            field: "payload.unitId"
        ),
        Case(
            name: "over 1 MiB",
            body: bytes(#"{"unitId":"SXY","name":""# + String(repeating: "a", count: 1 << 20) + #""}"#),
            status: 413,
            problem: "oversizedBody"
        ),
        Case(name: "wrong content type", body: bytes(unit), contentType: "text/plain", status: 415, problem: "unsupportedMediaType"),
        Case(name: "no token", token: .none, body: bytes(unit), status: 401, problem: "unauthorized"),
        Case(name: "role may not write", token: .interior, body: bytes(unit), status: 403, problem: "roleNotAllowed"),
        Case(name: "unit writes office event", token: .unit, body: bytes(unit), status: 403, problem: "roleNotAllowed"),
        Case(name: "unknown route", method: "GET", path: "/v1/nothing-here", status: 404, problem: "notFound"),
        Case(name: "wrong method", method: "DELETE", path: "/v1/tasks", status: 405, problem: "methodNotAllowed"),
        Case(
            name: "path and body disagree",
            path: "/v1/units/SXD/rename",
            body: bytes(#"{"unitId":"STC","name":"Sở Xây dựng mới"}"#),
            status: 422,
            problem: "invalidValue",
            field: "payload.unitId"
        ),
        Case(name: "unknown task", path: "/v1/tasks/T-404/returns", body: bytes(#"{"reason":"Sai số liệu"}"#), status: 422, problem: "unknownTask"),
        Case(
            name: "bad If-Match",
            path: "/v1/tasks/T-1/returns",
            body: bytes(#"{"reason":"x"}"#),
            headers: ["If-Match": "abc"],
            status: 400,
            problem: "invalidValue",
            field: "If-Match"
        ),
        Case(
            name: "Idempotency-Key too long",
            body: bytes(unit),
            headers: ["Idempotency-Key": String(repeating: "k", count: 129)],
            status: 422,
            problem: "textTooLong",
            field: "Idempotency-Key"
        ),
        Case(name: "unknown query parameter", method: "GET", path: "/v1/tasks?asof=3", status: 400, problem: "unknownField", field: "asof"),
        Case(name: "limit out of range", method: "GET", path: "/v1/tasks?limit=5000", status: 400, problem: "invalidValue", field: "limit"),
        Case(name: "unknown status", method: "GET", path: "/v1/tasks?status=late", status: 400, problem: "invalidValue", field: "status"),
        Case(name: "bare date asOf", method: "GET", path: "/v1/reports/monthly?asOf=2025-06-01", status: 400, problem: "invalidValue", field: "asOf"),
        Case(name: "seq past the log", method: "GET", path: "/v1/reports/monthly?asOf=99999", status: 400, problem: "invalidValue", field: "asOf"),
        Case(
            name: "asOf with meeting",
            method: "GET",
            path: "/v1/reports/monthly?asOf=3&meeting=2025-06-15",
            status: 400,
            problem: "invalidValue",
            field: "meeting"
        ),
        Case(
            name: "table not in report",
            method: "GET",
            path: "/v1/reports/monthly?format=csv&table=heads",
            status: 400,
            problem: "invalidValue",
            field: "table"
        ),
        Case(
            name: "from after to",
            method: "GET",
            path: "/v1/reports/monthly?from=2025-06-05&to=2025-06-01",
            status: 400,
            problem: "invalidValue",
            field: "from"
        ),
        Case(
            name: "proof past the log",
            method: "GET",
            path: "/v1/audit/proof/inclusion?seq=99999",
            status: 400,
            problem: "invalidValue",
            field: "seq"
        ),
    ]

    @Test(arguments: cases)
    func answersWithAProblemAndStoresNothing(_ c: Case) async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let before = try server.headSeq
        let token: String? =
            switch c.token {
            case .office: server.tokens.office
            case .unit: server.tokens.unit
            case .interior: server.tokens.interior
            case .none: nil
            }
        let reply = try await server.send(c.method, c.path, token: token, body: c.body, contentType: c.contentType, headers: c.headers)
        #expect(reply.status == c.status, "\(reply.text)")
        #expect(reply.header("Content-Type") == "application/problem+json")
        let problem = try #require(reply.json)
        #expect(problem["status"]?.numberValue == Double(c.status))
        #expect(problem["type"]?.stringValue == "https://taskledger.example/problems/\(c.problem)")
        #expect(problem["title"]?.stringValue?.isEmpty == false)
        #expect(problem["detail"]?.stringValue?.isEmpty == false)
        if let field = c.field { #expect(problem["field"]?.stringValue == field) }
        if c.status == 405 { #expect(reply.header("Allow") == "GET, POST") }
        #expect(try server.headSeq == before)
    }
}
