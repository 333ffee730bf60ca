import GRDB

extension AppDatabase {
    /// `v1-events-and-sink`.
    static func v1EventsAndSink(_ db: Database) throws {
        try db.execute(sql: v1EventsAndSinkSQL)
    }

    private static let v1EventsAndSinkSQL = """
            CREATE TABLE processed_event (
                event_id TEXT PRIMARY KEY NOT NULL,
                team_id TEXT,
                type TEXT NOT NULL,
                received_at REAL NOT NULL
            ) WITHOUT ROWID;
            CREATE TABLE sink_message (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                method TEXT NOT NULL,
                target TEXT,
                text TEXT NOT NULL,
                body TEXT NOT NULL,
                ts TEXT NOT NULL,
                created_at REAL NOT NULL
            );
        """

    /// `v2-outbox`.
    static func v2Outbox(_ db: Database) throws {
        try db.execute(sql: v2OutboxSQL)
    }

    private static let v2OutboxSQL = """
            CREATE TABLE outbox (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                dedupe_key TEXT NOT NULL UNIQUE,
                method TEXT NOT NULL,
                target TEXT NOT NULL,
                payload TEXT NOT NULL,
                reference TEXT,
                state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'dead')),
                attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
                next_attempt_at DATETIME NOT NULL,
                last_error TEXT,
                result_ts TEXT,
                result_channel TEXT,
                created_at DATETIME NOT NULL,
                updated_at DATETIME NOT NULL,
                sent_at DATETIME
            );
            CREATE INDEX outbox_pending ON outbox(id) WHERE state = 'pending';
            CREATE INDEX outbox_pending_due ON outbox(next_attempt_at) WHERE state = 'pending';
            CREATE INDEX outbox_open_by_target ON outbox(target, id) WHERE state IN ('pending', 'sending');
        """

    /// `v3-directory-and-deals`.
    static func v3DirectoryAndDeals(_ db: Database) throws {
        try db.execute(sql: v3DirectoryAndDealsSQL)
    }

    private static let v3DirectoryAndDealsSQL = """
            CREATE TABLE partner_org (
                org TEXT PRIMARY KEY NOT NULL CHECK (length(org) BETWEEN 1 AND 64),
                name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
                type TEXT NOT NULL CHECK (type IN ('referral', 'reseller', 'marketplace', 'si', 'msp', 'tech')),
                tier TEXT NOT NULL,
                region TEXT NOT NULL,
                team_id TEXT,
                channel_id TEXT,
                manager TEXT,
                created_at DATETIME NOT NULL,
                updated_at DATETIME NOT NULL
            );
            CREATE UNIQUE INDEX partner_org_team ON partner_org(team_id) WHERE team_id IS NOT NULL;
            CREATE INDEX partner_org_manager ON partner_org(manager);
            CREATE TABLE member (
                team_id TEXT NOT NULL,
                user_id TEXT NOT NULL,
                org TEXT NOT NULL REFERENCES partner_org(org) ON DELETE CASCADE,
                role TEXT NOT NULL,
                created_at DATETIME NOT NULL,
                PRIMARY KEY (team_id, user_id)
            ) WITHOUT ROWID;
            CREATE INDEX member_org ON member(org);
            CREATE TABLE incumbent (
                org TEXT NOT NULL REFERENCES partner_org(org) ON DELETE CASCADE,
                customer_key TEXT NOT NULL,
                customer_name TEXT NOT NULL,
                created_at DATETIME NOT NULL,
                PRIMARY KEY (org, customer_key)
            ) WITHOUT ROWID;
            CREATE INDEX incumbent_customer ON incumbent(customer_key);
            CREATE TABLE deal (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                org TEXT NOT NULL REFERENCES partner_org(org),
                customer_name TEXT NOT NULL,
                customer_key TEXT NOT NULL CHECK (length(customer_key) > 0),
                domain TEXT,
                amount_minor INTEGER CHECK (amount_minor IS NULL OR amount_minor > 0),
                currency TEXT,
                close_date TEXT,
                contact TEXT,
                motion TEXT,
                source TEXT,
                note TEXT,
                status TEXT NOT NULL CHECK (status IN ('pending', 'needs_info', 'approved', 'declined', 'conflict', 'won', 'lost', 'expired')),
                stage TEXT,
                submitted_by TEXT NOT NULL,
                submitted_team TEXT NOT NULL,
                channel_id TEXT,
                created_at DATETIME NOT NULL,
                updated_at DATETIME NOT NULL,
                sla_due_at DATETIME NOT NULL,
                decided_at DATETIME,
                decided_by TEXT,
                reason TEXT,
                question TEXT,
                protection_start DATETIME,
                protection_end DATETIME,
                extensions INTEGER NOT NULL DEFAULT 0 CHECK (extensions >= 0),
                conflict_with INTEGER REFERENCES deal(id),
                CHECK (status NOT IN ('approved', 'won', 'lost', 'expired') OR protection_end IS NOT NULL)
            );
            CREATE UNIQUE INDEX deal_active_customer ON deal(customer_key) WHERE status IN ('pending', 'needs_info', 'approved');
            CREATE UNIQUE INDEX deal_active_domain ON deal(domain) WHERE domain IS NOT NULL AND status IN ('pending', 'needs_info', 'approved');
            CREATE INDEX deal_customer ON deal(customer_key);
            CREATE INDEX deal_domain ON deal(domain) WHERE domain IS NOT NULL;
            CREATE INDEX deal_protection ON deal(protection_end) WHERE status = 'approved';
            CREATE TABLE deal_audit (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                deal_id INTEGER NOT NULL REFERENCES deal(id),
                at DATETIME NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                from_status TEXT,
                to_status TEXT,
                detail TEXT
            );
            CREATE INDEX deal_audit_deal ON deal_audit(deal_id, id);
        """
}
