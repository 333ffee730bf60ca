import Foundation
import GRDB
import PartnerBot

/// `report`: the program report over 1,000,000 deals (1,000 organisations, two years of
/// registrations, every status, two currencies), on a real database file.
///
/// Target (issue 18): a report over a 1M-deal program returns well under a second (500 ms) —
/// this quarter's, this year's by partner, and every deal of two years by tier.
struct ReportBenchmark: Benchmark {
    let name = "report"
    let summary = "program report over 1M deals: this quarter, ytd by partner, all time by tier; time per report."

    func run(in context: BenchmarkContext) async throws -> [ResultRow] {
        let dealCount = context.quick ? 100_000 : 1_000_000
        let directory = try context.scratchDirectory(for: name)
        let database = try AppDatabase.open(path: directory.appendingPathComponent("bench.sqlite").path)
        let now = Date()
        context.progress("report: generating \(dealCount) deals over two years")
        try await ReportData.generate(database: database, deals: dealCount, now: now)
        let foldStart = ContinuousClock.now
        try await database.foldReportRollup()  // what a running server's scheduler does every minute
        let foldTime = ContinuousClock.now - foldStart
        let cases: [(String, ReportPeriod.Spec, ProgramReport.Breakdown?)] = [
            ("this quarter", .thisQuarter, nil),
            ("ytd by partner", .yearToDate, .partner),
            ("all time by tier", .range(from: CalendarDate(now).adding(days: -800), to: CalendarDate(now)), .tier),
        ]
        var rows: [ResultRow] = []
        for (label, spec, breakdown) in cases {
            let period = ReportPeriod(spec, asOf: now)
            _ = try await database.programReport(period: period, breakdown: breakdown, asOf: now)  // warm the page cache
            var best = Duration.seconds(3600)
            var report: ProgramReport?
            for _ in 0..<3 {
                let start = ContinuousClock.now
                report = try await database.programReport(period: period, breakdown: breakdown, asOf: now)
                best = min(best, ContinuousClock.now - start)
            }
            let submitted = report?.totals.submitted ?? 0
            let row = "\(label) (\(submitted) deals): report time"
            rows.append(.target(row, best.seconds * 1000, "ms", .below(500), decimals: 0))
        }
        rows.append(.info("folding \(dealCount) new deals into the rollup", foldTime.seconds * 1000, "ms", decimals: 0))
        return rows
    }
}

/// Bulk deals for the report benchmark, in batches of one transaction each.
enum ReportData {
    static func generate(database: AppDatabase, deals: Int, organisations: Int = 1000, now: Date) async throws {
        var csv = "org,name,type,tier,region,team_id,channel_id,manager\n"
        let tiers = ["registered", "select", "elite"], regions = ["emea", "na", "apac"], types = ["reseller", "si", "referral"]
        for index in 0..<organisations {
            csv += "org-\(index),Org \(index),\(types[index % 3]),\(tiers[index % 3]),\(regions[(index / 3) % 3]),TR\(index),CR\(index),UMGR\(index % 50)\n"
        }
        _ = try await database.upsertPartnerOrgs(try DirectoryImport.partners(csv: csv, tiers: tiers), now: now)
        let span = 730.0 * 86_400
        let batch = 50_000
        for offset in stride(from: 0, to: deals, by: batch) {
            try await database.benchmarkWrite { db in
                let statement = try db.cachedStatement(sql: """
                    INSERT INTO deal (org, customer_name, customer_key, amount_minor, currency, source, status, stage, submitted_by, submitted_team,
                                      created_at, updated_at, sla_due_at, decided_at, decided_by, protection_start, protection_end, extensions, closed_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, 'registered', 'U1', 'T1', ?, ?, ?, ?, 'UMGR', ?, ?, 0, ?)
                    """)
                for index in offset..<min(deals, offset + batch) {
                    try statement.execute(arguments: row(index, organisations: organisations, created: now.addingTimeInterval(-span * Double(index) / Double(deals)), now: now))
                }
            }
        }
    }

    /// One deal: statuses in fixed shares (45% approved, 15% won, 10% lost, 10% declined, 10% expired, 10% pending);
    /// approved deals whose 90 days of protection have ended are expired, as the alert pass leaves them.
    static func row(_ index: Int, organisations: Int = 1000, created: Date, now: Date) -> StatementArguments {
        let statuses = ["approved", "approved", "approved", "won", "lost", "declined", "expired", "pending", "approved", "won"]
        var status = statuses[index % 10]
        if status == "approved", created.addingTimeInterval(90 * 86_400) <= now { status = "expired" }
        let decided: Date? = status == "pending" ? nil : created.addingTimeInterval(Double(index % 96) * 3600)
        let protected = ["approved", "won", "lost", "expired"].contains(status)
        let closed: Date? = status == "won" || status == "lost" ? created.addingTimeInterval(Double(index % 60 + 10) * 86_400) : nil
        return [
            "org-\(index % organisations)", "Customer \(index)", "customer \(index)", Int64(index % 50 + 1) * 100_000, index % 4 == 0 ? "EUR" : "USD",
            index % 3 == 0 ? "influenced" : "sourced", status, created, created, created.addingTimeInterval(48 * 3600), decided,
            protected ? decided : nil, protected ? created.addingTimeInterval(90 * 86_400) : nil, closed,
        ]
    }
}
