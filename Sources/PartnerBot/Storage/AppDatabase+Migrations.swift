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
        return migrator
    }
}
