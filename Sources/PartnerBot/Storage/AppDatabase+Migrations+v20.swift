import GRDB

extension AppDatabase {
    /// `v20-tier-decisions`: the quarterly tier review's decisions, one per organisation and
    /// quarter (a double click finds it taken), kept as the organisation's tier history.
    static func v20TierDecisions(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE tier_decision (
                    org TEXT NOT NULL REFERENCES partner_org(org),
                    quarter TEXT NOT NULL,
                    decision TEXT NOT NULL CHECK (decision IN ('applied', 'kept')),
                    from_tier TEXT NOT NULL,
                    to_tier TEXT NOT NULL,
                    decided_by TEXT NOT NULL,
                    decided_at DATETIME NOT NULL,
                    PRIMARY KEY (org, quarter)
                ) WITHOUT ROWID;
                """)
    }
}
