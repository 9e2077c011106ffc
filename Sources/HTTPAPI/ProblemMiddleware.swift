import Domain
import EventLog
import Hummingbird
import Logging

/// Turns every error a handler throws into an `application/problem+json` response, so no request gets a bare
/// Hummingbird error or a crash: problems and refusals as they are, an unknown path 404, a known path with
/// another method 405 with `Allow`, a ledger that is shutting down 503, and anything unexpected 500 without
/// internals (the details go to the log, under the request id).
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let routes: [Route]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let requestId = context.logger[metadataKey: RequestLogMiddleware.metadataKey]?.description
        do {
            return try await next(request, context)
        } catch let problem as Problem {
            return problem.response(requestId: requestId)
        } catch let refusal as Refusal {
            return Problem(refusal).response(requestId: requestId)
        } catch let error as HTTPError where error.status == .notFound {
            return unmatched(request).response(requestId: requestId)
        } catch let error as HTTPError {
            return Problem(
                status: error.status,
                name: "httpError",
                title: error.status.reasonPhrase,
                detail: "Yêu cầu không thể xử lý: \(error.status.code) \(error.status.reasonPhrase)."
            ).response(requestId: requestId)
        } catch is GroupCommitError {
            return Problem(
                status: .serviceUnavailable,
                name: "shuttingDown",
                title: "The server is shutting down",
                detail: "Máy chủ đang dừng và không nhận lệnh mới; hãy thử lại sau với cùng Idempotency-Key.",
                headers: [.retryAfter: "5"]
            ).response(requestId: requestId)
        } catch {
            context.logger.error("unexpected error", metadata: ["error": "\(String(reflecting: error))"])
            return Problem.internalError.response(requestId: requestId)
        }
    }

    /// 405 with `Allow` when the path is known with other methods, else 404.
    func unmatched(_ request: Request) -> Problem {
        let path = request.uri.path[...]
        let allowed = routes.filter { $0.matches(path: path) }.map(\.method.rawValue)
        guard !allowed.isEmpty else {
            return .notFound("Không có tuyến \(request.uri.path); xem openapi.yaml để biết các tuyến của API.")
        }
        let allow = Array(Set(allowed)).sorted().joined(separator: ", ")
        return Problem(
            status: .methodNotAllowed,
            name: "methodNotAllowed",
            title: "Method not allowed on this path",
            detail: "Tuyến \(request.uri.path) không nhận phương thức \(request.method.rawValue); chỉ nhận: \(allow).",
            headers: [.allow: allow]
        )
    }
}
