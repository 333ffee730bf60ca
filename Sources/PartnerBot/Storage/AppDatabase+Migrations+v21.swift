import GRDB

extension AppDatabase {
    /// `v21-report-rollup`: what program reports read instead of every deal — a rollup of the
    /// deals by registration month, organisation, currency and source. New registrations stay out
    /// of it when they are written (an upsert each would cost the registration path); the
    /// scheduler folds the deals above a watermark in (`foldReportRollup`; an existing database's
    /// deals are folded by the migration), triggers keep folded deals current when they change, and reports read
    /// the deals above the watermark directly. Each deal's decision and win durations are kept by
    /// triggers too, with covering indexes for the percentiles.
    static func v21ReportRollup(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE deal ADD COLUMN decision_ms INTEGER;
                ALTER TABLE deal ADD COLUMN won_ms INTEGER;
                \(DealRollupSQL.durationTriggers)
                UPDATE deal SET decision_ms = \(DealRollupSQL.decisionMillis("deal")), won_ms = \(DealRollupSQL.wonMillis("deal"));
                CREATE INDEX deal_decision_ms ON deal(created_at, decision_ms) WHERE decision_ms IS NOT NULL;
                CREATE INDEX deal_won_ms ON deal(created_at, won_ms) WHERE won_ms IS NOT NULL;
                CREATE TABLE deal_rollup (
                    month TEXT NOT NULL,
                    org TEXT NOT NULL,
                    currency TEXT NOT NULL,
                    source TEXT NOT NULL,
                    submitted INTEGER NOT NULL,
                    approved INTEGER NOT NULL,
                    declined INTEGER NOT NULL,
                    conflict INTEGER NOT NULL,
                    expired INTEGER NOT NULL,
                    won INTEGER NOT NULL,
                    lost INTEGER NOT NULL,
                    within_sla INTEGER NOT NULL,
                    approved_minor INTEGER NOT NULL,
                    won_minor INTEGER NOT NULL,
                    won_with_amount INTEGER NOT NULL,
                    PRIMARY KEY (month, org, currency, source)
                ) WITHOUT ROWID;
                CREATE TABLE deal_rollup_mark (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    upto INTEGER NOT NULL
                );
                INSERT INTO deal_rollup_mark (id, upto) VALUES (1, 0);
                \(DealRollupSQL.foldedTriggers)
                """)
        // An existing database's deals are folded in at once.
        try db.execute(sql: DealRollupSQL.fold, arguments: [0, Int64.max])
        try db.execute(sql: "UPDATE deal_rollup_mark SET upto = COALESCE((SELECT MAX(id) FROM deal), 0)")
    }
}

/// The rollup's SQL: one deal's contribution, added or taken away.
enum DealRollupSQL {
    static let columns = "submitted, approved, declined, conflict, expired, won, lost, within_sla, approved_minor, won_minor, won_with_amount"

    /// The contribution of the row named `r` (`NEW` or `OLD`), times `sign`.
    static func values(_ r: String, sign: String) -> String {
        """
        substr(\(r).created_at, 1, 7), \(r).org, COALESCE(\(r).currency, ''), COALESCE(\(r).source, ''), \(sign),
        \(sign) * (\(r).protection_start IS NOT NULL), \(sign) * (\(r).status = 'declined'), \(sign) * (\(r).conflict_with IS NOT NULL),
        \(sign) * (\(r).status = 'expired'), \(sign) * (\(r).status = 'won'), \(sign) * (\(r).status = 'lost'),
        \(sign) * (\(r).decided_at IS NOT NULL AND (\(r).protection_start IS NOT NULL OR \(r).status = 'declined') AND \(r).decided_at <= \(r).sla_due_at),
        \(sign) * (CASE WHEN \(r).status = 'approved' THEN COALESCE(\(r).amount_minor, 0) ELSE 0 END),
        \(sign) * (CASE WHEN \(r).status = 'won' THEN COALESCE(\(r).amount_minor, 0) ELSE 0 END),
        \(sign) * (\(r).status = 'won' AND \(r).amount_minor IS NOT NULL)
        """
    }

    /// Milliseconds from registration to decision (approved or declined), or NULL.
    static func decisionMillis(_ r: String) -> String {
        """
        (CASE WHEN \(r).decided_at IS NOT NULL AND (\(r).protection_start IS NOT NULL OR \(r).status = 'declined')
              THEN CAST(ROUND((julianday(\(r).decided_at) - julianday(\(r).created_at)) * 86400000.0) AS INTEGER) END)
        """
    }

    /// Milliseconds from registration to won, or NULL.
    static func wonMillis(_ r: String) -> String {
        """
        (CASE WHEN \(r).status = 'won' AND \(r).closed_at IS NOT NULL
              THEN CAST(ROUND((julianday(\(r).closed_at) - julianday(\(r).created_at)) * 86400000.0) AS INTEGER) END)
        """
    }

    /// Keep `decision_ms` and `won_ms` current. A new registration is undecided: the insert
    /// trigger only runs for deals that arrive decided (imports).
    static var durationTriggers: String {
        let set = "UPDATE deal SET decision_ms = \(decisionMillis("NEW")), won_ms = \(wonMillis("NEW")) WHERE id = NEW.id;"
        return """
            CREATE TRIGGER deal_durations_insert AFTER INSERT ON deal WHEN NEW.decided_at IS NOT NULL OR NEW.closed_at IS NOT NULL BEGIN \(set) END;
            CREATE TRIGGER deal_durations_update AFTER UPDATE OF decided_at, protection_start, status, closed_at, created_at ON deal
            WHEN NEW.decision_ms IS NOT \(decisionMillis("NEW")) OR NEW.won_ms IS NOT \(wonMillis("NEW")) BEGIN \(set) END;
            """
    }

    static let onConflict = """
        ON CONFLICT (month, org, currency, source) DO UPDATE SET
            submitted = submitted + excluded.submitted, approved = approved + excluded.approved, declined = declined + excluded.declined,
            conflict = conflict + excluded.conflict, expired = expired + excluded.expired, won = won + excluded.won, lost = lost + excluded.lost,
            within_sla = within_sla + excluded.within_sla, approved_minor = approved_minor + excluded.approved_minor,
            won_minor = won_minor + excluded.won_minor, won_with_amount = won_with_amount + excluded.won_with_amount
        """

    static func upsert(_ r: String, sign: String) -> String {
        "INSERT INTO deal_rollup (month, org, currency, source, \(columns)) VALUES (\(values(r, sign: sign))) \(onConflict);"
    }

    /// The columns whose change moves a deal's contribution.
    static let watched = ["created_at", "org", "currency", "source", "status", "protection_start", "conflict_with", "decided_at", "sla_due_at", "amount_minor"]
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
