import Foundation
import GRDB

/// What a tier review click did.
public enum TierDecisionOutcome: Sendable, Equatable {
    case applied(org: String, to: String)
    case kept(org: String, tier: String)
    /// This quarter's review of the organisation was already decided (a double click, another manager).
    case alreadyDecided(decision: String, by: String, tier: String)
    /// The organisation's tier changed since the review was posted.
    case stale(current: String)
    case notFound
}

extension AppDatabase {
    /// Decides an organisation's tier review: once per organisation and quarter. Applying changes
    /// the tier (so announcement segments use it at once) and tells the partner in their channel.
    public func decideTier(org: String, to: String, from: String, quarter: String, apply: Bool, by userID: String, now: Date) async throws -> TierDecisionOutcome {
        try await store.write { db in
            if let row = try SQLRow.fetchOne(
                db, sql: "SELECT decision, decided_by, to_tier, from_tier FROM tier_decision WHERE org = ? AND quarter = ?", arguments: [org, quarter])
            {
                let decision: String = row["decision"]
                return .alreadyDecided(decision: decision, by: row["decided_by"], tier: decision == "applied" ? row["to_tier"] : row["from_tier"])
            }
            guard let partner = try PartnerOrg.find(org, db: db) else { return .notFound }
            guard partner.tier == from else { return .stale(current: partner.tier) }
            try db.execute(
                sql: "INSERT INTO tier_decision (org, quarter, decision, from_tier, to_tier, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                arguments: [org, quarter, apply ? "applied" : "kept", from, to, userID, now.storedValue])
            guard apply else { return .kept(org: org, tier: from) }
            try db.execute(sql: "UPDATE partner_org SET tier = ?, updated_at = ? WHERE org = ?", arguments: [to, now.storedValue, org])
            if let channel = partner.channelID {
                try self.enqueue(.post(TierText.changed(org: partner.name, from: from, to: to), to: channel, dedupeKey: "tier:\(org):\(quarter):\(to)"), in: db, now: now)
            }
            return .applied(org: org, to: to)
        }
    }
}
