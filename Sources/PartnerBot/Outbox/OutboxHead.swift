import GRDB

/// A target's oldest open message, as the worker sees it when choosing what to claim: just
/// enough to skip paced targets and rate-limited methods without reading the row whole.
struct OutboxHead: Sendable, Equatable {
    /// The outbox row id.
    var id: Int64
    /// Channel, user or URL.
    var target: String
    /// Web API method.
    var method: String
    /// The installation it is sent through (`nil`: the configured token).
    var workspace: String?

    /// What its Web API rate limit applies to (see ``OutboxRateKey``).
    var rateKey: String { OutboxRateKey.of(method: method, workspace: workspace) }

    /// Due heads whose message is pending, oldest first.
    ///
    /// On PostgreSQL, heads held for every instance (``OutboxHold``: a channel paced, a rate key
    /// limited) are left out, and a claim (`locking`) locks the heads it returns and skips those
    /// another instance's claim holds (`FOR UPDATE … SKIP LOCKED`): instances claim different
    /// channels instead of waiting for, then conflicting with, each other. `o.state = 'pending'`
    /// is in the locked rows' condition, so a head another claim just took is re-checked and dropped.
    /// - Parameters:
    ///   - due: The due time (stored form).
    ///   - limit: The most heads to return.
    static func fetchDue(_ db: any SQLDatabase, due: SQLValue, limit: Int, locking: Bool = false) throws -> [OutboxHead] {
        let postgres = db.dialect == .postgres
        let held = postgres ? "AND NOT \(OutboxHold.holdsHead)" : ""
        let lock = locking && postgres ? "FOR UPDATE OF h, o SKIP LOCKED" : ""
        let statement = db.cachedStatement(
            sql: """
                SELECT o.id, o.target, o.method, o.workspace FROM outbox_head h JOIN outbox o ON o.id = h.head_id
                WHERE h.due_at <= ? AND o.state = 'pending' \(held)
                ORDER BY h.head_id
                LIMIT ? \(lock)
                """)
        var heads: [OutboxHead] = []
        let arguments: SQLArguments = postgres ? [due, due, limit] : [due, limit]
        try statement.database.forEachRow(sql: statement.sql, arguments: arguments) { row in
            heads.append(OutboxHead(id: row[0], target: row[1], method: row[2], workspace: row[3]))
        }
        return heads
    }
}

/// What a Web API rate limit applies to: a method in one workspace (Slack limits an app's calls
/// per method and workspace, so one workspace's 429 must not hold back another's messages).
/// Messages sent with the configured token (no installation) share the method's key.
enum OutboxRateKey {
    static func of(method: String, workspace: String?) -> String {
        workspace.map { "\(method) \($0)" } ?? method
    }
}
