import Foundation
import SlackPlatform

/// How deals read to partners and managers alike: lists, one deal in full, its history.
extension DealText {
    /// One deal on one line (plus its next step).
    static func line(_ deal: Deal, now: Date, stages: [String]) -> String {
        let status = deal.effectiveStatus(at: now)
        var parts = ["*\(deal.reference)* \(Mrkdwn.escape(deal.customerName))", status.label]
        if status == .approved, let stage = deal.stage { parts.append("stage \(stage)") }
        if status == .approved, let end = deal.protectionEnd {
            parts.append("protected until \(DisplayTime.day(end)) (\(DisplayTime.daysLeft(until: end, from: now)) days left)")
        }
        parts.append("next: \(nextStep(deal, status: status, now: now, stages: stages))")
        return parts.joined(separator: " · ")
    }

    /// What should happen next.
    static func nextStep(_ deal: Deal, status: Deal.Status, now: Date, stages: [String]) -> String {
        switch status {
        case .pending: "manager decision due \(DisplayTime.dateTime(deal.slaDueAt)) (\(DisplayTime.until(deal.slaDueAt, from: now)))"
        case .needsInfo: "answer the manager: \(Mrkdwn.escape(deal.question ?? "")) (`/deal answer \(deal.reference) …`)"
        case .conflict: "partner managers are reviewing a conflict on this customer"
        case .approved:
            if let stage = deal.stage, let index = stages.firstIndex(of: stage), index + 1 < stages.count {
                "move to \(stages[index + 1])"
            } else {
                "close it won or lost"
            }
        case .declined: "declined: \(Mrkdwn.escape(deal.reason ?? "")); you may register again with more detail"
        case .won: "closed won"
        case .lost: "closed lost"
        case .expired: "protection ended; register again if the opportunity is still open"
        }
    }

    /// A list of deals with a title.
    static func list(_ title: String, deals: [Deal], now: Date, stages: [String], empty: String) -> MessageReply {
        guard !deals.isEmpty else {
            let text = "*\(title)*\n\(empty)"
            return MessageReply(text: text, blocks: [.section(text: text)])
        }
        let lines = deals.map { "• " + line($0, now: now, stages: stages) }
        let text = ([title] + lines).joined(separator: "\n")
        return MessageReply(text: text, blocks: Block.sections(title: title, lines: lines))
    }

    /// One deal in full.
    static func detail(_ deal: Deal, org: PartnerOrg?, now: Date, stages: [String]) -> MessageReply {
        var lines = [
            "*\(deal.reference)* \(Mrkdwn.escape(deal.customerName))\(deal.domain.map { " (\($0))" } ?? "")",
            "Status: *\(deal.effectiveStatus(at: now).label)*\(deal.stage.map { " · stage \($0)" } ?? "")",
        ]
        if let end = deal.protectionEnd, deal.status == .approved {
            lines.append("Protection: until \(DisplayTime.day(end)) (\(DisplayTime.daysLeft(until: end, from: now)) days left\(deal.extensions > 0 ? ", extended \(deal.extensions)×" : ""))")
        }
        if let amount = deal.amount { lines.append("Amount: \(amount)") }
        if let close = deal.closeDate { lines.append("Expected close: \(close)") }
        lines.append("Next: \(nextStep(deal, status: deal.effectiveStatus(at: now), now: now, stages: stages))")
        lines.append("Registered \(DisplayTime.dateTime(deal.createdAt)) by <@\(deal.submittedBy)>")
        let text = lines.joined(separator: "\n")
        return MessageReply(text: text, blocks: [.section(text: text)])
    }

    /// A deal's audit trail.
    static func history(_ deal: Deal, entries: [DealAuditEntry]) -> MessageReply {
        let lines = entries.map { entry -> String in
            let who = ["system", "CRM"].contains(entry.actor) ? entry.actor : "<@\(entry.actor)>"
            let change = [entry.fromStatus, entry.toStatus].compactMap { $0 }.joined(separator: " → ")
            return "• \(DisplayTime.dateTime(entry.at)) \(who) \(entry.action)\(change.isEmpty ? "" : " (\(change))")\(entry.detail.map { ": \(Mrkdwn.escape($0))" } ?? "")"
        }
        let title = "History of \(deal.reference) \(Mrkdwn.escape(deal.customerName))"
        return MessageReply(text: ([title] + lines).joined(separator: "\n"), blocks: Block.sections(title: title, lines: lines))
    }
}
