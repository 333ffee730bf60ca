import GRDB

extension AppDatabase {
    /// `v24-health-probe`: one row `/health` rewrites (with 256 KiB of ballast it frees again) to
    /// learn whether writes that need room work again after they failed (a full disk freed, a
    /// read-only file made writable).
    static func v24HealthProbe(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE health_probe (id INTEGER PRIMARY KEY CHECK (id = 1), at DATETIME NOT NULL, ballast BLOB);
                INSERT INTO health_probe (id, at) VALUES (1, CURRENT_TIMESTAMP);
                """)
    }
}
