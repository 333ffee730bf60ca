import GRDB

extension AppDatabase {
    /// `v15-deal-notice-threads`.
    static func v15DealNoticeThreads(_ db: Database) throws {
        // A reply in the thread under a deal's notice names the notice by its ts: find the deal
        // from it without reading every message ever sent (only delivered deal notices are indexed).
        try db.execute(
            sql: """
                CREATE INDEX outbox_deal_notice_ts ON outbox(result_ts)
                WHERE result_ts IS NOT NULL AND dedupe_key LIKE 'deal:%:notice:%'
                """)
    }
}
