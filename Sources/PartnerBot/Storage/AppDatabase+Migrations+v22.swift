import GRDB

extension AppDatabase {
    /// `v22-earnings`: the earnings ledger — one row per earning (a won deal's commission, later
    /// approved SPIFF and MDF claims), its state, amount in minor units and currency — and the
    /// audit of every state change.
    static func v22Earnings(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE earning (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    org TEXT NOT NULL REFERENCES partner_org(org),
                    source TEXT NOT NULL CHECK (source IN ('commission', 'spiff', 'mdf')),
                    reference TEXT NOT NULL,
                    deal_id INTEGER REFERENCES deal(id),
                    amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
                    currency TEXT NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('earned', 'approved', 'paid', 'reversed')),
                    detail TEXT,
                    created_at DATETIME NOT NULL,
                    updated_at DATETIME NOT NULL,
                    UNIQUE (source, reference)
                );
                CREATE INDEX earning_org ON earning(org, created_at);
                CREATE TABLE earning_event (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    earning_id INTEGER NOT NULL REFERENCES earning(id),
                    at DATETIME NOT NULL,
                    actor TEXT NOT NULL,
                    from_state TEXT,
                    to_state TEXT NOT NULL,
                    detail TEXT
                );
                CREATE INDEX earning_event_earning ON earning_event(earning_id, id);
                """)
    }
}
