import Foundation
import GRDB

/// The cohort aggregated in one pass by organisation, currency and source: every figure of the
/// report (totals, breakdowns, top partners, partners without a win) is a sum of slices.
struct ReportSlice {
    var org: String
    var currency: String?
    var source: String
    var submitted = 0
    var approved = 0
    var declined = 0
    var conflict = 0
    var expired = 0
    var won = 0
    var lost = 0
    var withinSLA = 0
    var pipelineMinor: Int64 = 0
    var wonMinor: Int64 = 0
    /// Won deals that have an amount.
    var wonWithAmount = 0

    static func fetchAll(_ db: any SQLDatabase, scope: ReportSQL.Scope) throws -> [ReportSlice] {
        var slices: [ReportSlice] = []
        try db.forEachRow(
            sql: """
                SELECT d.org, d.currency, COALESCE(d.source, ''), COUNT(*),
                       \(ReportSQL.count(where: "d.protection_start IS NOT NULL")), \(ReportSQL.count(where: "d.status = 'declined'")),
                       \(ReportSQL.count(where: "d.conflict_with IS NOT NULL")), \(ReportSQL.count(where: ReportSQL.expired)),
                       \(ReportSQL.count(where: "d.status = 'won'")), \(ReportSQL.count(where: "d.status = 'lost'")),
                       \(ReportSQL.count(where: "\(ReportSQL.decided) AND d.decided_at <= d.sla_due_at")),
                       COALESCE(SUM(CASE WHEN \(ReportSQL.open) THEN d.amount_minor END), 0), COALESCE(SUM(CASE WHEN d.status = 'won' THEN d.amount_minor END), 0),
                       \(ReportSQL.count(where: "d.status = 'won' AND d.amount_minor IS NOT NULL"))
                FROM deal d \(scope.access) WHERE \(ReportSQL.cohort)
                GROUP BY d.org, d.currency, d.source
                """, arguments: scope.arguments
        ) { row in
            var slice = ReportSlice(org: row[0], currency: row[1], source: row[2])
            (slice.submitted, slice.approved, slice.declined, slice.conflict) = (row[3], row[4], row[5], row[6])
            (slice.expired, slice.won, slice.lost, slice.withinSLA) = (row[7], row[8], row[9], row[10])
            (slice.pipelineMinor, slice.wonMinor, slice.wonWithAmount) = (row[11], row[12], row[13])
            slices.append(slice)
        }
        return slices
    }
}

extension ProgramReport.Figures {
    /// The figures of `slices` summed.
    init(_ slices: some Sequence<ReportSlice>) {
        self.init()
        var pipeline: [String: ProgramReport.Amounts] = [:]
        var won: [String: ProgramReport.Amounts] = [:]
        for slice in slices {
            submitted += slice.submitted
            approved += slice.approved
            declined += slice.declined
            conflict += slice.conflict
            expired += slice.expired
            self.won += slice.won
            lost += slice.lost
            guard let currency = slice.currency else { continue }
            pipeline[currency, default: .init(currency: currency)].add(slice.pipelineMinor, source: slice.source)
            won[currency, default: .init(currency: currency)].add(slice.wonMinor, source: slice.source)
        }
        self.pipeline = pipeline.values.filter { $0.totalMinor != 0 }.sorted { $0.currency < $1.currency }
        wonAmounts = won.values.filter { $0.totalMinor != 0 }.sorted { $0.currency < $1.currency }
    }
}

extension ProgramReport.Amounts {
    mutating func add(_ minor: Int64, source: String) {
        switch source {
        case "sourced": sourcedMinor += minor
        case "influenced": influencedMinor += minor
        default: unspecifiedMinor += minor
        }
    }
}
