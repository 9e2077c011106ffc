import Hummingbird
import Logging

/// Gives every request an id (the client's `X-Request-Id` when it is a sensible token, else a new one), puts it
/// on every log line of the request and on the response, logs one line per request, and records the request
/// in the metrics by route pattern (never by raw path, so task ids do not become label values).
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    static let metadataKey = "request.id"
    let metrics: APIMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let requestId = request.headers[.requestId].flatMap(Self.acceptable) ?? context.id
        context.logger[metadataKey: Self.metadataKey] = .string(requestId)
        let start = ContinuousClock.now
        var response = try await next(request, context)
        let elapsed = ContinuousClock.now - start
        response.headers[.requestId] = requestId
        let route = context.endpointPath ?? "unmatched"
        metrics.recordRequest(
            route: route == "NotFound" ? "unmatched" : route,
            method: request.method.rawValue,
            status: response.status.code,
            duration: elapsed
        )
        context.logger.info(
            "\(request.method.rawValue) \(request.uri.path) \(response.status.code)",
            metadata: [
                "duration_ms": "\(Double(elapsed.components.attoseconds / 1_000_000_000_000) / 1000 + Double(elapsed.components.seconds) * 1000)"
            ]
        )
        return response
    }

    /// A client's request id is kept when it is 1–128 characters of letters, digits, `-`, `_`, `.` and `:`.
    static func acceptable(_ id: String) -> String? {
        guard (1...128).contains(id.utf8.count),
            id.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || "-_.:".utf8.contains($0) })
        else { return nil }
        return id
    }
}
