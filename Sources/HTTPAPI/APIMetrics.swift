import Foundation
import Ledger
import Metrics
import Prometheus

/// The server's metrics in one Prometheus registry, served at `GET /metrics`:
/// - `http_requests_total{route,method,status}` and `http_request_duration_seconds{route,method}` (histogram),
///   recorded by `RequestLogMiddleware`;
/// - `taskledger_log_head_seq` and `taskledger_projection_lag_events` (the log's head seq minus the last seq folded
///   into the live state: events appended by another process and not yet seen), sampled at each scrape;
/// - whatever the ledger records through swift-metrics (`taskledger_group_commit_batch_size`,
///   `taskledger_group_commit_duration`), once `HTTPServer.bootstrapMetrics` has pointed swift-metrics at this
///   registry.
final class APIMetrics: Sendable {
    let registry: PrometheusCollectorRegistry
    private let headSeq: Prometheus.Gauge
    private let projectionLag: Prometheus.Gauge

    static let durationBuckets: [Duration] = [
        .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
        .milliseconds(20), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5),
    ]

    static var requests: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "http",
            metricName: "requests",
            unitName: "total",
            helpText: "HTTP requests answered, by route pattern, method and status."
        )
    }
    static var duration: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "http",
            metricName: "request_duration",
            unitName: "seconds",
            helpText: "Time from the request's head to the response's head, by route pattern and method."
        )
    }

    init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
        headSeq = registry.makeGauge(
            descriptor: MetricNameDescriptor(
                namespace: "taskledger",
                metricName: "log_head",
                unitName: "seq",
                helpText: "The seq of the last event in the log."
            )
        )
        projectionLag = registry.makeGauge(
            descriptor: MetricNameDescriptor(
                namespace: "taskledger",
                metricName: "projection_lag",
                unitName: "events",
                helpText: "Events in the log not yet folded into the live state (log head seq minus projected seq)."
            )
        )
    }

    func recordRequest(route: String, method: String, status: Int, duration: Duration) {
        registry.makeCounter(descriptor: Self.requests, labels: [("route", route), ("method", method), ("status", String(status))])
            .increment()
        registry.makeDurationHistogram(descriptor: Self.duration, labels: [("route", route), ("method", method)], buckets: Self.durationBuckets)
            .record(duration)
    }

    /// Samples the log head, then writes the Prometheus text format.
    func scrape(ledger: Ledger) throws -> [UInt8] {
        let projected = ledger.liveSeq
        let head = try ledger.log.head().seq
        headSeq.set(Double(head))
        projectionLag.set(Double(head >= projected ? head - projected : 0))
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return buffer
    }
}
