import Foundation
import GRDB

extension AppDatabase {
    /// The program report for the registrations submitted in `period`, judged at `asOf`: whole
    /// months from the rollup, the partial months at the edges from the deals (by the
    /// `created_at` index), decision and win times from their covering indexes.
    public func programReport(period: ReportPeriod, breakdown: ProgramReport.Breakdown?, asOf: Date) async throws -> ProgramReport {
        try await store.read { db in
            let slices = try ReportSlice.fetchAll(db, range: ReportRange(start: period.start, end: period.end), now: asOf)
            let orgs = try ReportSQL.orgs(db)
            let times = try ReportSQL.times(db, start: period.start, end: period.end)
            var groups: [ProgramReport.Group] = []
            if let breakdown {
                let byGroup = Dictionary(grouping: slices) { orgs[$0.org]?.key(breakdown) ?? $0.org }
                groups = byGroup.map { key, slices in
                    ProgramReport.Group(key: key, name: breakdown == .partner ? orgs[key]?.name ?? key : key, figures: ProgramReport.Figures(slices))
                }.sorted { ($0.figures.submitted, $1.key) > ($1.figures.submitted, $0.key) }
            }
            return ProgramReport(
                period: period, asOf: asOf, totals: ProgramReport.Figures(slices),
                decisions: ProgramReport.Decisions(
                    decided: times.decisions.count, withinSLA: slices.reduce(0) { $0 + $1.withinSLA },
                    medianSeconds: ProgramReport.median(times.decisions), p90Seconds: ProgramReport.percentile(90, times.decisions)),
                medianDaysToWin: ProgramReport.median(times.daysToWin), topPartners: ReportSQL.topPartners(slices, orgs: orgs),
                partnersWithoutWin: ReportSQL.partnersWithoutWin(slices, orgs: orgs), breakdown: breakdown, groups: groups)
        }
    }
}

/// The report's queries. Every one reads the cohort `created_at ∈ [start, end)`.
enum ReportSQL {
    struct Scope {
        var start: SQLValue
        var end: SQLValue
        var now: SQLValue
        /// On SQLite, `INDEXED BY deal_created` for a cohort of at most a fifth of the deals, else
        /// `NOT INDEXED`: reading the table in order beats a lookup per deal. Empty on PostgreSQL,
        /// which has no planner hints.
        var access: String
        /// Only deals with a larger id (the ones not folded into the rollup yet).
        var afterID: Int64 = 0

        /// The deals above the rollup's watermark registered in `[start, end)`: read by id.
        init(unfoldedAfter mark: Int64, start: SQLValue, end: SQLValue, now: SQLValue, db: any SQLDatabase) {
            (self.start, self.end, self.now, afterID, access) = (start, end, now, mark, db.notIndexed)
        }

        init(start: SQLValue, end: SQLValue, now: SQLValue, db: any SQLDatabase) throws {
            (self.start, self.end, self.now) = (start, end, now)
            // The counts only choose SQLite's access path; PostgreSQL's planner chooses its own.
            guard db.dialect == .sqlite else {
                access = ""
                return
            }
            let cohort = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM deal INDEXED BY deal_created WHERE created_at >= ? AND created_at < ?", arguments: [start, end]) ?? 0
            let all = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM deal") ?? 0
            access = cohort * 5 > all ? "NOT INDEXED" : "INDEXED BY deal_created"
        }

        var arguments: SQLArguments { ["start": start, "end": end, "now": now, "after": afterID] }
    }

    static let cohort = "d.created_at >= :start AND d.created_at < :end AND d.id > :after"
    /// Open: approved and still protected at the report's time.
    static let open = "d.status = 'approved' AND d.protection_end > :now"
    static let expired = "(d.status = 'expired' OR (d.status = 'approved' AND d.protection_end <= :now))"
    /// Decided: approved (protection started) or declined.
    static let decided = "(d.decided_at IS NOT NULL AND (d.protection_start IS NOT NULL OR d.status = 'declined'))"

    /// How many rows of a group meet `condition`: a SUM of CASE, as PostgreSQL cannot sum booleans
    /// (0 for a group where none does; a condition that is NULL counts as not met, as in SQLite's
    /// `SUM(condition)`).
    static func count(where condition: String) -> String {
        "SUM(CASE WHEN \(condition) THEN 1 ELSE 0 END)"
    }

    /// An organisation's name and the groups it belongs to.
    struct Org {
        var name: String
        var tier: String
        var region: String
        var type: String
        var org: String

        func key(_ breakdown: ProgramReport.Breakdown) -> String {
            switch breakdown {
            case .partner: org
            case .tier: tier
            case .region: region
            case .type: type
            }
        }
    }

    static func orgs(_ db: any SQLDatabase) throws -> [String: Org] {
        var orgs: [String: Org] = [:]
        for row in try SQLRow.fetchAll(db, sql: "SELECT org, name, tier, region, type FROM partner_org") {
            orgs[row["org"]] = Org(name: row["name"], tier: row["tier"], region: row["region"], type: row["type"], org: row["org"])
        }
        return orgs
    }
}
