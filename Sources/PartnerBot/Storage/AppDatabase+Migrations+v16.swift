import GRDB

extension AppDatabase {
    /// `v16-crm-sync`: the CRM sync queue (one row per deal: the latest version to push and the
    /// last one the CRM confirmed), CRM webhook deliveries already applied, and open opportunities
    /// the CRM already had for a registration's customer.
    static func v16CRMSync(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE crm_sync (
                    deal_id INTEGER PRIMARY KEY NOT NULL REFERENCES deal(id) ON DELETE CASCADE,
                    version INTEGER NOT NULL CHECK (version >= 1),
                    synced_version INTEGER NOT NULL DEFAULT 0,
                    state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'synced', 'dead')),
                    attempts INTEGER NOT NULL DEFAULT 0,
                    next_attempt_at DATETIME NOT NULL,
                    claimed_by TEXT,
                    last_error TEXT,
                    crm_id TEXT,
                    company_linked INTEGER NOT NULL DEFAULT 0,
                    lookup_state TEXT NOT NULL DEFAULT 'none' CHECK (lookup_state IN ('none', 'pending', 'checking', 'done', 'failed')),
                    lookup_attempts INTEGER NOT NULL DEFAULT 0,
                    lookup_after DATETIME,
                    updated_at DATETIME NOT NULL,
                    synced_at DATETIME
                ) WITHOUT ROWID;
                CREATE INDEX crm_sync_due ON crm_sync(next_attempt_at) WHERE state = 'pending';
                CREATE INDEX crm_sync_lookup ON crm_sync(deal_id) WHERE lookup_state = 'pending';
                CREATE UNIQUE INDEX crm_sync_crm_id ON crm_sync(crm_id) WHERE crm_id IS NOT NULL;
                CREATE TABLE crm_event (
                    event_key TEXT PRIMARY KEY NOT NULL,
                    source TEXT NOT NULL,
                    deal_id INTEGER,
                    occurred_at DATETIME,
                    received_at DATETIME NOT NULL,
                    outcome TEXT NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX crm_event_deal ON crm_event(deal_id, occurred_at) WHERE deal_id IS NOT NULL;
                CREATE TABLE crm_match (
                    deal_id INTEGER NOT NULL REFERENCES deal(id) ON DELETE CASCADE,
                    crm_id TEXT NOT NULL,
                    name TEXT NOT NULL,
                    stage TEXT,
                    owner TEXT,
                    found_at DATETIME NOT NULL,
                    PRIMARY KEY (deal_id, crm_id)
                ) WITHOUT ROWID;
                """)
    }
}
