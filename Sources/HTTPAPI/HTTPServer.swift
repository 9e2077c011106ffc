import Foundation
import Hummingbird
import Ledger
import Logging
import Metrics
import NIOCore
import Prometheus
import ServiceLifecycle

/// The HTTP service of `taskledger serve`: JSON over HTTP/1.1 under `/v1`, bearer tokens, problem+json errors
/// (SPEC §6). The CLI calls `run`; tests call `buildApplication` and run it on port 0.
public enum HTTPServer {
    public static let defaultHost = "127.0.0.1"
    public static let defaultPort = 8080

    /// The registry `/metrics` serves. One per process, because swift-metrics can be bootstrapped only once.
    static let registry = PrometheusCollectorRegistry()

    /// Builds the application: the router with every route of `APIRoutes.all`, the request-id/log/metrics
    /// middleware and the problem middleware. `onServerRunning` gets the bound channel (its local address tells
    /// the port when `port` is 0).
    public static func buildApplication(
        ledger: Ledger,
        host: String = defaultHost,
        port: Int = defaultPort,
        logger: Logger,
        onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let metrics = APIMetrics(registry: registry)
        let routes = APIRoutes.all(ledger: ledger, metrics: metrics)
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: RequestLogMiddleware(metrics: metrics))
        router.add(middleware: ProblemMiddleware(routes: routes))
        for route in routes {
            router.on(RouterPath(route.routerPath), method: route.method) { request, context in
                try await APIRoutes.respond(route, request: request, context: context, ledger: ledger)
            }
        }
        return Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "taskledger"),
            onServerRunning: onServerRunning,
            logger: logger
        )
    }

    /// Points swift-metrics at the registry `/metrics` serves, once per process. Call it **before** opening the
    /// `Ledger`: the ledger creates its group-commit metrics when it opens, against whatever factory is
    /// bootstrapped then. `run` calls it too (harmless when already done).
    public static func bootstrapMetrics() {
        bootstrapOnce.lock()
        defer { bootstrapOnce.unlock() }
        guard !bootstrapped else { return }
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        bootstrapped = true
    }

    private static let bootstrapOnce = NSLock()
    nonisolated(unsafe) private static var bootstrapped = false

    /// How long a graceful shutdown waits for requests in flight. A client that stops sending half-way through a
    /// request would otherwise hold the process forever; after this the server is cancelled. A command already
    /// handed to the ledger is still committed: `ledger.close()` drains the group commit.
    public static let maximumGracefulShutdown: Duration = .seconds(5)

    /// Serves until SIGTERM or SIGINT, then shuts down gracefully: stops accepting connections, lets the
    /// requests in flight finish (so every command that was submitted is committed and answered) for at most
    /// `maximumGracefulShutdown`, and closes the ledger, which commits whatever is queued. Returns normally after a
    /// signal, so the process exits 0.
    public static func run(ledger: Ledger, host: String = defaultHost, port: Int = defaultPort, logger: Logger) async throws {
        bootstrapMetrics()
        let app = buildApplication(ledger: ledger, host: host, port: port, logger: logger) { channel in
            logger.info("listening", metadata: ["address": "\(channel.localAddress.map { "\($0)" } ?? "?")"])
        }
        var configuration = ServiceGroupConfiguration(
            services: [.init(service: app, successTerminationBehavior: .gracefullyShutdownGroup)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        )
        configuration.maximumGracefulShutdownDuration = maximumGracefulShutdown
        let group = ServiceGroup(configuration: configuration)
        do {
            try await group.run()
        } catch is CancellationError {
            // A stalled client outlived the graceful period and the server was cancelled: still the stop a signal
            // asked for.
            logger.warning("requests still open after \(maximumGracefulShutdown); the server was cancelled")
        } catch {
            ledger.close()
            throw error
        }
        ledger.close()
        logger.info("stopped; the ledger is closed")
    }
}
