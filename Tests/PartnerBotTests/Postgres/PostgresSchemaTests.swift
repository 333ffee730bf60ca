import Foundation
import GRDB
@testable import PartnerBot
import PostgresNIO
import Testing

/// PostgreSQL's schema (`PostgresMigrator.partnerbot`) against SQLite's (`AppDatabase.migrator`):
/// the same tables, columns, indexes and triggers, and triggers that leave the same rows.
@Suite("PostgreSQL: the schema is SQLite's", .enabled(if: PostgresTestSupport.available, "make test starts PostgreSQL"))
struct PostgresSchemaTests {
    @Test func everyTableColumnIndexAndTriggerOfSQLiteHasItsCounterpart() async throws {
        let sqlite = try await AppDatabase.inMemory().writer.read { db in try SchemaListing(sqlite: db) }
        let postgres = try await PostgresTestSupport.withFreshDatabase { url in
            try await PostgresTestSupport.withClient(url) { client in
                try await PostgresMigrator.partnerbot.migrate(client, logger: TestSupport.logger)
                return try await SchemaListing(postgres: client)
            }
        }
        #expect(sqlite.columns.count > 250 && sqlite.indexes.count > 40 && sqlite.triggers.count >= 7, "SQLite's schema is listed")
        let listed = [("columns", postgres.columns, sqlite.columns), ("indexes", postgres.indexes, sqlite.indexes), ("triggers", postgres.triggers, sqlite.triggers)]
        for (kind, inPostgres, inSQLite) in listed {
            #expect(
                inPostgres == inSQLite,
                "\(kind) only in PostgreSQL: \(inPostgres.filter { !inSQLite.contains($0) }); only in SQLite: \(inSQLite.filter { !inPostgres.contains($0) })")
        }
    }

    @Test(arguments: TriggerScenario.all)
    func triggersLeaveTheRowsSQLitesLeave(_ scenario: TriggerScenario) async throws {
        let database = try AppDatabase.inMemory()
        var sqlite: [[String]] = []
        for step in scenario.steps {
            let rows = try await database.writer.write { db in
                try db.execute(sql: step)
                return try scenario.snapshot.flatMap { try String.fetchAll(db, sql: $0) }
            }
            sqlite.append(rows)
        }
        let postgres = try await PostgresTestSupport.withFreshDatabase { url in
            try await PostgresTestSupport.withClient(url) { client in
                try await PostgresMigrator.partnerbot.migrate(client, logger: TestSupport.logger)
                var snapshots: [[String]] = []
                for step in scenario.steps {
                    try await client.query(PostgresQuery(unsafeSQL: step), logger: TestSupport.logger)
                    var rows: [String] = []
                    for query in scenario.snapshot { rows += try await Self.strings(query, client) }
                    snapshots.append(rows)
                }
                return snapshots
            }
        }
        #expect(Set(sqlite).count > scenario.steps.count / 2, "the steps change the rows compared")
        for (index, step) in scenario.steps.enumerated() {
            #expect(postgres[index] == sqlite[index], "after step \(index + 1): \(step)")
        }
    }

    /// The rows of a query whose one column is text.
    static func strings(_ sql: String, _ client: PostgresClient) async throws -> [String] {
        var values: [String] = []
        for try await value in try await client.query(PostgresQuery(unsafeSQL: sql), logger: TestSupport.logger).decode(String.self) {
            values.append(value)
        }
        return values
    }
}

/// A schema as lines comparable across the two databases: `table.column type[ not null][ pkN]`
/// (SQLite's declared types as PostgreSQL spells the types they translate to; a view's columns by
/// name, SQLite does not always type them), `table: index
/// (columns)[ unique][ partial]` (a UNIQUE constraint's index is `UNIQUE`, primary keys are in
/// the columns), `table: trigger`.
struct SchemaListing: Sendable {
    var columns: [String]
    var indexes: [String]
    var triggers: [String]

    static let postgresTypes = [
        "INTEGER": "bigint", "BOOLEAN": "bigint", "TEXT": "text collate C", "DATETIME": "text collate C",
        "REAL": "double precision", "BLOB": "bytea",
    ]

    /// SQLite's own tables and GRDB's `grdb_migrations` are left out.
    static let sqliteTables = "SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> 'grdb_migrations'"

    init(sqlite db: Database) throws {
        columns = try Row.fetchAll(db, sql: """
            SELECT m.type AS kind, m.name AS tbl, p.name, p.type, p."notnull", p.pk FROM sqlite_master m, pragma_table_info(m.name) p
            WHERE m.type IN ('table', 'view') AND m.name IN (\(Self.sqliteTables)) ORDER BY m.name, p.cid
            """).map { row in
            let column = "\(row["tbl"] as String).\(row["name"] as String)"
            guard (row["kind"] as String) == "table" else { return column }
            let (notNull, pk): (Bool, Int) = (row["notnull"], row["pk"])
            let type = Self.postgresTypes[row["type"] as String] ?? "untranslated '\(row["type"] as String)'"
            return "\(column) \(type)\(notNull || pk > 0 ? " not null" : "")\(pk > 0 ? " pk\(pk)" : "")"
        }
        indexes = try Row.fetchAll(db, sql: """
            SELECT m.name AS tbl, i.name, i.origin, i."unique", i.partial,
                   (SELECT group_concat(c.name, ', ') FROM (SELECT name FROM pragma_index_info(i.name) ORDER BY seqno) c) AS columns
            FROM sqlite_master m, pragma_index_list(m.name) i
            WHERE m.type = 'table' AND m.name IN (\(Self.sqliteTables)) AND i.origin <> 'pk'
            """).map { row in
            let (unique, partial): (Bool, Bool) = (row["unique"], row["partial"])
            let name = (row["origin"] as String) == "u" ? "UNIQUE" : row["name"] as String
            return "\(row["tbl"] as String): \(name) (\(row["columns"] as String))\(unique ? " unique" : "")\(partial ? " partial" : "")"
        }.sorted()
        triggers = try String.fetchAll(db, sql: "SELECT tbl_name || ': ' || name FROM sqlite_master WHERE type = 'trigger'").sorted()
    }

    init(postgres client: PostgresClient) async throws {
        columns = try await PostgresSchemaTests.strings("""
            SELECT c.table_name || '.' || c.column_name || CASE WHEN t.relkind = 'v' THEN '' ELSE
                       ' ' || c.data_type || COALESCE(' collate ' || c.collation_name, '') || CASE c.is_nullable WHEN 'NO' THEN ' not null' ELSE '' END
                       || COALESCE((SELECT ' pk' || array_position(k.conkey, c.ordinal_position::smallint) FROM pg_constraint k
                                    WHERE k.conrelid = t.oid AND k.contype = 'p' AND c.ordinal_position::smallint = ANY (k.conkey)), '') END
            FROM information_schema.columns c JOIN pg_class t ON t.oid = format('%I.%I', c.table_schema, c.table_name)::regclass
            WHERE c.table_schema = current_schema() AND c.table_name <> 'partnerbot_migration'
            ORDER BY c.table_name COLLATE "C", c.ordinal_position
            """, client)
        indexes = try await PostgresSchemaTests.strings("""
            SELECT t.relname || ': ' || CASE WHEN k.contype = 'u' THEN 'UNIQUE' ELSE i.relname END
                   || ' (' || (SELECT string_agg(a.attname, ', ' ORDER BY n) FROM unnest(x.indkey::smallint[]) WITH ORDINALITY AS u (attnum, n)
                               JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = u.attnum) || ')'
                   || CASE WHEN x.indisunique THEN ' unique' ELSE '' END || CASE WHEN x.indpred IS NOT NULL THEN ' partial' ELSE '' END
            FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
            LEFT JOIN pg_constraint k ON k.conindid = x.indexrelid AND k.contype IN ('p', 'u')
            WHERE t.relnamespace = current_schema()::regnamespace AND t.relname <> 'partnerbot_migration' AND k.contype IS DISTINCT FROM 'p'
            """, client).sorted()
        triggers = try await PostgresSchemaTests.strings("""
            SELECT t.relname || ': ' || g.tgname FROM pg_trigger g JOIN pg_class t ON t.oid = g.tgrelid
            WHERE NOT g.tgisinternal AND t.relnamespace = current_schema()::regnamespace
            """, client).sorted()
    }
}

/// Statements both databases run (SQL both dialects read alike), and the queries whose rows are
/// compared after each (one text column).
struct TriggerScenario: Sendable, CustomTestStringConvertible {
    var name: String
    var snapshot: [String]
    var steps: [String]

    var testDescription: String { name }

    static let all = [outboxHeads, deals]

    static let outboxHeads = TriggerScenario(
        name: "outbox heads",
        snapshot: ["SELECT target || '|' || head_id || '|' || due_at FROM outbox_head ORDER BY target"],
        steps: [
            enqueue(("k1", "C1", "pending", "2026-01-01 10:00:00.000")),
            enqueue(("k2", "C1", "pending", "2026-01-01 10:05:00.000")),
            enqueue(("k3", "C2", "sending", "2026-01-01 10:00:00.000")),
            enqueue(("k4", "C3", "sent", "2026-01-01 10:00:00.000")),
            enqueue(("k5", "C4", "pending", "2026-01-02 08:00:00.000"), ("k6", "C4", "pending", "2026-01-01 07:00:00.000")),
            "UPDATE outbox SET state = 'sending', claimed_by = 'p1' WHERE id = 1",
            "UPDATE outbox SET state = 'sent', sent_at = '2026-01-01 10:00:01.000' WHERE id = 1",
            "UPDATE outbox SET next_attempt_at = '2026-01-01 11:00:00.000', attempts = 1 WHERE id = 2",
            "UPDATE outbox SET attempts = 2, last_error = 'ratelimited' WHERE id = 2",
            "UPDATE outbox SET state = 'dead' WHERE target = 'C4'",
            "DELETE FROM outbox WHERE id = 3",
            "DELETE FROM outbox WHERE id = 4",
            "UPDATE outbox SET state = 'pending' WHERE id IN (5, 6)",
            "DELETE FROM outbox_head",
            "UPDATE outbox SET next_attempt_at = next_attempt_at WHERE id = 6",
            enqueue(("k7", "C1", "sending", "2026-01-01 12:00:00.000")),
            "DELETE FROM outbox WHERE target = 'C1'",
            "UPDATE outbox SET target = 'C5', state = 'sending' WHERE id = 5",
        ])

    /// Messages: dedupe key, target, state, due.
    static func enqueue(_ messages: (String, String, String, String)...) -> String {
        "INSERT INTO outbox (dedupe_key, method, target, payload, state, next_attempt_at, created_at, updated_at) VALUES "
            + messages.map { "('\($0)', 'chat.postMessage', '\($1)', '{}', '\($2)', '\($3)', '2026-01-01 09:00:00.000', '2026-01-01 09:00:00.000')" }
            .joined(separator: ", ")
    }
}

extension TriggerScenario {
    /// Deal durations and the rollup of the deals up to the watermark.
    static let deals = TriggerScenario(
        name: "deal durations and rollup",
        snapshot: [
            "SELECT id || '|' || COALESCE(CAST(decision_ms AS TEXT), '-') || '|' || COALESCE(CAST(won_ms AS TEXT), '-') FROM deal ORDER BY id",
            """
            SELECT month || '|' || org || '|' || currency || '|' || source || '|' || submitted || '|' || approved || '|' || declined
                   || '|' || conflict || '|' || expired || '|' || won || '|' || lost || '|' || within_sla || '|' || approved_minor
                   || '|' || won_minor || '|' || won_with_amount
            FROM deal_rollup ORDER BY month, org, currency, source
            """,
        ],
        steps: [
            """
            INSERT INTO partner_org (org, name, type, tier, region, created_at, updated_at) VALUES
                ('acme', 'Acme', 'reseller', 'gold', 'emea', '2026-01-01 00:00:00.000', '2026-01-01 00:00:00.000'),
                ('globex', 'Globex', 'referral', 'silver', 'amer', '2026-01-01 00:00:00.000', '2026-01-01 00:00:00.000')
            """,
            register("currency, source, amount_minor", "'acme', 'cust-a', 'pending', '2026-01-05 10:00:00.000', '2026-01-07 10:00:00.000', 'USD', 'partner', 5000"),
            register("note", "'acme', 'cust-b', 'pending', '2026-01-20 08:00:00.000', '2026-01-22 08:00:00.000', NULL"),
            register("currency, source, amount_minor", "'globex', 'cust-c', 'pending', '2026-02-01 12:00:00.000', '2026-02-03 12:00:00.000', 'EUR', 'import', 900"),
            "UPDATE deal_rollup_mark SET upto = 2",
            """
            UPDATE deal SET status = 'approved', decided_at = '2026-01-06 12:30:15.250', decided_by = 'U2', protection_start = '2026-01-06 12:30:15.250',
                protection_end = '2026-04-06 12:30:15.250', updated_at = '2026-01-06 12:30:15.250' WHERE id = 1
            """,
            "UPDATE deal SET updated_at = '2026-01-06 13:00:00.000', note = 'n' WHERE id = 1",
            "UPDATE deal SET status = 'declined', decided_at = '2026-01-25 08:00:00.001', reason = 'duplicate' WHERE id = 2",
            "UPDATE deal SET status = 'won', closed_at = '2026-03-01 00:00:00.000' WHERE id = 1",
            "UPDATE deal SET currency = 'EUR', amount_minor = 7000 WHERE id = 1",
            "UPDATE deal SET status = 'conflict', conflict_with = 1 WHERE id = 3",
            "UPDATE deal SET decision_ms = 1, won_ms = 2 WHERE id = 1",
            "UPDATE deal SET status = status WHERE id = 1",
            "UPDATE deal SET created_at = '2026-01-05 09:00:00.000' WHERE id = 1",
            "UPDATE deal SET created_at = '2026-02-10 10:00:00.000' WHERE id = 2",
            register("decided_at, source", "'globex', 'cust-d', 'declined', '2025-11-30 23:59:59.999', '2025-12-02 23:59:59.999', '2025-12-01 00:00:00.000', 'import'"),
            register(
                "decided_at, protection_start, protection_end, closed_at, currency, amount_minor",
                "'acme', 'cust-e', 'won', '2025-10-01 00:00:00.000', '2025-10-03 00:00:00.000', '2025-10-02 06:00:00.500', '2025-10-02 06:00:00.500', "
                    + "'2026-01-02 06:00:00.500', '2025-12-24 18:45:00.125', 'USD', 120000"),
            register("closed_at", "'acme', 'cust-f', 'pending', '2026-02-15 10:00:00.000', '2026-02-17 10:00:00.000', '2026-02-16 10:00:00.000'"),
            "UPDATE deal_rollup_mark SET upto = 6",
            "DELETE FROM deal WHERE id = 4",
            "UPDATE deal SET sla_due_at = '2026-01-01 00:00:00.000' WHERE org = 'acme'",
            "UPDATE deal SET decided_at = NULL WHERE id = 5",
            "UPDATE deal SET created_at = '2026-12-31 23:59:59.999' WHERE id = 5",
            "UPDATE deal SET org = 'globex', source = NULL WHERE id = 1",
            "DELETE FROM deal WHERE id = 6",
            "UPDATE deal SET conflict_with = NULL, status = 'pending' WHERE id = 3",
            "UPDATE deal_rollup_mark SET upto = 0",
            "UPDATE deal SET status = 'expired', amount_minor = NULL WHERE id = 1",
        ])

    /// A registration: `columns` beyond org, customer key, status, created_at and sla_due_at, which
    /// `values` starts with.
    static func register(_ columns: String, _ values: String) -> String {
        "INSERT INTO deal (customer_name, submitted_by, submitted_team, updated_at, org, customer_key, status, created_at, sla_due_at, \(columns)) "
            + "VALUES ('Customer', 'U1', 'T1', '2026-01-01 00:00:00.000', \(values))"
    }
}
