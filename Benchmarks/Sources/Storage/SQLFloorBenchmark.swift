import Foundation
import GRDB
import GRDBSQLite
import PartnerBot

/// `sql-floor`: the SQL one registration runs, through SQLite's C API alone: no Swift objects per
/// row, no GRDB statement layer, no HTTP, no group-commit queue, one thread. The statements are
/// `registerDeal`'s (caller lookup, customer lookups, the deal, its audit line, the manager lookup
/// and the two review notices) on the production schema and settings (WAL, `synchronous=FULL`,
/// foreign keys), committed in batches the size `http-register` reaches (7 at 16 connections, 24
/// at 64).
///
/// Its CPU time per registration is a floor for the whole server: a registration cannot cost the
/// machine less than its SQL. Multiplied by the target rate, it says how many cores the target
/// needs for SQLite alone.
struct SQLFloorBenchmark: Benchmark {
    let name = "sql-floor"
    let summary = "The SQL of one registration and its notices through SQLite's C API alone, one thread, batches of 7 and 24: CPU per registration."

    func run(in context: BenchmarkContext) async throws -> [ResultRow] {
        let count = context.quick ? 4_000 : 20_000
        var rows: [ResultRow] = []
        for (notices, batch) in [(true, 7), (true, 24), (false, 7)] {
            let label = "\(notices ? "with 2 notices" : "registration only"), \(batch) per commit"
            context.progress("sql-floor: \(label), \(count) registrations")
            let measured = try await measure(count: count, batch: batch, notices: notices, context: context)
            let cpu = measured.cpu.seconds / Double(count)
            rows += [
                .info("\(label): CPU per registration", cpu * 1e6, "µs", decimals: 1),
                .info("\(label): wall time per registration (one thread, fsyncs included)", measured.wall.seconds / Double(count) * 1e6, "µs", decimals: 1),
                .info("\(label): cores 15,000 registrations/s need for SQLite alone", cpu * 15_000, "cores", decimals: 2),
            ]
            if measured.stored != count {
                rows.append(.invariant("\(label): registrations not stored", Double(count - measured.stored), "rows", .equals(0)))
            }
        }
        return rows
    }

    private func measure(count: Int, batch: Int, notices: Bool, context: BenchmarkContext) async throws -> (cpu: Duration, wall: Duration, stored: Int) {
        let directory = try context.scratchDirectory(for: "sql-floor-\(notices ? "notices" : "alone")-\(batch)")
        let path = directory.appendingPathComponent("floor.sqlite").path
        // The production schema, and the organisations of `http-register` (8 managers).
        do {
            let database = try AppDatabase.open(path: path)
            var csv = "org,name,type,tier,region,team_id,channel_id,manager\n"
            for index in 0..<64 { csv += "bench-\(index),Bench Partner \(index),reseller,select,emea,TBENCH\(index),CBENCH\(index),U0BENCHMGR\(index % 8)\n" }
            _ = try await database.upsertPartnerOrgs(try DirectoryImport.partners(csv: csv, tiers: BotConfiguration().tiers), now: Date())
        }
        let queue = try DatabaseQueue(path: path)
        return try queue.inDatabase { db in
            guard let handle = db.sqliteConnection else { throw BenchmarkError("no SQLite connection") }
            let loop = try RegistrationLoop(handle)
            try loop.execute("PRAGMA synchronous = FULL")
            try loop.execute("PRAGMA foreign_keys = ON")
            let cpuStart = CPUTime.thread()
            let wallStart = ContinuousClock.now
            for start in stride(from: 0, to: count, by: batch) {
                try loop.execute("BEGIN IMMEDIATE")
                for index in start..<min(count, start + batch) { try loop.register(index, notices: notices) }
                try loop.execute("COMMIT")
            }
            let cpu = Duration.seconds(CPUTime.thread() - cpuStart)
            let wall = ContinuousClock.now - wallStart
            loop.finish()
            let stored = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM deal") ?? 0
            return (cpu, wall, stored)
        }
    }
}

/// Prepared statements and the loop body, over a raw connection.
private struct RegistrationLoop {
    let handle: OpaquePointer
    let statements: [String: OpaquePointer]
    static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    static let now = "2026-11-22 07:00:00.000"

    // The statements `registerDeal` runs for a new customer from a recorded member.
    static let sql = [
        "managed": "SELECT org FROM partner_org WHERE manager = ?",
        "member": "SELECT org FROM member WHERE team_id = ? AND user_id = ?",
        "activeByKey": "SELECT id FROM deal WHERE customer_key = ? AND status IN ('pending', 'needs_info', 'approved')",
        "conflictsByKey": "SELECT id FROM deal WHERE customer_key = ? AND status = 'conflict'",
        "deal": """
            INSERT INTO deal (org, customer_name, customer_key, domain, amount_minor, currency, close_date, contact, motion, source, note,
                status, stage, submitted_by, submitted_team, channel_id, created_at, updated_at, sla_due_at, decided_at, decided_by,
                reason, question, protection_start, protection_end, extensions, conflict_with)
            VALUES (?, ?, ?, NULL, 5000000, 'USD', NULL, NULL, NULL, NULL, NULL, 'pending', NULL, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, NULL, NULL, NULL, 0, NULL)
            """,
        "audit": "INSERT INTO deal_audit (deal_id, at, actor, action, from_status, to_status, detail) VALUES (?, ?, ?, 'registered', NULL, 'pending', NULL)",
        "manager": "SELECT manager FROM partner_org WHERE org = ?",
        "notice": """
            INSERT INTO outbox (dedupe_key, method, target, payload, reference, template, state, attempts, next_attempt_at, created_at, updated_at)
            VALUES (?, 'chat.postMessage', ?, ?, NULL, ?, 'pending', 0, ?, ?, ?) ON CONFLICT(dedupe_key) DO NOTHING
            """,
    ]

    init(_ handle: OpaquePointer) throws {
        self.handle = handle
        var prepared: [String: OpaquePointer] = [:]
        for (name, sql) in Self.sql {
            var statement: OpaquePointer?
            guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
                throw BenchmarkError("sql-floor: cannot prepare \(name): \(String(cString: sqlite3_errmsg(handle)))")
            }
            prepared[name] = statement
        }
        statements = prepared
    }

    func execute(_ sql: String) throws {
        guard sqlite3_exec(handle, sql, nil, nil, nil) == SQLITE_OK else {
            throw BenchmarkError("sql-floor: \(sql): \(String(cString: sqlite3_errmsg(handle)))")
        }
    }

    /// Binds text arguments (nil for NULL) and steps through every row.
    @discardableResult
    func run(_ name: String, _ arguments: [String?]) throws -> Int32 {
        let statement = statements[name]!
        for (index, argument) in arguments.enumerated() {
            if let argument { sqlite3_bind_text(statement, Int32(index + 1), argument, -1, Self.transient) } else { sqlite3_bind_null(statement, Int32(index + 1)) }
        }
        var status = sqlite3_step(statement)
        while status == SQLITE_ROW { status = sqlite3_step(statement) }
        sqlite3_reset(statement)
        guard status == SQLITE_DONE else { throw BenchmarkError("sql-floor: \(name): \(String(cString: sqlite3_errmsg(handle)))") }
        return status
    }

    func register(_ index: Int, notices: Bool) throws {
        let org = "bench-\(index % 64)", user = "U0BENCH\(index % 64)X\(index % 16)", team = "TBENCH\(index % 64)"
        let key = "floor customer \(index)"
        try run("managed", [user])
        try run("member", [team, user])
        try run("activeByKey", [key])
        try run("conflictsByKey", [key])
        try run("deal", [org, "Floor Customer \(index)", key, user, team, "CBENCH\(index % 64)", Self.now, Self.now, Self.now])
        let id = String(sqlite3_last_insert_rowid(handle))
        try run("audit", [id, Self.now, user])
        guard notices else { return }
        try run("manager", [org])
        for (copy, target) in [("manager", "U0BENCHMGR\(index % 8)"), ("channel", "C0BENCHMGRS")] {
            try run("notice", ["deal:\(id):review:\(copy)", target, #"{"channel":"\#(target)","text":""}"#, "deal-review:\(id)", Self.now, Self.now, Self.now])
        }
    }

    func finish() {
        for statement in statements.values { sqlite3_finalize(statement) }
    }
}
