import GRDB

extension AppDatabase {
    /// Named, append-only migrations. A shipped migration is never edited: add a new one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-events-and-sink") { db in
            try db.execute(
                sql: """
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
                    """)
        }
        migrator.registerMigration("v2-outbox") { db in
            try db.execute(
                sql: """
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
                    """)
        }
        migrator.registerMigration("v3-directory-and-deals") { db in
            try db.execute(
                sql: """
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
                    """)
        }
        migrator.registerMigration("v4-certifications") { db in
            try db.execute(
                sql: """
                    CREATE TABLE certification (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        team_id TEXT NOT NULL,
                        user_id TEXT NOT NULL,
                        org TEXT NOT NULL REFERENCES partner_org(org) ON DELETE CASCADE,
                        track TEXT NOT NULL,
                        state TEXT NOT NULL CHECK (state IN ('in_progress', 'claimed', 'active', 'rejected', 'revoked')),
                        earned_on TEXT,
                        expires_on TEXT,
                        credential TEXT,
                        decided_by TEXT,
                        reason TEXT,
                        created_at DATETIME NOT NULL,
                        updated_at DATETIME NOT NULL,
                        CHECK (state != 'active' OR (earned_on IS NOT NULL AND expires_on IS NOT NULL AND expires_on > earned_on))
                    );
                    CREATE UNIQUE INDEX certification_open_claim ON certification(team_id, user_id, track) WHERE state = 'claimed';
                    CREATE UNIQUE INDEX certification_earned ON certification(team_id, user_id, track, earned_on) WHERE state IN ('active', 'revoked');
                    CREATE INDEX certification_person ON certification(user_id, track);
                    CREATE INDEX certification_org ON certification(org, track, state);
                    CREATE INDEX certification_expiry ON certification(expires_on) WHERE state = 'active';
                    CREATE TABLE certification_audit (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        certification_id INTEGER NOT NULL REFERENCES certification(id),
                        at DATETIME NOT NULL,
                        actor TEXT NOT NULL,
                        action TEXT NOT NULL,
                        detail TEXT
                    );
                    CREATE INDEX certification_audit_certification ON certification_audit(certification_id, id);
                    """)
        }
        migrator.registerMigration("v5-alerts") { db in
            try db.execute(
                sql: """
                    CREATE TABLE alert_ledger (
                        subject TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        threshold TEXT NOT NULL,
                        fired_at DATETIME NOT NULL,
                        PRIMARY KEY (subject, kind, threshold)
                    ) WITHOUT ROWID;
                    CREATE INDEX deal_status_created ON deal(status, created_at);
                    CREATE INDEX deal_pending_due ON deal(sla_due_at) WHERE status = 'pending';
                    CREATE INDEX deal_org_created ON deal(org, created_at);
                    """)
        }
        migrator.registerMigration("v6-announcements") { db in
            try db.execute(
                sql: """
                    CREATE TABLE announcement (
                        id TEXT PRIMARY KEY NOT NULL,
                        title TEXT NOT NULL,
                        body TEXT NOT NULL,
                        content_hash TEXT NOT NULL,
                        deliver_to TEXT NOT NULL CHECK (deliver_to IN ('channel', 'members')),
                        requires_ack BOOLEAN NOT NULL,
                        remind_after_seconds INTEGER,
                        expires TEXT,
                        requires_certification TEXT,
                        audience TEXT NOT NULL,
                        first_sent_at DATETIME NOT NULL,
                        updated_at DATETIME NOT NULL,
                        sent_by TEXT NOT NULL
                    );
                    CREATE TABLE announcement_target (
                        announcement_id TEXT NOT NULL REFERENCES announcement(id) ON DELETE CASCADE,
                        recipient TEXT NOT NULL,
                        org TEXT NOT NULL REFERENCES partner_org(org) ON DELETE CASCADE,
                        user_id TEXT,
                        message_key TEXT NOT NULL,
                        content_hash TEXT NOT NULL,
                        created_at DATETIME NOT NULL,
                        reminded_at DATETIME,
                        PRIMARY KEY (announcement_id, recipient)
                    ) WITHOUT ROWID;
                    CREATE INDEX announcement_target_org ON announcement_target(announcement_id, org);
                    CREATE TABLE announcement_org (
                        announcement_id TEXT NOT NULL REFERENCES announcement(id) ON DELETE CASCADE,
                        org TEXT NOT NULL REFERENCES partner_org(org) ON DELETE CASCADE,
                        reachable BOOLEAN NOT NULL,
                        PRIMARY KEY (announcement_id, org)
                    ) WITHOUT ROWID;
                    CREATE TABLE announcement_ack (
                        announcement_id TEXT NOT NULL REFERENCES announcement(id) ON DELETE CASCADE,
                        user_id TEXT NOT NULL,
                        team_id TEXT NOT NULL,
                        org TEXT NOT NULL REFERENCES partner_org(org) ON DELETE CASCADE,
                        at DATETIME NOT NULL,
                        PRIMARY KEY (announcement_id, user_id)
                    ) WITHOUT ROWID;
                    CREATE INDEX announcement_ack_org ON announcement_ack(announcement_id, org);
                    """)
        }
        migrator.registerMigration("v7-outbox-heads") { db in
            // One row per target with open messages: its oldest open message (the only one that may
            // be sent next, keeping per-channel order) and when that one is due. Kept exact by
            // triggers, so the worker finds work in O(targets) whatever the queue length, and every
            // writer (server, CLI, another process) keeps it right.
            try db.execute(
                sql: """
                    CREATE TABLE outbox_head (
                        target TEXT PRIMARY KEY NOT NULL,
                        head_id INTEGER NOT NULL,
                        due_at DATETIME NOT NULL
                    ) WITHOUT ROWID;
                    CREATE INDEX outbox_head_due ON outbox_head(due_at);
                    INSERT INTO outbox_head (target, head_id, due_at)
                        SELECT o.target, o.id, CASE o.state WHEN 'pending' THEN o.next_attempt_at ELSE '9999-12-31' END
                        FROM outbox o
                        WHERE o.id = (SELECT MIN(p.id) FROM outbox p WHERE p.target = o.target AND p.state IN ('pending', 'sending'));
                    CREATE TRIGGER outbox_head_insert AFTER INSERT ON outbox WHEN NEW.state IN ('pending', 'sending') BEGIN
                        INSERT INTO outbox_head (target, head_id, due_at)
                            VALUES (NEW.target, NEW.id, CASE NEW.state WHEN 'pending' THEN NEW.next_attempt_at ELSE '9999-12-31' END)
                            ON CONFLICT(target) DO NOTHING;
                    END;
                    CREATE TRIGGER outbox_head_update AFTER UPDATE OF state, next_attempt_at ON outbox BEGIN
                        DELETE FROM outbox_head WHERE target = NEW.target;
                        INSERT INTO outbox_head (target, head_id, due_at)
                            SELECT target, id, CASE state WHEN 'pending' THEN next_attempt_at ELSE '9999-12-31' END
                            FROM outbox WHERE target = NEW.target AND state IN ('pending', 'sending') ORDER BY id LIMIT 1;
                    END;
                    CREATE TRIGGER outbox_head_delete AFTER DELETE ON outbox BEGIN
                        DELETE FROM outbox_head WHERE target = OLD.target;
                        INSERT INTO outbox_head (target, head_id, due_at)
                            SELECT target, id, CASE state WHEN 'pending' THEN next_attempt_at ELSE '9999-12-31' END
                            FROM outbox WHERE target = OLD.target AND state IN ('pending', 'sending') ORDER BY id LIMIT 1;
                    END;
                    """)
        }
        migrator.registerMigration("v8-outbox-templates") { db in
            // A message rendered when it is sent rather than when it is enqueued (e.g. a deal's
            // review notice: `deal-review:<id>`), so it shows the subject as it is then, and the
            // write that enqueues it stays small.
            try db.execute(sql: "ALTER TABLE outbox ADD COLUMN template TEXT")
        }
        migrator.registerMigration("v9-deal-lookup-indexes") { db in
            // Registration looks customers up among active registrations (the unique partial
            // indexes) and among conflicts; indexes over every status made each new deal dirty two
            // more random index pages than those lookups need.
            try db.execute(
                sql: """
                    DROP INDEX deal_customer;
                    DROP INDEX deal_domain;
                    CREATE INDEX deal_conflict_customer ON deal(customer_key) WHERE status = 'conflict';
                    CREATE INDEX deal_conflict_domain ON deal(domain) WHERE domain IS NOT NULL AND status = 'conflict';
                    """)
        }
        migrator.registerMigration("v10-outbox-indexes") { db in
            // Since v7 the worker finds due messages through `outbox_head`: the two indexes over
            // pending rows only cost every enqueue, claim and retry two more B-tree writes. Open
            // rows (pending or sending) stay indexed by `outbox_open_by_target`.
            try db.execute(
                sql: """
                    DROP INDEX outbox_pending;
                    DROP INDEX outbox_pending_due;
                    """)
        }
        migrator.registerMigration("v11-alert-ledger-evaluated-at") { db in
            // A pass run by hand for another moment (`alerts run --as-of`) records both times:
            // `fired_at` when it ran, `evaluated_at` the moment it evaluated (NULL on older rows,
            // which were written by live passes where the two are the same).
            try db.execute(sql: "ALTER TABLE alert_ledger ADD COLUMN evaluated_at DATETIME")
        }
        migrator.registerMigration("v12-outbox-claimed-by") { db in
            // Which process (host/pid/start/instance) claimed a row being sent: several processes
            // deliver from one database, and each must tell a delivery under way elsewhere from
            // one abandoned by a process that died (NULL on rows claimed before this version).
            try db.execute(sql: "ALTER TABLE outbox ADD COLUMN claimed_by TEXT")
        }
        migrator.registerMigration("v13-sink-message-out-of-production") { db in
            // The local chat sink of dev mode keeps its messages in its own file now
            // (`chat-sink.sqlite`). Production databases lose the table they never used; a dev
            // database that holds sink messages keeps them.
            let used = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM sink_message)") ?? false
            if !used { try db.execute(sql: "DROP TABLE sink_message") }
        }
        return migrator
    }
}
