/// How the outbox worker delivers.
public struct OutboxConfiguration: Sendable, Equatable {
    /// Deliveries in flight at once (each on its own keep-alive connection).
    public var concurrency = 16
    /// Minimum spacing between two messages to the same channel (Slack: about 1 per second); zero disables pacing.
    public var perChannelInterval: Duration = .seconds(1)
    /// Attempts before a transiently failing message is dead-lettered.
    public var maxAttempts = 10
    /// Age after which a message still failing is dead-lettered.
    public var maxAge: Duration = .seconds(24 * 3600)
    /// First retry delay; doubles each attempt, with jitter.
    public var baseBackoff: Duration = .seconds(1)
    /// Longest retry delay.
    public var maxBackoff: Duration = .seconds(300)
    /// How often an idle worker looks for work enqueued by another process (e.g. the CLI).
    public var pollInterval: Duration = .seconds(1)
    /// How often the worker looks for deliveries abandoned by a process that died mid-call
    /// (also done at start-up); they are sent again. One small read: with several instances, a
    /// killed one's messages are not held up for long.
    public var abandonedCheckInterval: Duration = .seconds(5)
    /// After how long a delivery claimed on another host, whose process cannot be checked from
    /// here, counts as abandoned (well over a Web API call's connect plus request timeout).
    public var abandonedLease: Duration = .seconds(120)
    /// How long sent messages are kept (their edits and threads keep working after); `nil` keeps them forever.
    public var retention: Duration? = .seconds(90 * 86_400)

    /// The defaults.
    public init() {}
}
