import Foundation
import GRDB

extension ReportSQL {
    /// Seconds from registration to decision and days from registration to won (to the
    /// millisecond, as stored), each sorted: index-only reads of the generated durations.
    static func times(_ db: any SQLDatabase, start: Date, end: Date) throws -> (decisions: [Double], daysToWin: [Double]) {
        let range: SQLArguments = [start.storedValue, end.storedValue]
        let decisions = try Int64.fetchAll(
            db, sql: "SELECT decision_ms FROM deal \(db.indexedBy("deal_decision_ms")) WHERE created_at >= ? AND created_at < ? AND decision_ms IS NOT NULL",
            arguments: range)
        let wins = try Int64.fetchAll(
            db, sql: "SELECT won_ms FROM deal \(db.indexedBy("deal_won_ms")) WHERE created_at >= ? AND created_at < ? AND won_ms IS NOT NULL",
            arguments: range)
        return (decisions.sorted().map { Double($0) / 1000 }, wins.sorted().map { Double($0) / 86_400_000 })
    }

    /// Per currency, the five organisations with the largest won amounts.
    static func topPartners(_ slices: [ReportSlice], orgs: [String: Org], limit: Int = 5) -> [ProgramReport.PartnerWon] {
        var totals: [String: ProgramReport.PartnerWon] = [:]
        for slice in slices where slice.wonWithAmount > 0 {
            guard let currency = slice.currency else { continue }
            let key = slice.org + "\u{1}" + currency
            var entry = totals[key] ?? .init(org: slice.org, name: orgs[slice.org]?.name ?? slice.org, currency: currency, wonMinor: 0, wonDeals: 0)
            entry.wonMinor += slice.wonMinor
            entry.wonDeals += slice.wonWithAmount
            totals[key] = entry
        }
        let sorted = totals.values.sorted { ($0.currency, -$0.wonMinor, $0.org) < ($1.currency, -$1.wonMinor, $1.org) }
        return Dictionary(grouping: sorted, by: \.currency).keys.sorted().flatMap { currency in
            sorted.filter { $0.currency == currency }.prefix(limit)
        }
    }

    /// Organisations with registrations in the period and no win among them, most registrations first.
    static func partnersWithoutWin(_ slices: [ReportSlice], orgs: [String: Org]) -> [ProgramReport.PartnerWithoutWin] {
        var counts: [String: (registrations: Int, won: Int)] = [:]
        for slice in slices {
            counts[slice.org, default: (0, 0)].registrations += slice.submitted
            counts[slice.org, default: (0, 0)].won += slice.won
        }
        return counts.filter { $0.value.won == 0 }
            .map { ProgramReport.PartnerWithoutWin(org: $0.key, name: orgs[$0.key]?.name ?? $0.key, registrations: $0.value.registrations) }
            .sorted { ($1.registrations, $0.org) < ($0.registrations, $1.org) }
    }
}
