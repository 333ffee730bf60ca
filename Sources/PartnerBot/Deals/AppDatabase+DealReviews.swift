import Foundation

extension AppDatabase {
    /// How many deals one review dispatch takes at most.
    public static let reviewDispatchBatch = 1_000

    /// Enqueues the review notices (the organisation's manager, the managers' channel) of deals
    /// registered since the last dispatch, oldest first. The cursor moves in the same
    /// transaction, so a deal's reviews are enqueued exactly once: a dispatch that does not
    /// commit leaves its deals to the next one.
    ///
    /// Deals are numbered in commit order on SQLite (one writer), so every registration committed
    /// before this transaction has an id at most the newest id it sees; on PostgreSQL,
    /// ``awaitReviewDispatch(_:)`` makes it so. Imported deals (history) get no
    /// review. The reviews render when they are sent, from the deal as it is then.
    /// - Returns: How many deals were dispatched; `limit` means more may be waiting.
    @discardableResult
    public func dispatchDealReviews(settings: DealSettings, now: Date, limit: Int = reviewDispatchBatch) async throws -> Int {
        try await store.groupWrite { db in
            let cursor = try Int64.fetchOne(db, sql: "SELECT dispatched_through FROM deal_review_cursor WHERE id = 1") ?? 0
            let rows = try SQLRow.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT d.id, p.manager FROM deal d LEFT JOIN partner_org p ON p.org = d.org
                        WHERE d.id > ? AND d.import_key IS NULL ORDER BY d.id LIMIT ?
                        """),
                arguments: [cursor, limit])
            for row in rows {
                let id: Int64 = row[0]
                for (copy, target) in self.reviewTargets(manager: row[1], settings: settings) {
                    try self.enqueue(.post(.dealReview(id), to: target, dedupeKey: "deal:\(id):review:\(copy)"), in: db, now: now)
                }
            }
            // A short batch saw every deal there is (imported ones skipped): move past them all.
            let through = rows.count == limit ? rows.last?[0] : try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM deal")
            if let through, through > cursor {
                try db.execute(sql: "UPDATE deal_review_cursor SET dispatched_through = ? WHERE id = 1", arguments: [through])
            }
            return rows.count
        }
    }

    /// Readies the review dispatch for the deal this transaction registers: wakes the dispatcher
    /// when it commits, and, on PostgreSQL, reads the cursor. Several instances there commit ids
    /// out of order, so a dispatch could move the cursor past an id not yet committed and never
    /// send its reviews; having read the cursor, this transaction and such a dispatch form a
    /// cycle serializable isolation refuses, and the one rolled back runs again (a registration
    /// then takes a newer id). SQLite's one writer commits ids in order.
    func awaitReviewDispatch(_ db: any SQLDatabase) throws {
        if db.dialect == .postgres {
            _ = try Int64.fetchOne(db.cachedStatement(sql: "SELECT dispatched_through FROM deal_review_cursor WHERE id = 1"))
        }
        reviewWake.notifyOnCommit(db)
    }

    /// How many registered deals wait for their review notices.
    public func dealReviewsWaiting() async throws -> Int {
        try await store.read { db in
            try Int.fetchOne(
                db,
                sql: "SELECT COUNT(*) FROM deal WHERE import_key IS NULL AND id > (SELECT dispatched_through FROM deal_review_cursor WHERE id = 1)"
            ) ?? 0
        }
    }
}
