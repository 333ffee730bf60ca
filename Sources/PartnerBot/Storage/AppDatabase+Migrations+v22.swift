import GRDB

extension AppDatabase {
    /// `v22-rollup-watermark`: new registrations no longer touch the report rollup when they are
    /// written (that cost every registration an upsert); a background step folds deals above a
    /// watermark into it, changes to deals already folded keep it current, and reports read the
    /// deals above the watermark directly.
    static func v22RollupWatermark(_ db: Database) throws {
        try db.execute(
            sql: """
                DROP TRIGGER deal_rollup_insert;
                DROP TRIGGER deal_rollup_update;
                DROP TRIGGER deal_rollup_delete;
                CREATE TABLE deal_rollup_mark (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    upto INTEGER NOT NULL
                );
                INSERT INTO deal_rollup_mark (id, upto) VALUES (1, COALESCE((SELECT MAX(id) FROM deal), 0));
                \(DealRollupSQL.foldedTriggers)
                """)
    }
}

extension DealRollupSQL {
    static let mark = "(SELECT upto FROM deal_rollup_mark WHERE id = 1)"

    /// Changes to folded deals move the rollup; deals above the watermark wait for the fold.
    static var foldedTriggers: String {
        let changed = watched.map { "OLD.\($0) IS NOT NEW.\($0)" }.joined(separator: " OR ")
        return """
            CREATE TRIGGER deal_rollup_delete AFTER DELETE ON deal WHEN OLD.id <= \(mark) BEGIN \(upsert("OLD", sign: "-1")) END;
            CREATE TRIGGER deal_rollup_update AFTER UPDATE ON deal WHEN OLD.id <= \(mark) AND (\(changed)) BEGIN
                \(upsert("OLD", sign: "-1"))
                \(upsert("NEW", sign: "1"))
            END;
            """
    }

    /// Folds the deals with ids in `(?, ?]` into the rollup (arguments: the watermark and the new one).
    static let fold = """
        INSERT INTO deal_rollup (month, org, currency, source, \(columns))
        SELECT substr(created_at, 1, 7), org, COALESCE(currency, ''), COALESCE(source, ''), COUNT(*),
               SUM(protection_start IS NOT NULL), SUM(status = 'declined'), SUM(conflict_with IS NOT NULL), SUM(status = 'expired'),
               SUM(status = 'won'), SUM(status = 'lost'),
               SUM(decided_at IS NOT NULL AND (protection_start IS NOT NULL OR status = 'declined') AND decided_at <= sla_due_at),
               SUM(CASE WHEN status = 'approved' THEN COALESCE(amount_minor, 0) ELSE 0 END),
               SUM(CASE WHEN status = 'won' THEN COALESCE(amount_minor, 0) ELSE 0 END), SUM(status = 'won' AND amount_minor IS NOT NULL)
        FROM deal WHERE id > ? AND id <= ? GROUP BY 1, 2, 3, 4
        \(onConflict)
        """
}
