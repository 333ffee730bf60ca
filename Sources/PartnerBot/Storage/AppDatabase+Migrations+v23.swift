import GRDB

extension AppDatabase {
    /// `v23-claims`: SPIFF claims and MDF requests (one table, a kind each), the audit of every
    /// state change, the payment reference of a paid earning, and a SPIFF announcement's claim
    /// window (for the Claim buttons).
    static func v23Claims(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE claim (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    kind TEXT NOT NULL CHECK (kind IN ('spiff', 'mdf')),
                    org TEXT NOT NULL REFERENCES partner_org(org),
                    announcement_id TEXT,
                    deal_id INTEGER REFERENCES deal(id),
                    amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
                    currency TEXT NOT NULL,
                    activity TEXT,
                    activity_date TEXT,
                    budget_quarter TEXT,
                    proof TEXT,
                    note TEXT,
                    state TEXT NOT NULL CHECK (state IN ('submitted', 'approved', 'rejected', 'claimed', 'completed')),
                    reason TEXT,
                    submitted_by TEXT NOT NULL,
                    decided_by TEXT,
                    created_at DATETIME NOT NULL,
                    updated_at DATETIME NOT NULL,
                    CHECK ((kind = 'spiff') = (announcement_id IS NOT NULL AND deal_id IS NOT NULL))
                );
                CREATE UNIQUE INDEX claim_spiff_deal ON claim(announcement_id, deal_id) WHERE kind = 'spiff' AND state <> 'rejected';
                CREATE INDEX claim_org ON claim(org, kind, state);
                CREATE INDEX claim_waiting ON claim(state, id) WHERE state IN ('submitted', 'claimed');
                CREATE TABLE claim_event (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    claim_id INTEGER NOT NULL REFERENCES claim(id),
                    at DATETIME NOT NULL,
                    actor TEXT NOT NULL,
                    from_state TEXT,
                    to_state TEXT NOT NULL,
                    detail TEXT
                );
                CREATE INDEX claim_event_claim ON claim_event(claim_id, id);
                ALTER TABLE earning ADD COLUMN payment_reference TEXT;
                CREATE INDEX earning_state ON earning(state, org);
                ALTER TABLE announcement ADD COLUMN spiff_start TEXT;
                ALTER TABLE announcement ADD COLUMN spiff_end TEXT;
                """)
    }
}
