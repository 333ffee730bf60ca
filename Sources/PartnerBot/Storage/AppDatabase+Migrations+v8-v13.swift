import GRDB

extension AppDatabase {
    /// `v8-outbox-templates`.
    static func v8OutboxTemplates(_ db: Database) throws {
        // A message rendered when it is sent rather than when it is enqueued (e.g. a deal's
        // review notice: `deal-review:<id>`), so it shows the subject as it is then, and the
        // write that enqueues it stays small.
        try db.execute(sql: "ALTER TABLE outbox ADD COLUMN template TEXT")
    }

    /// `v9-deal-lookup-indexes`.
    static func v9DealLookupIndexes(_ db: Database) throws {
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

    /// `v10-outbox-indexes`.
    static func v10OutboxIndexes(_ db: Database) throws {
        // Since v7 the worker finds due messages through `outbox_head`: the two indexes over
        // pending rows only cost every enqueue, claim and retry two more B-tree writes. Open
        // rows (pending or sending) stay indexed by `outbox_open_by_target`.
        try db.execute(
            sql: """
                DROP INDEX outbox_pending;
                DROP INDEX outbox_pending_due;
                """)
    }

    /// `v11-alert-ledger-evaluated-at`.
    static func v11AlertLedgerEvaluatedAt(_ db: Database) throws {
        // A pass run by hand for another moment (`alerts run --as-of`) records both times:
        // `fired_at` when it ran, `evaluated_at` the moment it evaluated (NULL on older rows,
        // which were written by live passes where the two are the same).
        try db.execute(sql: "ALTER TABLE alert_ledger ADD COLUMN evaluated_at DATETIME")
    }

    /// `v12-outbox-claimed-by`.
    static func v12OutboxClaimedBy(_ db: Database) throws {
        // Which process (host/pid/start/instance) claimed a row being sent: several processes
        // deliver from one database, and each must tell a delivery under way elsewhere from
        // one abandoned by a process that died (NULL on rows claimed before this version).
        try db.execute(sql: "ALTER TABLE outbox ADD COLUMN claimed_by TEXT")
    }

    /// `v13-sink-message-out-of-production`.
    static func v13SinkMessageOutOfProduction(_ db: Database) throws {
        // The local chat sink of dev mode keeps its messages in its own file now
        // (`chat-sink.sqlite`). Production databases lose the table they never used; a dev
        // database that holds sink messages keeps them.
        let used = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM sink_message)") ?? false
        if !used { try db.execute(sql: "DROP TABLE sink_message") }
    }
}
