import Foundation
import GRDB

extension AppDatabase {
    /// What the tiers measure for `org` over the rolling four quarters at `now`: won amounts
    /// (deals closed won in the window), approved registrations (protection started in the
    /// window), and people holding a certification active today.
    public func tierMeasures(org: String, now: Date) async throws -> TierMeasures {
        try await store.read { db in try Self.tierMeasures(org: org, now: now, db: db) }
    }

    static func tierMeasures(org: String, now: Date, db: any SQLDatabase) throws -> TierMeasures {
        let window = TierMeasures.window(at: now)
        let (start, end) = (window.start.storedValue, window.end.storedValue)
        var won: [String: Int64] = [:]
        for row in try SQLRow.fetchAll(
            db,
            sql: """
                SELECT currency, SUM(amount_minor) AS won FROM deal
                WHERE org = ? AND status = 'won' AND amount_minor IS NOT NULL AND closed_at >= ? AND closed_at < ? GROUP BY currency
                """, arguments: [org, start, end])
        {
            won[row["currency"] ?? Money.defaultCurrency] = row["won"]
        }
        let approved = try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM deal WHERE org = ? AND protection_start >= ? AND protection_start < ?", arguments: [org, start, end]) ?? 0
        var certified: [String: Set<String>] = [:]
        for row in try SQLRow.fetchAll(
            db, sql: "SELECT track, team_id || '/' || user_id AS person FROM certification WHERE org = ? AND state = 'active' AND expires_on > ?",
            arguments: [org, CalendarDate(now).description])
        {
            certified[row["track"], default: []].insert(row["person"])
        }
        return TierMeasures(windowStart: window.start, windowEnd: window.end, wonMinor: won, certifiedByTrack: certified, approvedRegistrations: approved)
    }

    /// An organisation's scorecard, or `nil` when there is no such organisation.
    public func tierScorecard(org: String, settings: ProgramSettings, now: Date) async throws -> TierScorecard? {
        guard let partner = try await partnerOrg(org) else { return nil }
        return TierScorecard(org: partner, measures: try await tierMeasures(org: org, now: now), rules: settings.tierRules, tiers: settings.tiers)
    }
}
