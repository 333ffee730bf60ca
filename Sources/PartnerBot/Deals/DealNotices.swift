import Foundation
import SlackPlatform

/// The messages deal changes produce, as Block Kit. User text is always escaped.
enum DealNotices {
    /// Button action ids.
    /// The facts of a deal as mrkdwn fields.
    static func fields(_ deal: Deal, org: PartnerOrg?, now: Date) -> [String] {
        var fields = [
            "*Partner*\n\(Mrkdwn.escape(org?.name ?? deal.org)) (`\(deal.org)`\(org.map { ", \($0.type.rawValue), \($0.tier)" } ?? ""))",
            "*Customer*\n\(Mrkdwn.escape(deal.customerName))",
        ]
        if let domain = deal.domain { fields.append("*Domain*\n\(domain)") }
        if let amount = deal.amount { fields.append("*Amount*\n\(amount)") }
        if let close = deal.closeDate { fields.append("*Expected close*\n\(close)") }
        if let motion = deal.motion { fields.append("*Motion*\n\(motion)\(deal.source.map { " · \($0)" } ?? "")") }
        if let contact = deal.contact { fields.append("*Contact*\n\(Mrkdwn.escape(contact))") }
        fields.append("*Submitted by*\n<@\(deal.submittedBy)>")
        return fields
    }

    /// The review message managers decide on.
    static func review(_ deal: Deal, org: PartnerOrg?, conflict: ConflictView?, now: Date) -> MessageReply {
        let title = conflict == nil ? "New deal registration \(deal.reference)" : "Conflicting registration \(deal.reference)"
        var blocks: [Block] = [.header(title), .section(text: summaryLine(deal, now: now), fields: fields(deal, org: org, now: now))]
        if let note = deal.note { blocks.append(.section(text: "*Note*: \(Mrkdwn.escape(note))")) }
        if let question = deal.question { blocks.append(.section(text: "*Question to the partner*: \(Mrkdwn.escape(question))")) }
        if let conflict { blocks += conflictBlocks(conflict, now: now) }
        var text = "\(title): \(Mrkdwn.escape(deal.customerName)) from \(Mrkdwn.escape(org?.name ?? deal.org))"
        if let decision = decisionLine(deal) {
            blocks.append(.context([decision]))
            text += " — \(deal.status.label)"
        } else {
            blocks.append(.actions([
                Button("Approve", action: .dealApprove, value: deal.reference, style: .primary),
                Button("Decline", action: .dealDecline, value: deal.reference, style: .danger),
                Button("Need info", action: .dealNeedInfo, value: deal.reference),
            ], blockID: "deal_review_\(deal.id ?? 0)"))
            blocks.append(.context(["Or: `/deal approve \(deal.reference)` · `/deal decline \(deal.reference) <reason>` · `/deal needinfo \(deal.reference) <question>`"]))
        }
        return MessageReply(text: text, blocks: blocks)
    }

    /// What a conflict looks like to managers: both sides and the recommendation.
    struct ConflictView: Sendable {
        var holder: Deal
        var holderOrg: PartnerOrg?
        var recommendation: ConflictPolicy.Side
        var rule: String
    }

    static func conflictBlocks(_ conflict: ConflictView, now: Date) -> [Block] {
        let holder = conflict.holder
        let winner = conflict.recommendation == .holder ? "keep \(holder.reference) (\(Mrkdwn.escape(conflict.holderOrg?.name ?? holder.org)))" : "switch to this registration"
        return [
            .divider,
            .section(
                text: "*Already registered:* \(holder.reference) by \(Mrkdwn.escape(conflict.holderOrg?.name ?? holder.org)) — \(holder.status.label), registered \(DisplayTime.dateTime(holder.createdAt))",
                fields: fields(holder, org: conflict.holderOrg, now: now)),
            .section(text: "*Recommendation:* \(winner) — \(conflict.rule). Approving this registration declines \(holder.reference); declining it keeps \(holder.reference)."),
        ]
    }

    static func summaryLine(_ deal: Deal, now: Date) -> String {
        switch deal.status {
        case .pending, .needsInfo, .conflict:
            "Status: *\(deal.status.label)* · decision due \(DisplayTime.dateTime(deal.slaDueAt)) (\(DisplayTime.until(deal.slaDueAt, from: now)))"
        default:
            "Status: *\(deal.effectiveStatus(at: now).label)*"
        }
    }

    static func decisionLine(_ deal: Deal) -> String? {
        guard let by = deal.decidedBy, let at = deal.decidedAt else { return nil }
        switch deal.status {
        case .approved, .won, .lost, .expired:
            return "✅ Approved by <@\(by)> on \(DisplayTime.dateTime(at)) · protected until \(deal.protectionEnd.map(DisplayTime.day) ?? "?")"
        case .declined:
            return "❌ Declined by <@\(by)> on \(DisplayTime.dateTime(at)): \(Mrkdwn.escape(deal.reason ?? ""))"
        case .needsInfo:
            return "❓ <@\(by)> asked for more information on \(DisplayTime.dateTime(at))"
        case .pending, .conflict:
            return nil
        }
    }

    /// The partner's confirmation after registering.
    static func registered(_ deal: Deal, now: Date) -> MessageReply {
        var lines = [
            "✅ Registered *\(deal.reference)*: \(Mrkdwn.escape(deal.customerName)) (customer key `\(deal.customerKey)`\(deal.domain.map { ", \($0)" } ?? "")).",
            "Status: *pending*. A partner manager decides by \(DisplayTime.dateTime(deal.slaDueAt)) (\(DisplayTime.until(deal.slaDueAt, from: now))).",
        ]
        if let amount = deal.amount { lines.append("Amount: \(amount)\(deal.closeDate.map { " · expected close \($0)" } ?? "")") }
        lines.append("Check it any time with `/deal status \(deal.reference)`.")
        return MessageReply(text: lines.joined(separator: "\n"))
    }

    /// The partner's answer when the same organisation registers the same customer again.
    static func existing(_ deal: Deal, now: Date) -> MessageReply {
        MessageReply(
            text: "You already registered this customer: *\(deal.reference)* \(Mrkdwn.escape(deal.customerName)) is *\(deal.effectiveStatus(at: now).label)*"
                + (deal.status.awaitsDecision ? " (decision due \(DisplayTime.dateTime(deal.slaDueAt)))." : ".")
                + " Nothing new was created.")
    }

    /// The partner's answer on a conflict: never who holds the customer.
    static func conflict(_ deal: Deal) -> MessageReply {
        MessageReply(
            text: "⚠️ *\(deal.reference)*: \(Mrkdwn.escape(deal.customerName)) is already under registration in the partner program. Your registration is recorded as *conflict* and the partner managers will review it; you'll hear from them here.")
    }

    /// A notice to the partner's channel about a change.
    static func partnerNotice(_ deal: Deal, action: String, now: Date) -> MessageReply {
        let customer = Mrkdwn.escape(deal.customerName)
        let text: String
        var blocks: [Block] = []
        switch action {
        case "approved":
            text = "✅ *\(deal.reference)* \(customer) is *approved*. Protected until \(deal.protectionEnd.map(DisplayTime.day) ?? "?") (\(deal.protectionEnd.map { DisplayTime.daysLeft(until: $0, from: now) } ?? 0) days)."
        case "declined":
            text = "❌ *\(deal.reference)* \(customer) was *declined*: \(Mrkdwn.escape(deal.reason ?? "no reason given"))."
        case "needs_info":
            text = "❓ *\(deal.reference)* \(customer): the partner manager needs more information: \(Mrkdwn.escape(deal.question ?? "")) — answer with `/deal answer \(deal.reference) <your answer>`."
            blocks = [
                .section(text: text),
                .actions([Button("Answer", action: .dealAnswer, value: deal.reference, style: .primary)], blockID: "deal_answer_\(deal.id ?? 0)"),
            ]
        case "extended":
            text = "⏳ *\(deal.reference)* \(customer): protection extended to \(deal.protectionEnd.map(DisplayTime.day) ?? "?")."
        case "won":
            text = "🏆 *\(deal.reference)* \(customer) is marked *won*. Congratulations!"
        case "lost":
            text = "*\(deal.reference)* \(customer) is marked *lost*: \(Mrkdwn.escape(deal.reason ?? ""))."
        case "expired":
            text = "⌛ *\(deal.reference)* \(customer): protection ended on \(deal.protectionEnd.map(DisplayTime.day) ?? "?") and the registration has *expired*."
        case "superseded":
            text = "❌ *\(deal.reference)* \(customer) was *declined*: \(Mrkdwn.escape(deal.reason ?? "the conflict was resolved in favour of another registration"))."
        default:
            text = "*\(deal.reference)* \(customer) moved to stage *\(deal.stage ?? action)*."
        }
        return MessageReply(text: text, blocks: blocks)
    }
}
