import Domain
import Hummingbird

/// One route of the API: method, path (in the OpenAPI form `/v1/tasks/{taskId}`), who may call it, which
/// query parameters it takes, and the handler.
///
/// The router is built from the list of routes (`APIRoutes.all`), and a test compares that list with the paths
/// and methods of `openapi.yaml`, so the document cannot drift from what is served.
struct Route: Sendable {
    var method: HTTPRequest.Method
    var path: String
    var access: Access
    /// The query parameters the route reads; any other is refused (400 `unknownField`) rather than ignored.
    var query: [String] = []
    var handler: @Sendable (Call) async throws -> Response

    /// The path as Hummingbird's router writes parameters (`/v1/tasks/:taskId`).
    var routerPath: String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? ":" + segment.dropFirst().dropLast() : String(segment)
        }.joined(separator: "/")
    }

    /// True when `requestPath` has this route's shape (for `405` on a known path with another method).
    func matches(path requestPath: Substring) -> Bool {
        let pattern = path.split(separator: "/")
        let actual = requestPath.split(separator: "/")
        guard pattern.count == actual.count else { return false }
        return zip(pattern, actual).allSatisfy { p, a in p.hasPrefix("{") || p == a }
    }
}

/// One request as a handler sees it: the request, its context, the caller, and its parameters already read.
struct Call: Sendable {
    var request: Request
    var context: BasicRequestContext
    /// The token's actor; `nil` only on routes open to anyone.
    var actor: Actor?
    /// The query parameters, percent-decoded; each at most once.
    var query: [String: String]

    /// A path parameter; the router guarantees it is there.
    func pathParameter(_ name: String) throws -> String {
        guard let value = context.parameters.get(name) else {
            throw Problem.notFound("Thiếu tham số đường dẫn \(name).")
        }
        return value
    }

    /// The actor, for routes that require a token (the runner has checked it).
    var caller: Actor {
        get throws {
            guard let actor else { throw Problem.internalError }
            return actor
        }
    }
}
