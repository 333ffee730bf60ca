import Foundation
import Logging
import ServiceLifecycle
import SlackPlatform
import Synchronization

/// Delivers the outbox: bounded concurrency, per-channel pacing and order, `Retry-After` honoured
/// per method and workspace, exponential backoff with jitter, dead letters for permanent errors.
///
/// Each message goes out with the token of the installation it belongs to (`outbox.workspace`,
/// resolved through ``InstallationTokens``), else with the client's configured token; a message
/// for an uninstalled workspace is dead-lettered at once with the reason, without a call.
///
/// Delivery is at-least-once: a row claimed (`sending`) when the process dies is sent again at
/// start-up. The duplicate window is the time between the platform accepting a call and the
/// `sent` state being committed (normally a few milliseconds).
public final class OutboxWorker: Service, Sendable {
    let database: AppDatabase
    let client: any SlackWebAPIClient
    let configuration: OutboxConfiguration
    let clock: any WallClock
    let logger: Logger
    let metrics: OutboxMetrics
    private let tokens: InstallationTokens
    let state = Mutex(PacingState())
    private let stopping = Atomic<Bool>(false)
    /// Wakes the loop when a delivery finishes.
    private let completions = WakeSignal()

    struct PacingState {
        var nextAllowed: [String: ContinuousClock.Instant] = [:]
        var blockedUntil: [String: ContinuousClock.Instant] = [:]
        var inFlightTargets: Set<String> = []
        /// Each rate key's rate (method and workspace, ``OutboxRateKey``), learned from 429s.
        var rates: [String: AdaptiveRate] = [:]
    }

    /// Creates a worker.
    /// - Parameters:
    ///   - database: Where the outbox lives.
    ///   - client: The Web API (live libcurl client, or the local chat sink).
    ///   - configuration: Concurrency, pacing, retry limits.
    ///   - clock: Stamps rows; delivery timing uses the monotonic clock.
    ///   - metrics: Counters and the queue depth gauge.
    ///   - tokens: The token of each message's installation (its `workspace`); by default read
    ///     from the database without refreshing (no client credentials).
    public init(
        database: AppDatabase, client: any SlackWebAPIClient, configuration: OutboxConfiguration = .init(),
        clock: any WallClock = SystemWallClock(), logger: Logger, metrics: OutboxMetrics = OutboxMetrics(registry: nil),
        tokens: InstallationTokens? = nil
    ) {
        self.database = database
        self.client = client
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
        self.metrics = metrics
        self.tokens = tokens ?? InstallationTokens(database: database, client: client, credentials: nil, clock: clock, logger: logger)
    }

    /// Runs until graceful shutdown (or cancellation); in-flight deliveries finish first.
    /// At start and every `abandonedCheckInterval`, deliveries abandoned by a process that died
    /// mid-call (this one before a restart, or another) are sent again.
    public func run() async throws {
        try await recoverAbandoned()
        var lastRecovery = ContinuousClock.now
        let signal = database.outboxSignal
        let completions = self.completions
        try await withGracefulShutdownHandler {
            try await withThrowingDiscardingTaskGroup { group in
                let slots = DeliverySlots(max(1, configuration.concurrency))
                var lastDepthUpdate = ContinuousClock.now - .seconds(10)
                while !stopping.load(ordering: .acquiring) && !Task.isCancelled {
                    let free = slots.available
                    guard let (claimed, waiting) = await claim(upTo: free) else { break }
                    for row in claimed {
                        slots.acquire()
                        state.withLock { _ = $0.inFlightTargets.insert(row.target) }
                        group.addTask {
                            await self.deliver(row)
                            self.state.withLock { _ = $0.inFlightTargets.remove(row.target) }
                            slots.release()
                            completions.notify()
                            signal.notify()
                        }
                    }
                    if claimed.isEmpty {
                        let wait = try await idleWait()
                        if waiting || free == 0 {
                            // Due rows wait for pacing, a Retry-After or a free slot: new enqueues can't
                            // change that, so only a finished delivery or the wait's end wakes the loop.
                            await completions.wait(upTo: wait)
                        } else {
                            await signal.wait(upTo: wait)
                        }
                    }
                    if ContinuousClock.now - lastRecovery >= configuration.abandonedCheckInterval {
                        lastRecovery = .now
                        do { try await recoverAbandoned() } catch { logger.error("outbox: cannot look for abandoned deliveries", metadata: ["error": "\(error)"]) }
                    }
                    if ContinuousClock.now - lastDepthUpdate >= .seconds(1) {
                        lastDepthUpdate = .now
                        await metrics.updateDepth(database: database)
                    }
                }
            }
        } onGracefulShutdown: {
            self.stopping.store(true, ordering: .releasing)
            signal.notify()
            completions.notify()
        }
    }

    /// Claims up to `limit` due rows; `nil` when cancelled.
    /// - Returns: The rows, and whether due rows wait for pacing or a `Retry-After`.
    private func claim(upTo limit: Int) async -> (claimed: [OutboxRecord], waiting: Bool)? {
        guard limit > 0 else { return ([], false) }
        let (paced, blocked) = exclusions()
        do {
            return try await database.claimOutbox(now: clock.now(), limit: limit, excludingTargets: paced, blockedRateKeys: blocked)
        } catch is CancellationError {
            return nil
        } catch {
            if Task.isCancelled { return nil }
            logger.error("outbox: cannot claim from the queue", metadata: ["error": "\(error)"])
            // Claiming writes: a full disk or a read-only file fails every attempt, so wait
            // before the next one instead of spinning on due rows.
            try? await Task.sleep(for: .seconds(1))
            return ([], false)
        }
    }

    private func recoverAbandoned() async throws {
        let recovered = try await database.recoverAbandonedDeliveries(now: clock.now(), lease: configuration.abandonedLease)
        if recovered > 0 { logger.notice("outbox: retrying deliveries abandoned by a stopped process", metadata: ["count": "\(recovered)"]) }
    }

    private func exclusions() -> (Set<String>, Set<String>) {
        let now = ContinuousClock.now
        return state.withLock { state in
            state.nextAllowed = state.nextAllowed.filter { $0.value > now }
            state.blockedUntil = state.blockedUntil.filter { $0.value > now }
            return (Set(state.nextAllowed.keys).union(state.inFlightTargets), Set(state.blockedUntil.keys))
        }
    }

    /// How long to sleep when nothing was claimable: until the next due row, pacing slot or
    /// rate-limit expiry, capped by the poll interval (work may arrive from another process).
    private func idleWait() async throws -> Duration {
        var wait = configuration.pollInterval
        let now = ContinuousClock.now
        let earliest = state.withLock { state in (Array(state.nextAllowed.values) + Array(state.blockedUntil.values)).min() }
        if let earliest { wait = min(wait, max(.milliseconds(1), earliest - now)) }
        if let due = try? await database.nextOutboxAttempt(now: clock.now()) {
            let seconds = due.timeIntervalSince(clock.now())
            wait = min(wait, seconds <= 0 ? .milliseconds(5) : .milliseconds(Int64(seconds * 1000) + 1))
        }
        return wait
    }

    private func deliver(_ row: OutboxRecord) async {
        let started = ContinuousClock.now
        if configuration.perChannelInterval > .zero {
            state.withLock { $0.nextAllowed[row.target] = started + configuration.perChannelInterval }
        }
        let outcome: Result<WebAPIResponse, WebAPIFailure>
        do {
            if row.method == OutboundMessage.Method.responseURL.rawValue {
                try await client.postToResponseURL(row.target, body: Array(row.payload.utf8))
                outcome = .success(WebAPIResponse(ok: true))
            } else {
                await waitForSlot(row.rateKey)
                let request = WebAPIRequest(method: row.method, body: Array(row.payload.utf8))
                switch await tokens.resolve(row.workspace.flatMap(InstallationKey.init(rawValue:))) {
                case .defaultToken:
                    outcome = .success(try await client.call(request))
                case .token(let token):
                    outcome = .success(try await call(request, token: token, installation: row.workspace.flatMap(InstallationKey.init(rawValue:))))
                case .revoked(let reason):
                    return await record(.revoked(reason), for: row)
                case .unavailable(let reason):
                    return await record(.unavailable(reason), for: row)
                }
            }
        } catch {
            outcome = .failure(error)
        }
        if configuration.perChannelInterval > .zero {
            // Pace from the answer too: the next message to this channel starts at least one
            // interval after this one has surely arrived.
            let answered = ContinuousClock.now
            state.withLock { $0.nextAllowed[row.target] = max($0.nextAllowed[row.target] ?? answered, answered + configuration.perChannelInterval) }
        }
        await record(outcome, for: row)
    }

    /// A call with an installation's token. When the platform refuses the token and the database
    /// holds a newer one (another instance refreshed it within this process's token cache
    /// lifetime), the call is made once more with the newer one instead of dead-lettering.
    private func call(_ request: WebAPIRequest, token: String, installation: InstallationKey?) async throws(WebAPIFailure) -> WebAPIResponse {
        do {
            return try await client.call(request.using(token: token))
        } catch .apiError(let code) where Self.tokenRefusals.contains(code) {
            guard let installation, let newer = await tokens.newerToken(than: token, for: installation) else { throw .apiError(code: code) }
            logger.notice("outbox: a token refreshed elsewhere replaced the cached one", metadata: ["workspace": "\(installation)"])
            return try await client.call(request.using(token: newer))
        }
    }

    /// The platform's answers to a token it no longer accepts.
    static let tokenRefusals: Set<String> = ["invalid_auth", "token_expired", "token_revoked", "not_authed"]

    /// Waits for the rate key's next slot at its learned rate, and out of any `Retry-After`.
    private func waitForSlot(_ key: String) async {
        // A 429 met by another call while this one waited blocks it too: wait again.
        for _ in 0..<10 {
            let now = ContinuousClock.now
            let start = state.withLock { state in
                state.rates[key, default: AdaptiveRate()].reserve(now: now, notBefore: state.blockedUntil[key])
            }
            if start > now { try? await Task.sleep(until: start) }
            guard let blocked = state.withLock({ $0.blockedUntil[key] }), blocked > .now, !Task.isCancelled else { return }
        }
    }
}

extension Duration {
    /// The duration in (fractional) seconds.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
