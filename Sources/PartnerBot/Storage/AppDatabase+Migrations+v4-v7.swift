import GRDB

extension AppDatabase {
    /// `v4-certifications`.
    static func v4Certifications(_ db: Database) throws {
        try db.execute(sql: v4CertificationsSQL)
    }

    private static let v4CertificationsSQL = """
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
        """

    /// `v5-alerts`.
    static func v5Alerts(_ db: Database) throws {
        try db.execute(sql: v5AlertsSQL)
    }

    private static let v5AlertsSQL = """
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
        """

    /// `v6-announcements`.
    static func v6Announcements(_ db: Database) throws {
        try db.execute(sql: v6AnnouncementsSQL)
    }

    private static let v6AnnouncementsSQL = """
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
        """

    /// `v7-outbox-heads`.
    static func v7OutboxHeads(_ db: Database) throws {
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
}
