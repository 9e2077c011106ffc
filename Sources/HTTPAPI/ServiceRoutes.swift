import CanonicalJSON
import Hummingbird
import Ledger

/// Liveness and metrics, open without a token (probes and scrapers carry none; the server listens on loopback
/// by default, and neither answer reveals anything about a task).
enum ServiceRoutes {
    static func routes(ledger: Ledger, metrics: APIMetrics) -> [Route] {
        [
            Route(method: .get, path: "/healthz", access: .anyone) { _ in
                let head = try ledger.log.head()
                var o: [String: JSONValue] = ["status": .string("ok"), "seq": .number(Double(head.seq))]
                if let at = head.recordedAt { o["recordedAt"] = .string(at.description) }
                return .json(.object(o))
            },
            Route(method: .get, path: "/metrics", access: .anyone) { _ in
                .bytes(try metrics.scrape(ledger: ledger), status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"])
            },
        ]
    }
}
