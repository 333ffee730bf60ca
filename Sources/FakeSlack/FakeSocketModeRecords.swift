/// One envelope the fake Socket Mode server sent.
public struct FakeSocketModeDelivery: Sendable, Equatable {
    /// The envelope id (fresh for every delivery, retries included).
    public var envelopeID: String
    /// The envelope id of the first delivery of the same content (itself for a first delivery).
    public var originalEnvelopeID: String
    /// `events_api`, `interactive`, `slash_commands`, or anything a test chose.
    public var type: String
    /// The `payload` member as sent.
    public var payload: String
    /// `accepts_response_payload`.
    public var acceptsResponsePayload: Bool
    /// `retry_attempt`.
    public var retryAttempt: Int
    /// `retry_reason`.
    public var retryReason: String
    /// The connection it went out on.
    public var connectionID: Int
    /// When it was sent.
    public var sentAt: ContinuousClock.Instant
}

/// One acknowledgement the fake received.
public struct FakeSocketModeAcknowledgement: Sendable, Equatable {
    /// The acknowledged envelope id.
    public var envelopeID: String
    /// The `payload` member re-serialised with sorted keys, when there was one.
    public var payload: String?
    /// The connection it came on.
    public var connectionID: Int
    /// When it arrived.
    public var receivedAt: ContinuousClock.Instant
    /// Whether it arrived after the fake's acknowledgement deadline.
    public var isLate: Bool
}

/// What the fake answers to the next `apps.connections.open` calls, before answering normally.
public enum FakeSocketModeOpenAnswer: Sendable, Equatable {
    /// HTTP 500.
    case serverError
    /// HTTP 429 with `Retry-After`.
    case rateLimited(retryAfterSeconds: Int)
    /// HTTP 200 with `{"ok":false,"error":code}`.
    case error(String)
}

/// A connection as the fake saw it.
public struct FakeSocketModeConnectionRecord: Sendable, Equatable {
    /// The connection id (1, 2, … in upgrade order).
    public var id: Int
    /// When `hello` was sent.
    public var openedAt: ContinuousClock.Instant
    /// When it closed, if it has.
    public var closedAt: ContinuousClock.Instant?
}

/// Why the fake could not do what a test asked.
public enum FakeSocketModeError: Error, Sendable, Equatable {
    /// The server did not bind a port.
    case didNotStart
    /// No connection is open to send on.
    case noOpenConnection
    /// That connection is not open.
    case unknownConnection(Int)
}
