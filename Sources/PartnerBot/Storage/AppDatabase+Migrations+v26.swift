import GRDB

extension AppDatabase {
    /// `v26-open-deals-by-age`: the approval queue (`/deal pending`, a manager's `/deal status`)
    /// reads only open registrations, whatever the number of deals decided before: in age order
    /// for program managers (stopping at the page), by organisation for the managers of some.
    static func v26OpenDealsByAge(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE INDEX deal_open_created ON deal(created_at, id) WHERE status IN ('pending', 'needs_info', 'conflict');
                CREATE INDEX deal_open_org ON deal(org, created_at, id) WHERE status IN ('pending', 'needs_info', 'conflict');
                """)
    }
}
