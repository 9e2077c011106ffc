import CanonicalJSON
import Testing

@testable import HTTPAPI

/// Every route × every role (and no token, and a revoked token): 401 without a valid token, 403 for a role
/// SPEC §1 does not allow, and otherwise an answer that is not about the caller (2xx for every read).
@Suite struct RoleMatrixTests {
    enum Caller: String, CaseIterable, Sendable {
        case office, unit, interior, auditor, none, revoked
    }

    /// The roles SPEC §1 lets call a route, written out from the SPEC rather than read from the router.
    static func allowed(_ method: String, _ path: String) -> Set<Caller>? {
        if path == "/healthz" || path == "/metrics" { return nil }
        if path.hasPrefix("/v1/audit/") { return [.office, .auditor] }
        if method == "GET" { return [.office, .unit, .interior, .auditor] }
        if path.hasSuffix("/progress") || path.hasSuffix("/report-documents") || path.hasSuffix("/results") { return [.unit] }
        return [.office]
    }

    static func concrete(_ path: String) -> String {
        var p = path.replacingOccurrences(of: "{taskId}", with: "T-1")
        p = p.replacingOccurrences(of: "{unitId}", with: "SXD").replacingOccurrences(of: "{personId}", with: "P1")
        if p == "/v1/audit/proof/inclusion" { p += "?seq=1" }
        if p == "/v1/audit/proof/consistency" { p += "?from=1" }
        return p
    }

    @Test func everyRouteEveryCaller() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let routes = APIRoutes.all(ledger: server.ledger, metrics: APIMetrics(registry: HTTPServer.registry))
        #expect(routes.count == 30)
        for route in routes {
            let method = route.method.rawValue
            let path = Self.concrete(route.path)
            for caller in Caller.allCases {
                let token: String? =
                    switch caller {
                    case .office: server.tokens.office
                    case .unit: server.tokens.unit
                    case .interior: server.tokens.interior
                    case .auditor: server.tokens.auditor
                    case .none: nil
                    case .revoked: server.tokens.revoked
                    }
                let before = try server.headSeq
                // An empty object: a write that gets past the role check is refused by a rule, so the log is unchanged.
                let reply =
                    method == "GET"
                    ? try await server.get(path, token: token)
                    : try await server.send(method, path, token: token, body: Array("{}".utf8))
                let where_ = "\(method) \(path) as \(caller.rawValue): \(reply.status) \(reply.text)"
                guard let allowed = Self.allowed(method, route.path) else {
                    #expect(reply.status == 200, "\(where_)")
                    continue
                }
                switch caller {
                case .none, .revoked:
                    #expect(reply.status == 401, "\(where_)")
                    #expect(reply.header("WWW-Authenticate")?.hasPrefix("Bearer") == true, "\(where_)")
                case _ where !allowed.contains(caller):
                    #expect(reply.status == 403, "\(where_)")
                    #expect(reply.rule == "roleNotAllowed", "\(where_)")
                case _ where method == "GET":
                    #expect((200..<300).contains(reply.status), "\(where_)")
                default:
                    #expect(reply.status != 401 && reply.status != 403, "\(where_)")
                    #expect([400, 422].contains(reply.status), "\(where_)")
                }
                #expect(try server.headSeq == before, "\(where_)")
            }
        }
    }

    @Test func aUnitTokenCannotWriteForAnotherUnitWhateverTheBodySays() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let before = try server.headSeq
        let claimsSxd = try await server.post(
            "/v1/tasks/T-1/results",
            token: server.tokens.otherUnit,
            obj(["unitId": str("SXD"), "result": str("Giả mạo")])
        )
        #expect(claimsSxd.status == 422)
        #expect(claimsSxd.rule == "unitIdNotOwn")
        let asItself = try await server.post(
            "/v1/tasks/T-1/results",
            token: server.tokens.otherUnit,
            obj(["unitId": str("STC"), "result": str("Giả mạo")])
        )
        #expect(asItself.rule == "notLeadUnit")
        #expect(try server.headSeq == before)
    }

    @Test func aTokenRevokedWhileServingIsRefusedFromItsNextRequest() async throws {
        let server = try await TestServer.start(seeded: false)
        defer { Task { await server.stop() } }
        let issued = try server.ledger.issueToken(name: "short-lived", role: .auditor, unitId: nil).get()
        #expect(try await server.get("/v1/audit/verify", token: issued.secret).status == 200)
        _ = try server.ledger.revokeToken(issued.tokenId, reason: "left the inspectorate")
        #expect(try await server.get("/v1/audit/verify", token: issued.secret).status == 401)
    }
}
