import GRDB

extension AppDatabase {
    /// `v25-outbox-retention`: sent messages older than the retention are pruned; what later
    /// edits and thread replies need of a pruned post (its key, channel and ts) stays in
    /// `outbox_sent_ref`, and `outbox_message` reads both. Deleting a sent row no longer
    /// recomputes its target's head (only open rows are heads).
    static func v25OutboxRetention(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE outbox_sent_ref (
                    dedupe_key TEXT PRIMARY KEY NOT NULL,
                    target TEXT NOT NULL,
                    result_ts TEXT,
                    result_channel TEXT,
                    sent_at DATETIME
                ) WITHOUT ROWID;
                CREATE INDEX outbox_sent_ref_deal_notice_ts ON outbox_sent_ref(result_ts)
                    WHERE result_ts IS NOT NULL AND dedupe_key LIKE 'deal:%:notice:%';
                CREATE INDEX outbox_sent_at ON outbox(sent_at) WHERE state = 'sent';
                CREATE VIEW outbox_message (dedupe_key, target, state, result_ts, result_channel) AS
                    SELECT dedupe_key, target, state, result_ts, result_channel FROM outbox
                    UNION ALL
                    SELECT dedupe_key, target, 'sent', result_ts, result_channel FROM outbox_sent_ref;
                DROP TRIGGER outbox_head_delete;
                CREATE TRIGGER outbox_head_delete AFTER DELETE ON outbox WHEN OLD.state IN ('pending', 'sending') BEGIN
                    DELETE FROM outbox_head WHERE target = OLD.target;
                    INSERT INTO outbox_head (target, head_id, due_at)
                        SELECT target, id, CASE state WHEN 'pending' THEN next_attempt_at ELSE '9999-12-31' END
                        FROM outbox WHERE target = OLD.target AND state IN ('pending', 'sending') ORDER BY id LIMIT 1;
                END;
                """)
    }
}
