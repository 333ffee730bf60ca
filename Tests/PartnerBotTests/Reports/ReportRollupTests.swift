import Foundation
import GRDB
import Testing
@testable import PartnerBot

@Suite("Report rollup: kept by triggers, equal to the deals")
struct ReportRollupTests {
    /// The figures straight from the deals, without the rollup.
    static func fromDeals(_ database: AppDatabase, _ start: Date, _ end: Date, now: Date) async throws -> ProgramReport.Figures {
        try await database.store.read { db in
            ProgramReport.Figures(try ReportSlice.fetchAll(db, scope: ReportSQL.Scope(start: start.storedValue, end: end.storedValue, now: now.storedValue, db: db)))
        }
    }

    static let periods: [(String, String)] = [
        ("2026-10-01", "2027-06-30"), ("2026-12-20", "2027-02-05"), ("2027-01-03", "2027-01-09"), ("2027-02-01", "2027-03-31"), ("2026-01-01", "2027-12-31"),
    ]

    static func expectAgreement(_ database: AppDatabase, _ stage: String) async throws {
        for (from, to) in Self.periods {
            let period = ReportPeriod(.range(from: CalendarDate(iso: from)!, to: CalendarDate(iso: to)!), asOf: ReportTimeline.asOf)
            let report = try await database.programReport(period: period, breakdown: nil, asOf: ReportTimeline.asOf)
            let expected = try await Self.fromDeals(database, period.start, period.end, now: ReportTimeline.asOf)
            #expect(report.totals == expected, "\(stage): \(from) – \(to)")
        }
    }

    @Test func wholeMonthsFromTheRollupAndEdgesFromTheDealsAgreeWithTheDeals() async throws {
        let database = try await ReportTimeline.build()
        try await Self.expectAgreement(database, "nothing folded yet")
        #expect(try await database.foldReportRollup(batch: 4) == 9, "in batches")
        try await Self.expectAgreement(database, "all folded")
        // A change to a folded deal moves the rollup; an import waits above the watermark.
        try await ReportTimeline.act(database, .won, 3, at: "2027-03-01T00:00:00Z")
        let rows = try DealImport.rows(
            csv: DealImport.header.joined(separator: ",") + "\nX1,calm,Imported Co,imported.com,9000,EUR,,sourced,2027-02-14,2027-02-15,approved,,lost,2027-03-02,gone\n",
            orgs: ["acme", "bolt", "calm"], stages: ["registered", "qualified", "proposal", "negotiation"])
        _ = try await database.importDeals(rows, source: "t.csv", settings: ReportTimeline.settings, now: ReportTimeline.asOf)
        try await Self.expectAgreement(database, "changed after the fold")
        #expect(try await database.foldReportRollup() == 1)
        try await ReportTimeline.act(database, .approve, 5, at: "2027-03-02T00:00:00Z")
        try await Self.expectAgreement(database, "folded again, then approved")
        let months = try await database.store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM deal_rollup") ?? 0 }
        #expect(months > 0 && months < 20, "a row per month, organisation, currency and source")
    }

    @Test func theDurationsAreReadFromTheirIndexes() async throws {
        let database = try await ReportTimeline.build()
        let plans = try await database.store.read { db in
            try ["decision_ms", "won_ms"].map { column in
                try SQLRow.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT \(column) FROM deal INDEXED BY deal_\(column) WHERE created_at >= '2027' AND created_at < '2028' AND \(column) IS NOT NULL")
                    .map { $0["detail"] as String }.joined()
            }
        }
        #expect(plans.allSatisfy { $0.contains("COVERING INDEX") }, "\(plans)")
    }
}

@Suite("Report rollup: an existing database gets it on upgrade")
struct ReportRollupUpgradeTests {
    @Test func dealsRegisteredBeforeTheRollupAreInIt() async throws {
        let path = try TestSupport.temporaryDirectory().appendingPathComponent("old.sqlite").path
        do {
            let old = try DatabaseQueue(path: path)
            try AppDatabase.migrator.migrate(old, upTo: "v20-tier-decisions")
            try await old.write { db in
                try db.execute(sql: "INSERT INTO partner_org (org, name, type, tier, region, created_at, updated_at) VALUES ('acme', 'Acme', 'reseller', 'select', 'emea', '2026-01-01', '2026-01-01')")
                try db.execute(sql: """
                    INSERT INTO deal (org, customer_name, customer_key, amount_minor, currency, status, submitted_by, submitted_team, created_at, updated_at,
                                      sla_due_at, decided_at, protection_start, protection_end, closed_at)
                    VALUES ('acme', 'A', 'a', 100000, 'USD', 'won', 'U', 'T', '2027-01-05 00:00:00.000', '2027-01-05 00:00:00.000', '2027-01-07 00:00:00.000',
                            '2027-01-06 00:00:00.000', '2027-01-06 00:00:00.000', '2027-04-06 00:00:00.000', '2027-02-04 00:00:00.000'),
                           ('acme', 'B', 'b', NULL, NULL, 'pending', 'U', 'T', '2027-02-05 00:00:00.000', '2027-02-05 00:00:00.000', '2027-02-07 00:00:00.000',
                            NULL, NULL, NULL, NULL)
                    """)
            }
        }
        let database = try AppDatabase.open(path: path)
        let q1 = ReportPeriod(.range(from: CalendarDate(iso: "2027-01-01")!, to: CalendarDate(iso: "2027-03-31")!), asOf: ReportTimeline.asOf)
        let report = try await database.programReport(period: q1, breakdown: nil, asOf: ReportTimeline.asOf)
        #expect(report.totals.submitted == 2 && report.totals.won == 1)
        #expect(report.totals.wonAmounts == [ProgramReport.Amounts(currency: "USD", unspecifiedMinor: 100_000)])
        #expect(report.decisions.medianSeconds == 86_400.0 && report.medianDaysToWin == 30, "durations filled in on upgrade")
        let folded = try await database.store.read { db in try Int.fetchOne(db, sql: "SELECT SUM(submitted) FROM deal_rollup") }
        #expect(folded == 2, "in the rollup, not read as unfolded deals")
    }
}
