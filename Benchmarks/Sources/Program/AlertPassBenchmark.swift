import Foundation
import GRDB
import PartnerBot

/// `alert-pass`: one alert pass over 1,000,000 deals and 100,000 certifications with nothing due,
/// then with 1% of the deals due, on a real database file.
///
/// Targets (issue 7): under 50 ms with nothing due; peak memory that does not grow with the tables
/// (the pass pages through due subjects, so its memory follows the page size, not the row count).
struct AlertPassBenchmark: Benchmark {
    let name = "alert-pass"
    let summary = "one alert pass over 1M deals + 100k certifications: nothing due, then 1% due; time and peak memory."

    func run(in context: BenchmarkContext) async throws -> [ResultRow] {
        let dealCount = context.quick ? 100_000 : 1_000_000
        let certificationCount = dealCount / 10
        let directory = try context.scratchDirectory(for: name)
        let database = try AppDatabase.open(path: directory.appendingPathComponent("bench.sqlite").path)
        var configuration = BotConfiguration()
        configuration.managersChannel = "CBENCHMGRS"
        let settings = ProgramSettings(configuration)
        let now = Date()
        context.progress("alert-pass: generating \(dealCount) deals and \(certificationCount) certifications")
        try await AlertPassData.generate(database: database, deals: dealCount, certifications: certificationCount, now: now)

        _ = try await database.runAlertPass(settings: settings, now: now)  // warm the page cache
        MemoryProbe.resetPeak()
        let baseline = MemoryProbe.residentMegabytes()
        var start = ContinuousClock.now
        let idle = try await database.runAlertPass(settings: settings, now: now.addingTimeInterval(1))
        let idleTime = ContinuousClock.now - start
        let idlePeak = MemoryProbe.peakMegabytes()

        let due = dealCount / 100
        try await AlertPassData.makeDue(database: database, count: due, now: now)
        MemoryProbe.resetPeak()
        start = ContinuousClock.now
        let busy = try await database.runAlertPass(settings: settings, now: now.addingTimeInterval(2))
        let busyTime = ContinuousClock.now - start
        let busyPeak = MemoryProbe.peakMegabytes()
        let fired = busy.fired.filter { $0.kind == .protectionExpiry }.count
        return [
            .target("nothing due: pass time", idleTime.seconds * 1000, "ms", .below(50), decimals: 1),
            .check("nothing due: nothing fired", idle.fired.isEmpty && idle.expiredDeals.isEmpty),
            .info("1% due (\(due) deals): pass time", busyTime.seconds * 1000, "ms", decimals: 0),
            .check("1% due: every due deal alerted once", fired == due),
            .info("resident memory before the passes", baseline, "MB", decimals: 1),
            .info("peak memory, nothing due", idlePeak, "MB", decimals: 1),
            .info("peak memory, 1% due", busyPeak, "MB", decimals: 1),
            .target("peak growth over resident while passing", max(0, busyPeak - baseline), "MB", .below(64), decimals: 1),
        ]
    }
}

/// Bulk data for the alert benchmark, written with cached statements in one transaction per batch.
enum AlertPassData {
    static func generate(database: AppDatabase, deals: Int, certifications: Int, now: Date) async throws {
        var csv = "org,name,type,tier,region,team_id,channel_id,manager\n"
        for index in 0..<1000 { csv += "org-\(index),Org \(index),reseller,select,emea,TA\(index),CA\(index),UMGR\(index % 50)\n" }
        _ = try await database.upsertPartnerOrgs(try DirectoryImport.partners(csv: csv, tiers: ["registered", "select", "elite"]), now: now)
        let farEnd = now.addingTimeInterval(80 * 86_400)
        let batch = 50_000
        for offset in stride(from: 0, to: deals, by: batch) {
            try await database.benchmarkWrite { db in
                let statement = try db.cachedStatement(sql: """
                    INSERT INTO deal (org, customer_name, customer_key, status, stage, submitted_by, submitted_team, created_at, updated_at, sla_due_at,
                                      decided_at, decided_by, protection_start, protection_end, extensions)
                    VALUES (?, ?, ?, 'approved', 'registered', 'U1', 'T1', ?, ?, ?, ?, 'UMGR', ?, ?, 0)
                    """)
                for index in offset..<min(deals, offset + batch) {
                    try statement.execute(arguments: ["org-\(index % 1000)", "Customer \(index)", "customer \(index)", now, now, now, now, now, farEnd])
                }
            }
        }
        let certificationEnd = CalendarDate(now).adding(days: 300).description
        let earned = CalendarDate(now).adding(days: -65).description
        try await database.benchmarkWrite { db in
            let statement = try db.cachedStatement(sql: """
                INSERT INTO certification (team_id, user_id, org, track, state, earned_on, expires_on, created_at, updated_at)
                VALUES (?, ?, ?, 'product-fundamentals', 'active', ?, ?, ?, ?)
                """)
            for index in 0..<certifications {
                try statement.execute(arguments: ["TA\(index % 1000)", "UC\(index)", "org-\(index % 1000)", earned, certificationEnd, now, now])
            }
            // Recent registrations everywhere, so the quiet-partner digest has nothing to report.
            try db.execute(sql: "UPDATE deal SET created_at = ? WHERE id IN (SELECT MAX(id) FROM deal GROUP BY org)", arguments: [now])
        }
    }

    /// Moves `count` deals' protection end to 3 days from now.
    static func makeDue(database: AppDatabase, count: Int, now: Date) async throws {
        try await database.benchmarkWrite { db in
            try db.execute(
                sql: "UPDATE deal SET protection_end = ? WHERE id IN (SELECT id FROM deal ORDER BY id LIMIT ?)",
                arguments: [now.addingTimeInterval(3 * 86_400), count])
        }
    }
}

/// The process's resident and peak memory, from /proc/self/status.
enum MemoryProbe {
    static func value(_ key: String) -> Double {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix(key + ":") {
            let digits = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
            return digits / 1024
        }
        return 0
    }

    static func residentMegabytes() -> Double { value("VmRSS") }
    static func peakMegabytes() -> Double { value("VmHWM") }

    /// Resets the peak (VmHWM) to the current resident size (Linux `clear_refs` 5).
    static func resetPeak() {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }
}
