import GRDB

extension AppDatabase {
    /// `v27-deal-review-dispatch`: a registration commits its deal alone; its review notices are
    /// enqueued afterwards, for many registrations in one transaction. The cursor is the last
    /// deal whose reviews were dispatched. Deals registered before this migration had their
    /// notices enqueued with them, so the cursor starts after the newest deal.
    static func v27DealReviewDispatch(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE deal_review_cursor (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    dispatched_through INTEGER NOT NULL
                );
                INSERT INTO deal_review_cursor (id, dispatched_through) VALUES (1, COALESCE((SELECT MAX(id) FROM deal), 0));
                """)
    }
}
