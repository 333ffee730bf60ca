import Foundation
import GRDB

extension ReportSQL {
    /// Decided: approved (protection started) or declined.
    static let decided = "d.decided_at IS NOT NULL AND (d.protection_start IS NOT NULL OR d.status = 'declined')"

    /// Seconds from registration to decision (to the millisecond, as stored), sorted.
    static func decisionTimes(_ db: Database, scope: Scope) throws -> [Double] {
        try Int64.fetchAll(
            db,
            sql: """
                SELECT CAST(ROUND((julianday(d.decided_at) - julianday(d.created_at)) * 86400000.0) AS INTEGER) AS millis
                FROM deal d WHERE \(cohort) AND \(decided) ORDER BY millis
                """, arguments: scope.arguments
        ).map { Double($0) / 1000 }
    }

    /// Decided no later than the approval SLA's due time (exactly at it counts as within).
    static func decidedWithinSLA(_ db: Database, scope: Scope) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM deal d WHERE \(cohort) AND \(decided) AND d.decided_at <= d.sla_due_at", arguments: scope.arguments) ?? 0
    }

    /// Days from registration to won, sorted.
    static func daysToWin(_ db: Database, scope: Scope) throws -> [Double] {
        try Int64.fetchAll(
            db,
            sql: """
                SELECT CAST(ROUND((julianday(d.closed_at) - julianday(d.created_at)) * 86400000.0) AS INTEGER) AS millis
                FROM deal d WHERE \(cohort) AND d.status = 'won' AND d.closed_at IS NOT NULL ORDER BY millis
                """, arguments: scope.arguments
        ).map { Double($0) / 86_400_000 }
    }

    /// Per currency, the five organisations with the largest won amounts.
    static func topPartners(_ db: Database, scope: Scope, limit: Int = 5) throws -> [ProgramReport.PartnerWon] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT d.org AS org, o.name AS name, d.currency AS currency, SUM(d.amount_minor) AS won, COUNT(*) AS deals
                FROM deal d JOIN partner_org o ON o.org = d.org
                WHERE \(cohort) AND d.status = 'won' AND d.amount_minor IS NOT NULL
                GROUP BY d.org, d.currency ORDER BY d.currency, won DESC, d.org
                """, arguments: scope.arguments)
        var perCurrency: [String: Int] = [:]
        return rows.compactMap { row in
            let currency: String = row["currency"] ?? "USD"
            perCurrency[currency, default: 0] += 1
            guard perCurrency[currency]! <= limit else { return nil }
            return ProgramReport.PartnerWon(org: row["org"], name: row["name"], currency: currency, wonMinor: row["won"], wonDeals: row["deals"])
        }
    }

    /// Organisations with registrations in the period and no win among them.
    static func partnersWithoutWin(_ db: Database, scope: Scope) throws -> [ProgramReport.PartnerWithoutWin] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT d.org AS org, o.name AS name, COUNT(*) AS registrations
                FROM deal d JOIN partner_org o ON o.org = d.org
                WHERE \(cohort) GROUP BY d.org HAVING SUM(d.status = 'won') = 0
                ORDER BY registrations DESC, d.org
                """, arguments: scope.arguments
        ).map { ProgramReport.PartnerWithoutWin(org: $0["org"], name: $0["name"], registrations: $0["registrations"]) }
    }

    static func orgNames(_ db: Database) throws -> [String: String] {
        var names: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT org, name FROM partner_org") { names[row["org"]] = row["name"] }
        return names
    }
}
