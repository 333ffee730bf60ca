import GRDB

extension AppDatabase {
    /// `v28-outbox-hold`: until when a channel is paced or a rate key (method and workspace)
    /// rate-limited, for every instance delivering from the database. Each process also keeps
    /// these in memory; PostgreSQL instances share them here (SQLite's processes are one host's,
    /// and the table stays empty there).
    static func v28OutboxHold(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE outbox_hold (
                    key TEXT PRIMARY KEY,
                    held_until DATETIME NOT NULL
                )
                """)
    }
}
