import GRDB

extension AppDatabase {
    /// `v18-deal-reporting`: when a deal was closed (won or lost), filled in from the history for
    /// deals closed before, and the index period reports scan registrations by.
    static func v18DealReporting(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE deal ADD COLUMN closed_at DATETIME;
                UPDATE deal SET closed_at = (
                    SELECT MAX(a.at) FROM deal_audit a WHERE a.deal_id = deal.id AND a.action IN ('won', 'lost')
                ) WHERE status IN ('won', 'lost');
                UPDATE deal SET closed_at = updated_at WHERE status IN ('won', 'lost') AND closed_at IS NULL;
                CREATE INDEX deal_created ON deal(created_at);
                """)
    }
}
