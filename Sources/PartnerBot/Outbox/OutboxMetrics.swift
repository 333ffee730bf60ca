import Prometheus

/// Outbox counters and the queue depth gauge.
public struct OutboxMetrics: Sendable {
    /// Delivered messages.
    public let sent: Counter
    /// Transient failures rescheduled.
    public let retried: Counter
    /// Dead-lettered messages.
    public let dead: Counter
    /// 429 answers.
    public let rateLimited: Counter
    /// Pending + sending rows.
    public let depth: Gauge

    /// Creates the metrics in a registry (a private one when `nil`).
    public init(registry: PrometheusCollectorRegistry?) {
        let registry = registry ?? PrometheusCollectorRegistry()
        func counter(_ name: String, _ help: String) -> Counter {
            registry.makeCounter(descriptor: .init(namespace: "partnerbot", subsystem: "outbox", metricName: name, unitName: "total", helpText: help), labels: [])
        }
        sent = counter("sent", "Messages delivered.")
        retried = counter("retried", "Transient failures scheduled for another attempt.")
        dead = counter("dead", "Messages dead-lettered.")
        rateLimited = counter("rate_limited", "HTTP 429 answers from the Web API.")
        depth = registry.makeGauge(
            descriptor: .init(namespace: "partnerbot", subsystem: "outbox", metricName: "depth", unitName: "messages", helpText: "Messages waiting or being sent."),
            labels: [])
    }

    func updateDepth(database: AppDatabase) async {
        if let depth = try? await database.outboxDepth() { self.depth.set(Double(depth)) }
    }
}
