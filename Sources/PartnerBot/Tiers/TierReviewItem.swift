import Foundation
import SlackPlatform

extension ActionID {
    /// Apply a reviewed tier change.
    static let tierApply = ActionID(rawValue: "tier_apply")
    /// Keep the current tier.
    static let tierKeep = ActionID(rawValue: "tier_keep")
}

/// One organisation in the quarterly tier review: its tier and the one its figures qualify for.
struct TierReviewItem {
    static let perMessage = 20
    var card: TierScorecard
    var isUpgrade: Bool

    init(card: TierScorecard, tiers: [String]) {
        self.card = card
        isUpgrade = (tiers.firstIndex(of: card.qualifiesFor) ?? 0) > (tiers.firstIndex(of: card.currentTier) ?? 0)
    }

    /// The button value: organisation, the tier it moves to, the tier it moves from, the quarter.
    static func value(org: String, to: String, from: String, quarter: String) -> String { [org, to, from, quarter].joined(separator: "|") }

    static func message(_ items: [TierReviewItem], quarter: String, page: Int, of pages: Int) -> MessageReply {
        var blocks: [Block] = [.section(text: "*Tier review \(quarter)*" + (pages > 1 ? " (\(page) of \(pages))" : "")
            + ": organisations whose last four quarters qualify them for another tier. *Apply* changes the tier and tells the partner; *Keep* leaves it.")]
        for item in items {
            let card = item.card
            let arrow = item.isUpgrade ? "⬆️ upgrade" : "⬇️ below its tier"
            let figures = TierScorecard.lines(for: card).map { "\($0.name) \($0.valueText)" }.joined(separator: " · ")
            blocks.append(.section(text: "*\(Mrkdwn.escape(card.orgName))* (`\(card.org)`): \(card.currentTier) → *\(card.qualifiesFor)* (\(arrow))\n\(figures)"))
            let value = value(org: card.org, to: card.qualifiesFor, from: card.currentTier, quarter: quarter)
            blocks.append(.actions([
                Button("Apply: \(card.qualifiesFor)", action: .tierApply, value: value, style: .primary),
                Button("Keep \(card.currentTier)", action: .tierKeep, value: value),
            ]))
        }
        let text = "Tier review \(quarter): " + items.map { "\($0.card.orgName) \($0.card.currentTier) → \($0.card.qualifiesFor)" }.joined(separator: "; ")
        return MessageReply(text: text, blocks: blocks)
    }
}

extension TierScorecard {
    /// The figures a reviewer needs: the lines of the tier it would move to, else the next tier's.
    static func lines(for card: TierScorecard) -> [Line] { card.lines.isEmpty ? card.keepLines : card.lines }
}
