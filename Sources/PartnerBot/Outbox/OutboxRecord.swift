import Foundation

/// One row of the `outbox` table.
public struct OutboxRecord: Sendable, Equatable, SQLFetchable, SQLPersistable {
    /// Delivery states.
    public enum State: String, Codable, Sendable, CaseIterable {
        /// Waiting for its time (or its turn in its channel).
        case pending
        /// Claimed by a worker; a crash leaves it here and start-up retries it.
        case sending
        /// Delivered; `resultTS` holds the message ts.
        case sent
        /// Given up (permanent error, or too many attempts / too old).
        case dead
    }

    public static let databaseTableName = "outbox"

    /// Row id.
    public var id: Int64
    /// Unique dedupe key.
    public var dedupeKey: String
    /// Web API method (or `response_url`).
    public var method: String
    /// Channel, user or URL.
    public var target: String
    /// JSON body.
    public var payload: String
    /// Dedupe key of the message this one edits or threads under.
    public var reference: String?
    /// Delivery state.
    public var state: State
    /// Failed attempts so far.
    public var attempts: Int
    /// Earliest time of the next attempt.
    public var nextAttemptAt: Date
    /// The last failure, for operators.
    public var lastError: String?
    /// The `ts` of the delivered message.
    public var resultTS: String?
    /// The channel the message landed in (a DM's `D…` id for user targets).
    public var resultChannel: String?
    /// When it was enqueued.
    public var createdAt: Date
    /// Last change.
    public var updatedAt: Date
    /// When it was delivered.
    public var sentAt: Date?
    /// What renders the payload at send time (`deal-review:<id>`), when not stored ready-made.
    public var template: String?
    /// The installation whose token sends it (`T…` or `E…`); `nil` for the configured bot token.
    public var workspace: String? = nil

    /// What its Web API rate limit applies to (see ``OutboxRateKey``).
    var rateKey: String { OutboxRateKey.of(method: method, workspace: workspace) }

    /// The table's columns, as the row code reads and writes them.
    enum Column: String {
        case id, method, target, payload, reference, state, attempts, template, workspace
        case dedupeKey = "dedupe_key"
        case nextAttemptAt = "next_attempt_at"
        case lastError = "last_error"
        case resultTS = "result_ts"
        case resultChannel = "result_channel"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case sentAt = "sent_at"
    }
}

/// What `partnerbot outbox status` and the metrics report.
public struct OutboxStatus: Sendable, Equatable {
    /// Rows per state.
    public var counts: [OutboxRecord.State: Int]
    /// Age of the oldest pending row.
    public var oldestPendingAge: TimeInterval?
    /// The most recent failures (id, method, target, error), newest first.
    public var recentErrors: [(id: Int64, method: String, target: String, state: OutboxRecord.State, error: String)]

    public static func == (lhs: OutboxStatus, rhs: OutboxStatus) -> Bool {
        lhs.counts == rhs.counts && lhs.oldestPendingAge == rhs.oldestPendingAge
            && lhs.recentErrors.map(\.id) == rhs.recentErrors.map(\.id)
    }
}
