/// How the CRM worker pushes: concurrency, retries and timeouts.
public struct CRMSyncSettings: Sendable, Equatable {
    /// Pushes under way at once (CRMs rate-limit per account: keep it small).
    public var concurrency = 4
    /// The first wait after a transient failure; it doubles up to ``maxBackoff``.
    public var baseBackoff: Duration = .seconds(1)
    /// The longest wait between attempts. Transient failures are retried for as long as it
    /// takes (a CRM down for a day loses nothing); refusals are dead-lettered at once.
    public var maxBackoff: Duration = .seconds(600)
    /// How often the queue is read when nothing wakes the worker.
    public var pollInterval: Duration = .seconds(2)
    /// How often pushes abandoned by a stopped process are looked for.
    public var abandonedCheckInterval: Duration = .seconds(5)
    /// A push claimed on another host counts as abandoned after this.
    public var abandonedLease: Duration = .seconds(120)
    /// The wait after a rate limit without `Retry-After`.
    public var defaultRateLimitWait: Duration = .seconds(10)

    /// The defaults.
    /// How long a registration waits for the CRM's answer to "is this already an open
    /// opportunity?" before it goes ahead (the check then completes in the background): well
    /// inside Slack's three seconds.
    public var registrationCheckTimeout: Duration = .milliseconds(1500)

    public init() {}
}
