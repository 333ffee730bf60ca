import Foundation
import SlackPlatform

/// Every text about deals, by audience: `DealText+partner` (what partners read),
/// `DealText+manager` (what managers read), `DealText+shared` (lists and details both see).
enum DealText {
    /// A button whose deal reference cannot be read.
    static let buttonOutOfDate = MessageReply.ephemeral("That button is out of date; use `/deal status` instead.")

    /// The same answer whether a deal does not exist or belongs to someone else.
    static func notFound(_ id: Int64) -> MessageReply {
        .ephemeral("I can't find a deal DR-\(id) for you. `/deal status` lists your deals.")
    }
}

/// What partners read about their deals: the answers to `/register`, the notices in their
/// channel, and the answer flow. Never another organisation's name or data.
extension DealText {
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

    /// A registration refused by policy.
    static func refused(_ refusal: RegistrationRefusal) -> MessageReply {
        switch refusal {
        case .certificationRequired:
            .ephemeral("Your organisation needs at least one active certification before registering deals. Start with `/certify tracks`, then `/certify claim <track>` once you have passed one. Nothing was registered.")
        }
    }

    /// The partner's confirmation of their answer.
    static func answered(_ deal: Deal) -> String {
        "Thanks — your answer on \(deal.reference) was sent to the partner managers; it is pending again."
    }

    static func noOpenQuestion(_ deal: Deal) -> String {
        "\(deal.reference) has no open question (it is \(deal.status.label))."
    }

    /// The modal a partner answers the manager's question in.
    static func answerModal(_ deal: Deal) -> ModalView {
        Modals.oneField(
            callback: .dealAnswer, reference: deal.reference, title: "Answer on \(deal.reference)",
            label: Mrkdwn.escape(String((deal.question ?? "Your answer").prefix(1900))), submit: "Send")
    }
}
