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
                    CREATE INDEX outbox_open_by_target ON outbox(target, id) WHERE state IN ('pending', 'sending');
                    CREATE INDEX outbox_state ON outbox(state);
                    """)
        }
        return migrator
    }
}
