import Foundation
import SlackPlatform

/// What the worker does with each delivery's outcome: sent, rate-limited (held for every
/// instance), retried with backoff, or dead-lettered with the reason.
extension OutboxWorker {
    /// A message that was not sent because of its installation's token.
    enum TokenProblem {
        /// Uninstalled or revoked: dead-lettered at once with the reason.
        case revoked(String)
        /// Expired and not refreshed yet: retried like a transient failure.
        case unavailable(String)
    }

    func record(_ problem: TokenProblem, for row: OutboxRecord) async {
        let now = clock.now()
        do {
            switch problem {
            case .revoked(let reason):
                try await database.markOutboxDead(id: row.id, error: reason, now: now)
                metrics.dead.increment()
                logger.error("outbox: installation revoked, dead-lettered", metadata: ["id": "\(row.id)", "workspace": "\(row.workspace ?? "")", "error": "\(reason)"])
            case .unavailable(let reason):
                try await retryOrGiveUp(row, error: reason, now: now)
            }
        } catch {
            logger.error("outbox: cannot record a delivery outcome; it will be retried after restart", metadata: ["id": "\(row.id)", "error": "\(error)"])
        }
    }

    func record(_ outcome: Result<WebAPIResponse, WebAPIFailure>, for row: OutboxRecord) async {
        let now = clock.now()
        do {
            switch outcome {
            case .success(let response):
                state.withLock { $0.rates[row.rateKey, default: AdaptiveRate()].succeeded(at: .now) }
                // Paces the channel for the other instances too (the next message is claimed after this commit).
                let pace = configuration.perChannelInterval > .zero ? (row.target, now.addingTimeInterval(configuration.perChannelInterval.seconds)) : nil
                try await database.markOutboxSent(id: row.id, ts: response.ts, channel: response.channel, now: now, pace: pace)
                metrics.sent.increment()
            case .failure(.rateLimited(let seconds)):
                let wait = Duration.seconds(max(1, seconds))
                state.withLock { state in
                    state.blockedUntil[row.rateKey] = ContinuousClock.now + wait
                    state.rates[row.rateKey, default: AdaptiveRate()].limited(at: .now)
                }
                let retry = now.addingTimeInterval(TimeInterval(max(1, seconds)))
                try await database.rescheduleOutbox(
                    id: row.id, at: retry, error: "ratelimited (Retry-After \(seconds)s)", countsAsAttempt: false, now: now,
                    holding: (row.rateKey, retry))
                metrics.rateLimited.increment()
                logger.notice("outbox: rate limited", metadata: ["method": "\(row.method)", "workspace": "\(row.workspace ?? "")", "retry_after": "\(seconds)"])
            case .failure(let failure) where failure.isPermanent:
                try await database.markOutboxDead(id: row.id, error: failure.logDescription, now: now)
                metrics.dead.increment()
                logger.error("outbox: permanent failure, dead-lettered", metadata: ["id": "\(row.id)", "method": "\(row.method)", "error": "\(failure.logDescription)"])
            case .failure(let failure):
                try await retryOrGiveUp(row, error: failure.logDescription, now: now)
            }
        } catch {
            logger.error("outbox: cannot record a delivery outcome; it will be retried after restart", metadata: ["id": "\(row.id)", "error": "\(error)"])
        }
    }

    /// A transient failure: another attempt after a backoff, or a dead letter once the attempts
    /// or the age are exhausted.
    private func retryOrGiveUp(_ row: OutboxRecord, error: String, now: Date) async throws {
        let attempts = row.attempts + 1
        let age = now.timeIntervalSince(row.createdAt)
        if attempts >= configuration.maxAttempts || age >= configuration.maxAge.seconds {
            try await database.markOutboxDead(id: row.id, error: "gave up after \(attempts) attempts: \(error)", now: now)
            metrics.dead.increment()
            logger.error("outbox: retries exhausted, dead-lettered", metadata: ["id": "\(row.id)", "error": "\(error)"])
        } else {
            let delay = backoff(attempt: attempts)
            try await database.rescheduleOutbox(id: row.id, at: now.addingTimeInterval(delay), error: error, countsAsAttempt: true, now: now)
            metrics.retried.increment()
            logger.warning("outbox: transient failure, will retry", metadata: ["id": "\(row.id)", "error": "\(error)", "in_seconds": "\(delay)"])
        }
    }

    /// Exponential backoff with "equal jitter": half fixed, half random.
    func backoff(attempt: Int) -> TimeInterval {
        let base = configuration.baseBackoff.seconds
        let capped = min(configuration.maxBackoff.seconds, base * pow(2, Double(max(0, attempt - 1))))
        return capped / 2 + Double.random(in: 0...(capped / 2))
    }
}
