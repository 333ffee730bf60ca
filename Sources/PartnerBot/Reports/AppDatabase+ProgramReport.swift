import Foundation
import GRDB

extension AppDatabase {
    /// The program report for the registrations submitted in `period`, judged at `asOf`: a few
    /// aggregate queries over the `created_at` index, never a scan of every deal's history.
    public func programReport(period: ReportPeriod, breakdown: ProgramReport.Breakdown?, asOf: Date) async throws -> ProgramReport {
        try await writer.read { db in
            let scope = ReportSQL.Scope(start: period.start.storedValue, end: period.end.storedValue, now: asOf.storedValue)
            var groups: [ProgramReport.Group] = []
            if let breakdown {
                let figures = try ReportSQL.figures(db, scope: scope, group: ReportSQL.groupExpression(breakdown))
                let names = breakdown == .partner ? try ReportSQL.orgNames(db) : [:]
                groups = figures.map { ProgramReport.Group(key: $0.key, name: names[$0.key] ?? $0.key, figures: $0.value) }
                    .sorted { ($0.figures.submitted, $1.key) > ($1.figures.submitted, $0.key) }
            }
            let sorted = try ReportSQL.decisionTimes(db, scope: scope)
            return ProgramReport(
                period: period, asOf: asOf, totals: try ReportSQL.figures(db, scope: scope, group: "''")[""] ?? .init(),
                decisions: ProgramReport.Decisions(
                    decided: sorted.count, withinSLA: try ReportSQL.decidedWithinSLA(db, scope: scope),
                    medianSeconds: ProgramReport.median(sorted), p90Seconds: ProgramReport.percentile(90, sorted)),
                medianDaysToWin: ProgramReport.median(try ReportSQL.daysToWin(db, scope: scope)),
                topPartners: try ReportSQL.topPartners(db, scope: scope), partnersWithoutWin: try ReportSQL.partnersWithoutWin(db, scope: scope),
                breakdown: breakdown, groups: groups)
        }
    }
}

/// The report's queries. Every one reads the cohort `created_at ∈ [start, end)`.
enum ReportSQL {
    struct Scope {
        var start: DatabaseValue
        var end: DatabaseValue
        var now: DatabaseValue
        var arguments: StatementArguments { ["start": start, "end": end, "now": now] }
    }

    static let cohort = "d.created_at >= :start AND d.created_at < :end"
    /// Open: approved and still protected at the report's time.
    static let open = "d.status = 'approved' AND d.protection_end > :now"
    static let expired = "(d.status = 'expired' OR (d.status = 'approved' AND d.protection_end <= :now))"

    static func groupExpression(_ breakdown: ProgramReport.Breakdown) -> String {
        switch breakdown {
        case .partner: "d.org"
        case .tier: "o.tier"
        case .region: "o.region"
        case .type: "o.type"
        }
    }

    /// Counts and amounts per group (`group` is an SQL expression over `d` and `o`).
    static func figures(_ db: Database, scope: Scope, group: String) throws -> [String: ProgramReport.Figures] {
        var result: [String: ProgramReport.Figures] = [:]
        let counts = try Row.fetchAll(
            db,
            sql: """
                SELECT \(group) AS g, COUNT(*) AS submitted, SUM(d.protection_start IS NOT NULL) AS approved,
                       SUM(d.status = 'declined') AS declined, SUM(d.conflict_with IS NOT NULL) AS conflict,
                       SUM(\(expired)) AS expired, SUM(d.status = 'won') AS won, SUM(d.status = 'lost') AS lost
                FROM deal d JOIN partner_org o ON o.org = d.org
                WHERE \(cohort) GROUP BY g
                """, arguments: scope.arguments)
        for row in counts {
            var figures = ProgramReport.Figures()
            (figures.submitted, figures.approved, figures.declined) = (row["submitted"], row["approved"], row["declined"])
            (figures.conflict, figures.expired, figures.won, figures.lost) = (row["conflict"], row["expired"], row["won"], row["lost"])
            result[row["g"] ?? ""] = figures
        }
        for (key, money) in try amounts(db, scope: scope, group: group) {
            result[key, default: .init()].pipeline = money.pipeline
            result[key, default: .init()].wonAmounts = money.won
        }
        return result
    }

    /// Open pipeline and won amounts per group and currency, split by source.
    static func amounts(_ db: Database, scope: Scope, group: String) throws -> [String: (pipeline: [ProgramReport.Amounts], won: [ProgramReport.Amounts])] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT \(group) AS g, d.currency AS currency, COALESCE(d.source, '') AS source,
                       SUM(CASE WHEN \(open) THEN d.amount_minor ELSE 0 END) AS pipeline,
                       SUM(CASE WHEN d.status = 'won' THEN d.amount_minor ELSE 0 END) AS won
                FROM deal d JOIN partner_org o ON o.org = d.org
                WHERE \(cohort) AND d.amount_minor IS NOT NULL AND (\(open) OR d.status = 'won')
                GROUP BY g, currency, source
                """, arguments: scope.arguments)
        var pipeline: [String: [String: ProgramReport.Amounts]] = [:]
        var won: [String: [String: ProgramReport.Amounts]] = [:]
        for row in rows {
            let (key, currency, source): (String, String, String) = (row["g"] ?? "", row["currency"] ?? "USD", row["source"])
            add(row["pipeline"], source: source, to: &pipeline[key, default: [:]][currency, default: .init(currency: currency)])
            add(row["won"], source: source, to: &won[key, default: [:]][currency, default: .init(currency: currency)])
        }
        let keys = Set(pipeline.keys).union(won.keys)
        return Dictionary(uniqueKeysWithValues: keys.map { key in
            (key, (nonZero(pipeline[key]), nonZero(won[key])))
        })
    }

    private static func add(_ minor: Int64, source: String, to amounts: inout ProgramReport.Amounts) {
        switch source {
        case "sourced": amounts.sourcedMinor += minor
        case "influenced": amounts.influencedMinor += minor
        default: amounts.unspecifiedMinor += minor
        }
    }

    private static func nonZero(_ byCurrency: [String: ProgramReport.Amounts]?) -> [ProgramReport.Amounts] {
        (byCurrency ?? [:]).values.filter { $0.totalMinor != 0 }.sorted { $0.currency < $1.currency }
    }
}
