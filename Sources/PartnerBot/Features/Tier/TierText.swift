import Foundation
import SlackPlatform

/// The scorecard as partners and managers read it.
enum TierText {
    static func scorecard(_ card: TierScorecard) -> MessageReply {
        var blocks: [Block] = [.section(text: "*\(Mrkdwn.escape(card.orgName))* is *\(card.currentTier)*" + qualification(card))]
        if let next = card.nextTier, card.lines.isEmpty {
            blocks.append(.section(text: "No criteria are configured for *\(next)*: your partner manager assigns tiers."))
        } else if let next = card.nextTier {
            blocks.append(.section(text: (["*Toward \(next)*"] + card.lines.map(line)).joined(separator: "\n")))
            let missing = card.lines.filter { !$0.met }.map { "\($0.name): \($0.thresholdText) needed, \($0.valueText) so far" }
            blocks.append(.section(text: missing.isEmpty
                ? "Every criterion for *\(next)* is met: your partner manager reviews tiers at the start of each quarter."
                : "*Missing for \(next)*: " + missing.joined(separator: "; ")))
        } else if !card.lines.isEmpty {
            blocks.append(.section(text: (["*Keeping \(card.currentTier)* (the top tier)"] + card.lines.map(line)).joined(separator: "\n")))
        }
        let days = "\(DisplayTime.day(card.windowStart)) – \(DisplayTime.day(card.windowEnd.addingTimeInterval(-1)))"
        blocks.append(.context(["Measured over the rolling four quarters \(days); the window moves on \(DisplayTime.day(card.windowEnd))."]))
        let text = "\(card.orgName): tier \(card.currentTier)" + (card.nextTier.map { ", toward \($0)" } ?? "")
        return MessageReply(text: text, blocks: blocks)
    }

    static func line(_ line: TierScorecard.Line) -> String {
        "`\(ProgramReport.bar(line.share))` \(line.met ? "✅" : "▫️") \(line.name): \(line.valueText) / \(line.thresholdText)"
    }

    private static func qualification(_ card: TierScorecard) -> String {
        guard card.qualifiesFor != card.currentTier else { return "." }
        return " (its figures qualify for *\(card.qualifiesFor)*)."
    }

    /// The "close to the next tier" nudge, in the partner's channel.
    static func nudge(_ card: TierScorecard) -> MessageReply {
        let next = card.nextTier ?? card.currentTier
        let missing = card.lines.filter { !$0.met }.map { "\($0.name): \($0.valueText) of \($0.thresholdText)" }
        let lines = ["🎯 *\(Mrkdwn.escape(card.orgName)) is close to \(next)*"] + card.lines.map(line)
            + ["Still to go: " + missing.joined(separator: "; ") + ". `/tier` shows your scorecard."]
        return MessageReply(text: lines.joined(separator: "\n"), blocks: [.section(text: lines.joined(separator: "\n"))], visibility: .inChannel)
    }

    /// The partner hears of its new tier.
    static func changed(org: String, from: String, to: String) -> MessageReply {
        let text = "🏅 *\(Mrkdwn.escape(org))* is now *\(to)* (was \(from)). `/tier` shows what the next tier takes."
        return MessageReply(text: text, blocks: [.section(text: text)], visibility: .inChannel)
    }
}

