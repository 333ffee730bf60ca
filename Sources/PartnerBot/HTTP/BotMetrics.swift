import Foundation
import NIOConcurrencyHelpers
import Prometheus

/// The bot's Prometheus metrics, in a registry owned by the app (no global metrics state).
public final class BotMetrics: Sendable {
    /// The registry `/metrics` renders.
    public let registry: PrometheusCollectorRegistry
    private let signatureFailures: NIOLockedValueBox<[String: Counter]> = .init([:])
    private let requests: NIOLockedValueBox<[String: Counter]> = .init([:])
    private let latencies: NIOLockedValueBox<[String: DurationHistogram]> = .init([:])
    private let groupCommits: Counter
    private let groupCommitOperations: Counter
    private let reportedGroupCommits = NIOLockedValueBox(GroupCommitStatistics(commits: 0, operations: 0))

    /// Latency buckets, in seconds.
    static let latencyBuckets: [Duration] = [
        .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5),
        .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
        .milliseconds(500), .seconds(1), .milliseconds(2500),
    ]

    static var requestsDescriptor: MetricNameDescriptor { MetricNameDescriptor(
        namespace: "partnerbot", metricName: "http_requests", unitName: "total", helpText: "HTTP requests by route, method and status.") }
    static var latencyDescriptor: MetricNameDescriptor { MetricNameDescriptor(
        namespace: "partnerbot", metricName: "http_request_duration", unitName: "seconds", helpText: "HTTP request latency by route.") }
    static var signatureDescriptor: MetricNameDescriptor { MetricNameDescriptor(
        namespace: "partnerbot", metricName: "signature_failures", unitName: "total", helpText: "Requests rejected by signature verification, by reason.") }

    /// Creates metrics in a new registry.
    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        groupCommits = registry.makeCounter(
            descriptor: .init(namespace: "partnerbot", subsystem: "database", metricName: "group_commits", unitName: "total", helpText: "Write transactions shared by concurrent requests."),
            labels: [])
        groupCommitOperations = registry.makeCounter(
            descriptor: .init(namespace: "partnerbot", subsystem: "database", metricName: "group_commit_operations", unitName: "total", helpText: "Writes committed in group commits (divided by group_commits: the mean batch size)."),
            labels: [])
    }

    /// Brings the group-commit counters up to `statistics` (read from the database at scrape time).
    public func updateGroupCommits(_ statistics: GroupCommitStatistics) {
        // Concurrent scrapes may read their snapshots in either order: only ever move forward.
        let (commits, operations) = reportedGroupCommits.withLockedValue { reported in
            let delta = (max(0, statistics.commits - reported.commits), max(0, statistics.operations - reported.operations))
            reported.commits += delta.0
            reported.operations += delta.1
            return delta
        }
        if commits > 0 { groupCommits.increment(by: Int64(commits)) }
        if operations > 0 { groupCommitOperations.increment(by: Int64(operations)) }
    }

    /// Counts a finished request and records its latency.
    public func recordRequest(route: String, method: String, status: Int, duration: Duration) {
        let key = "\(method) \(route) \(status)"
        let counter = requests.withLockedValue { cache in
            if let counter = cache[key] { return counter }
            let counter = registry.makeCounter(
                descriptor: Self.requestsDescriptor,
                labels: [("route", route), ("method", method), ("status", String(status))])
            cache[key] = counter
            return counter
        }
        counter.increment()
        let latencyKey = "\(method) \(route)"
        let histogram = latencies.withLockedValue { cache in
            if let histogram = cache[latencyKey] { return histogram }
            let histogram = registry.makeDurationHistogram(
                descriptor: Self.latencyDescriptor, labels: [("route", route), ("method", method)],
                buckets: Self.latencyBuckets)
            cache[latencyKey] = histogram
            return histogram
        }
        histogram.recordNanoseconds(Int64(duration.components.seconds) * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
    }

    /// Counts a request that failed signature verification.
    public func recordSignatureFailure(reason: String) {
        let counter = signatureFailures.withLockedValue { cache in
            if let counter = cache[reason] { return counter }
            let counter = registry.makeCounter(descriptor: Self.signatureDescriptor, labels: [("reason", reason)])
            cache[reason] = counter
            return counter
        }
        counter.increment()
    }

    /// The Prometheus text exposition of every metric.
    public func render() -> [UInt8] {
        registry.emitToBuffer()
    }
}
