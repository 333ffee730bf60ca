import Foundation
import GRDB

/// An organisation's earnings by source, currency and state (minor units).
public struct EarningsSummary: Sendable, Equatable {
    public struct Line: Sendable, Equatable {
        public var source: String
        public var currency: String
        public var earned: Int64 = 0
        public var approved: Int64 = 0
        public var paid: Int64 = 0
        public var reversed: Int64 = 0
        /// Earned or approved, not paid yet.
        public var pending: Int64 { earned + approved }
    }

    public var org: String
    public var lines: [Line]
    /// The latest rows, newest first.
    public var recent: [Earning]
}

extension AppDatabase {
    /// An organisation's earnings recorded in `[start, end)` (every one when `nil`).
    public func earnings(org: String, start: Date?, end: Date?) async throws -> EarningsSummary {
        try await store.read { db in
            let range: SQLArguments = [org, (start ?? .distantPast).storedValue, (end ?? .distantFuture).storedValue]
            var lines: [String: EarningsSummary.Line] = [:]
            for row in try SQLRow.fetchAll(
                db,
                sql: """
                    SELECT source, currency, state, SUM(amount_minor) AS total FROM earning
                    WHERE org = ? AND created_at >= ? AND created_at < ? GROUP BY source, currency, state
                    """, arguments: range)
            {
                let (source, currency, state, total): (String, String, String, Int64) = (row["source"], row["currency"], row["state"], row["total"])
                var line = lines[source + "|" + currency] ?? .init(source: source, currency: currency)
                switch state {
                case "earned": line.earned += total
                case "approved": line.approved += total
                case "paid": line.paid += total
                default: line.reversed += total
                }
                lines[source + "|" + currency] = line
            }
            let recent = try Earning.fetchAll(
                db, sql: "SELECT * FROM earning WHERE org = ? AND created_at >= ? AND created_at < ? ORDER BY id DESC LIMIT 10", arguments: range)
            return EarningsSummary(org: org, lines: lines.values.sorted { ($0.source, $0.currency) < ($1.source, $1.currency) }, recent: recent)
        }
    }
}
