import Foundation
import GRDB
import SlackPlatform

/// Tiers in the alert pass: once a day, partners close to their next tier are nudged (once per
/// organisation and tier, ever); on the first pass of a quarter, managers get one review of the
/// organisations whose figures qualify for another tier. The ledger makes both exactly once.
extension AlertPlanner {
    mutating func tiers() throws {
        // Without criteria there is nothing to measure: tiers are only assigned by hand.
        guard !settings.tierRules.criteria.isEmpty, try claim("program", .tierCheck, today.description) else { return }
        let orgs = try PartnerOrg.fetchAll(db, sql: "SELECT * FROM partner_org ORDER BY org")
        var changes: [TierReviewItem] = []
        for org in orgs {
            let card = TierScorecard(
                org: org, measures: try AppDatabase.tierMeasures(org: org.org, now: now, db: db), rules: settings.tierRules, tiers: settings.tiers)
            try nudge(card, channel: org.channelID)
            if card.qualifiesFor != card.currentTier { changes.append(TierReviewItem(card: card, tiers: settings.tiers)) }
        }
        try review(changes)
    }

    private mutating func nudge(_ card: TierScorecard, channel: String?) throws {
        guard let channel, let next = card.nextTier, card.isClose(percent: settings.tierRules.nudgePercent),
            try claim("org:\(card.org)", .tierNudge, next)
        else { return }
        fired.append(Alert(
            subject: "org:\(card.org)", kind: .tierNudge, threshold: next, messages: [(.partnerChannel(channel), TierText.nudge(card))],
            summary: "\(card.orgName) is close to \(next)"))
    }

    private mutating func review(_ items: [TierReviewItem]) throws {
        let quarter = ReportPeriod(.thisQuarter, asOf: now).label
        guard let channel = managersChannel, try claim("program", .tierReview, quarter) else { return }
        guard !items.isEmpty else { return }
        for (index, chunk) in stride(from: 0, to: items.count, by: TierReviewItem.perMessage).map({ Array(items[$0..<min($0 + TierReviewItem.perMessage, items.count)]) }).enumerated() {
            fired.append(Alert(
                subject: "program", kind: .tierReview, threshold: "\(quarter)#\(index + 1)",
                messages: [(.managersDecision(channel), TierReviewItem.message(chunk, quarter: quarter, page: index + 1, of: (items.count + TierReviewItem.perMessage - 1) / TierReviewItem.perMessage))],
                summary: "tier review \(quarter): \(chunk.count) organisation(s)"))
        }
    }
}
