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
    /// ``holdReviewDispatch(_:)`` makes it so. Imported deals (history) get no
    /// review. The reviews render when they are sent, from the deal as it is then.
    /// - Returns: How many deals were dispatched; `limit` means more may be waiting.
    @discardableResult
    public func dispatchDealReviews(settings: DealSettings, now: Date, limit: Int = reviewDispatchBatch) async throws -> Int {
        try await store.write(excluding: Self.reviewDispatchLock) { db in
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

    /// The advisory lock registrations hold shared and a review dispatch exclusively on
    /// PostgreSQL ("pbreview" in ASCII).
    static let reviewDispatchLock: Int64 = 0x7062_7265_7669_6577

    /// Readies the review dispatch for the deal this transaction is about to register (before
    /// any write, so it waits holding nothing). On PostgreSQL several instances take ids in one
    /// order and commit them in another: a dispatch could see a newer deal, move the cursor past
    /// an older one not committed yet, and that deal would never get its reviews. So a
    /// registration holds the review lock shared until it commits, and a dispatch takes it
    /// exclusively before its transaction begins: it starts once the registrations under way
    /// have committed, sees all of them, and registrations arriving meanwhile wait for it
    /// before taking an id. (Without conflicts between the two, a dispatch also goes through
    /// during a burst of registrations.) SQLite's one writer commits ids in order.
    func holdReviewDispatch(_ db: any SQLDatabase) throws {
        if db.dialect == .postgres {
            try db.cachedStatement(sql: "SELECT pg_advisory_xact_lock_shared(\(Self.reviewDispatchLock))").execute()
        }
    }

    /// Wakes the dispatcher when the registering transaction commits.
    func wakeReviewDispatchAfterCommit(_ db: any SQLDatabase) {
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
