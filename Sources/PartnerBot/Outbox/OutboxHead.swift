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

    /// Due heads whose message is pending, oldest first.
    /// - Parameter arguments: The due time (stored form) and the most heads to return.
    static func fetchDue(_ db: Database, arguments: StatementArguments) throws -> [OutboxHead] {
        let statement = try db.cachedStatement(
            sql: """
                SELECT o.id, o.target, o.method FROM outbox_head h JOIN outbox o ON o.id = h.head_id
                WHERE h.due_at <= ? AND o.state = 'pending'
                ORDER BY h.head_id
                LIMIT ?
                """)
        var heads: [OutboxHead] = []
        let rows = try Row.fetchCursor(statement, arguments: arguments)
        while let row = try rows.next() {
            heads.append(OutboxHead(id: row[0], target: row[1], method: row[2]))
        }
        return heads
    }
}
