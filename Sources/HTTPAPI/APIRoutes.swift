import Domain
import Hummingbird
import Ledger

/// Every route the server answers, in one list: the router is built from it and a test holds it against
/// `openapi.yaml`.
enum APIRoutes {
    static func all(ledger: Ledger, metrics: APIMetrics) -> [Route] {
        ServiceRoutes.routes(ledger: ledger, metrics: metrics)
            + CommandRoutes.routes(ledger: ledger)
            + TaskRoutes.routes(ledger: ledger)
            + ReportRoutes.routes(ledger: ledger)
            + AuditRoutes.routes(ledger: ledger)
    }

    /// Runs one route: query parameters known and given once, then the token (401) and the role (403), and
    /// only then the handler, so nothing of a request is read for a caller who may not make it.
    static func respond(_ route: Route, request: Request, context: BasicRequestContext, ledger: Ledger) async throws -> Response {
        var query: [String: String] = [:]
        for (key, value) in request.uri.queryParameters {
            let name = String(key)
            guard route.query.contains(name) else { throw Problem.unknownParameter(name, allowed: route.query) }
            guard query[name] == nil else { throw Problem.badParameter(name, "Tham số \(name) chỉ được cho một lần.") }
            query[name] = String(value)
        }
        var actor: Domain.Actor? = nil
        if route.access.needsToken {
            let caller = try Authentication.actor(for: request, ledger: ledger)
            guard route.access.roles.contains(caller.role) else { throw route.access.refusal(for: caller.role) }
            actor = caller
            var context = context
            context.logger[metadataKey: "token"] = .string(caller.tokenId ?? "-")
            return try await route.handler(Call(request: request, context: context, actor: actor, query: query))
        }
        return try await route.handler(Call(request: request, context: context, actor: actor, query: query))
    }
}
