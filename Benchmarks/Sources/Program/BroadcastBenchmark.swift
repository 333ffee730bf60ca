import Foundation
import PartnerBot

/// `broadcast-enqueue`: an announcement to 10,000 organisations — validate the file, resolve the
/// audience and commit one outbox message per target in one transaction, on a real database file.
///
/// Target (issue 6): under 1 s on 2 cores.
struct BroadcastBenchmark: Benchmark {
    let name = "broadcast-enqueue"
    let summary = "validate + resolve + commit an announcement to 10,000 organisations (one transaction)."

    func run(in context: BenchmarkContext) async throws -> [ResultRow] {
        let organisations = context.quick ? 2_000 : 10_000
        let directory = try context.scratchDirectory(for: name)
        let database = try AppDatabase.open(path: directory.appendingPathComponent("bench.sqlite").path)
        var csv = "org,name,type,tier,region,team_id,channel_id,manager\n"
        for index in 0..<organisations {
            csv += "org-\(index),Organisation \(index),\(index % 2 == 0 ? "reseller" : "si"),\(index % 3 == 0 ? "elite" : "select"),emea,TB\(index),CB\(index),\n"
        }
        let tiers = ["registered", "select", "elite"]
        _ = try await database.upsertPartnerOrgs(try DirectoryImport.partners(csv: csv, tiers: tiers), now: Date())
        let file = """
            ---
            id: bench-spiff
            title: Benchmark SPIFF
            audience:
              types: [reseller, si]
            remind_after: 72h
            ---
            *Earn $1,000* for every displaced competitor.
            """
        let start = ContinuousClock.now
        let announcement = try AnnouncementParser.parse(
            file, file: "bench.md", rules: AnnouncementRules(tiers: tiers, tracks: CertificationTrack.defaults.map(\.id), today: CalendarDate(Date())))
        let parsed = ContinuousClock.now
        let result = try await database.broadcast(announcement, by: "UBENCH", now: Date())
        let committed = ContinuousClock.now
        let rows = try await database.outboxRecords(state: .pending).count
        let rerun = try await database.broadcast(announcement, by: "UBENCH", now: Date())
        return [
            .target("validate + resolve + commit (\(organisations) orgs)", (committed - start).seconds * 1000, "ms", .below(1000), decimals: 1),
            .info("validate", (parsed - start).seconds * 1000, "ms", decimals: 2),
            .info("resolve + commit", (committed - parsed).seconds * 1000, "ms", decimals: 1),
            .check("one message per target", result.posted == organisations && rows == organisations),
            .check("re-run sends nothing", rerun.posted == 0 && rerun.updated == 0),
        ]
    }
}
