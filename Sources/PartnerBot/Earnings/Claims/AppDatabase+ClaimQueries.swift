import Foundation
import GRDB

/// What waits on managers: claims to decide, commissions to approve, earnings to pay.
public struct PayoutQueue: Sendable, Equatable {
    public var claims: [Claim]
    /// Commissions earned, waiting for approval.
    public var commissions: [Earning]
    /// Approved earnings not paid yet.
    public var toPay: [Earning]
    /// Organisation names by slug.
    public var names: [String: String]
}

extension AppDatabase {
    /// An organisation's claims, newest first.
    public func claims(org: String, limit: Int = 25) async throws -> [Claim] {
        try await store.read { db in
            try Claim.fetchAll(db, sql: "SELECT * FROM claim WHERE org = ? ORDER BY id DESC LIMIT ?", arguments: [org, limit])
        }
    }

    /// What waits for managers of `orgs` (every organisation when `nil`), oldest first.
    public func payoutQueue(orgs: Set<String>?, limit: Int = 25) async throws -> PayoutQueue {
        try await store.read { db in
            let scope = orgs.map { Array($0) } ?? []
            // An empty set of organisations matches no row: PostgreSQL refuses an empty `IN ()`, which SQLite takes.
            let filter = orgs == nil ? "" : scope.isEmpty ? "AND 1 = 0" : "AND org IN (\(databaseQuestionMarks(count: scope.count)))"
            let arguments = SQLArguments(scope)
            let claims = try Claim.fetchAll(
                db, sql: "SELECT * FROM claim WHERE state IN ('submitted', 'claimed') \(filter) ORDER BY id LIMIT \(limit)", arguments: arguments)
            let commissions = try Earning.fetchAll(
                db, sql: "SELECT * FROM earning WHERE state = 'earned' \(filter) ORDER BY id LIMIT \(limit)", arguments: arguments)
            let toPay = try Earning.fetchAll(
                db, sql: "SELECT * FROM earning WHERE state = 'approved' \(filter) ORDER BY id LIMIT \(limit)", arguments: arguments)
            let involved = Set(claims.map(\.org) + commissions.map(\.org) + toPay.map(\.org))
            var names: [String: String] = [:]
            for org in involved { names[org] = try String.fetchOne(db, sql: "SELECT name FROM partner_org WHERE org = ?", arguments: [org]) }
            return PayoutQueue(claims: claims, commissions: commissions, toPay: toPay, names: names)
        }
    }

    /// What an organisation's MDF requests of a quarter add up to (not rejected), by currency.
    public func mdfUsed(org: String, quarter: String) async throws -> [String: Int64] {
        try await store.read { db in
            var used: [String: Int64] = [:]
            for row in try SQLRow.fetchAll(
                db,
                sql: "SELECT currency, SUM(amount_minor) AS total FROM claim WHERE kind = 'mdf' AND org = ? AND budget_quarter = ? AND state <> 'rejected' GROUP BY currency",
                arguments: [org, quarter])
            {
                used[row["currency"]] = row["total"]
            }
            return used
        }
    }
}
