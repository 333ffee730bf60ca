import CRM
import Foundation
import SlackPlatform

/// What managers read about deals: the review message they decide on (with a conflict's two
/// sides), what their decisions did, and the partner's answers. User text is always escaped.
extension DealText {
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
    static func review(_ deal: Deal, org: PartnerOrg?, conflict: ConflictView?, crmMatches: [CRMOpportunity] = [], now: Date) -> MessageReply {
        let title = conflict == nil ? "New deal registration \(deal.reference)" : "Conflicting registration \(deal.reference)"
        var blocks: [Block] = [.header(title), .section(text: summaryLine(deal, now: now), fields: fields(deal, org: org, now: now))]
        if let note = deal.note { blocks.append(.section(text: "*Note*: \(Mrkdwn.escape(note))")) }
        if let question = deal.question { blocks.append(.section(text: "*Question to the partner*: \(Mrkdwn.escape(question))")) }
        if let conflict { blocks += conflictBlocks(conflict, now: now) }
        if let line = crmMatchLine(crmMatches) { blocks.append(.section(text: line)) }
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

    /// What the manager's (or the answering partner's) action did, told to them.
    static func reply(_ transition: DealTransition, id: Int64) -> MessageReply {
        switch transition {
        case .changed(let change): .ephemeral(summary(of: change))
        case .unchanged(let deal, let why): .ephemeral(unchanged(deal, why))
        case .refused(let deal, let why): .ephemeral(refusal(deal, why))
        case .notFound: notFound(id)
        }
    }

    static func summary(of change: DealChange) -> String {
        let deal = change.deal
        let protected = deal.protectionEnd.map(DisplayTime.day) ?? "?"
        return switch change.action {
        case .approve: "Approved \(deal.reference) (\(Mrkdwn.escape(deal.customerName))): protected until \(protected)."
        case .decline: "Declined \(deal.reference) (\(Mrkdwn.escape(deal.customerName))). The partner was told why."
        case .needInfo: "Asked the partner about \(deal.reference); it is now needs info."
        case .answer: answered(deal)
        case .extend: "Extended \(deal.reference): protected until \(protected) (extension \(deal.extensions))."
        case .stage(let stage): "\(deal.reference) moved to stage \(stage)."
        case .won: "\(deal.reference) closed won."
        case .lost: "\(deal.reference) closed lost."
        }
    }

    static func unchanged(_ deal: Deal, _ why: DealUnchanged) -> String {
        switch why {
        case .alreadyDecided: "\(deal.reference) is already \(deal.status.label)\(decidedBy(deal, " (decided by ", ")"))."
        case .alreadyDeclined: "\(deal.reference) is already declined."
        case .sameQuestion: "That question was already sent for \(deal.reference)."
        case .alreadyAtStage(let stage): "\(deal.reference) is already at stage \(stage)."
        case .alreadyClosed: "\(deal.reference) is already \(deal.status.label)."
        }
    }

    static func refusal(_ deal: Deal, _ why: DealRefusal) -> String {
        let status = deal.status.label
        return switch why {
        case .declinedCannotBeApproved:
            "\(deal.reference) was declined\(decidedBy(deal, " by ", "")); it cannot be approved now. The partner can register again."
        case .cannotDecline: "\(deal.reference) is \(status): only pending, needs-info or conflicting registrations can be declined."
        case .cannotAsk: "\(deal.reference) is \(status): questions can only be asked on pending registrations."
        case .noOpenQuestion: noOpenQuestion(deal)
        case .cannotExtend: "\(deal.reference) is \(status): only approved deals under protection can be extended."
        case .extensionsUsedUp(let allowed): "\(deal.reference) was already extended \(deal.extensions) time(s); the policy allows \(allowed)."
        case .cannotChangeStage: "\(deal.reference) is \(status): only approved deals move through stages."
        case .unknownStage(let stage, let stages): "`\(stage)` is not a stage. Stages: \(stages.joined(separator: ", ")); close with `won` or `lost`."
        case .cannotClose(let won): "\(deal.reference) is \(status): only approved deals can be closed \(won ? "won" : "lost") (and won deals marked lost)."
        }
    }

    private static func decidedBy(_ deal: Deal, _ prefix: String, _ suffix: String) -> String {
        deal.decidedBy.map { "\(prefix)<@\($0)>\(suffix)" } ?? ""
    }

    /// The managers' copy of a partner's answer to their question.
    static func answerToManagers(_ deal: Deal, answer: String) -> MessageReply {
        MessageReply(text: "💬 <@\(deal.submittedBy)> answered on \(deal.reference) (\(Mrkdwn.escape(deal.customerName))): \(Mrkdwn.escape(answer)) — it is pending again.")
    }

    /// A partner's reply in the thread under a deal's notice, forwarded to the manager.
    static func threadReplyToManager(_ deal: Deal, author: String, channel: String, text: String) -> MessageReply {
        MessageReply(text: "💬 <@\(author)> wrote on \(deal.reference) (\(Mrkdwn.escape(deal.customerName))) in <#\(channel)>: \(Mrkdwn.escape(text))")
    }

    /// The manager's notice that protection ended on an open deal.
    static func expiredToManager(_ deal: Deal) -> MessageReply {
        MessageReply(text: "⌛ \(deal.reference) \(Mrkdwn.escape(deal.customerName)) (\(deal.org)): protection ended and the registration expired.")
    }

    /// The decline and question modals of the review buttons.
    static func modal(_ verb: DealButtons.TextVerb, _ deal: Deal) -> ModalView {
        switch verb {
        case .decline:
            Modals.oneField(callback: verb.callback, reference: deal.reference, title: "Decline \(deal.reference)", label: "Reason (the partner sees it)", submit: "Decline")
        case .needInfo:
            Modals.oneField(callback: verb.callback, reference: deal.reference, title: "Question on \(deal.reference)", label: "Your question to the partner", submit: "Send")
        case .answer:
            answerModal(deal)
        }
    }

    /// The command that does what a modal that cannot open would.
    static func fallback(_ verb: DealButtons.TextVerb, _ deal: Deal) -> String {
        switch verb {
        case .decline: "`/deal decline \(deal.reference) <reason>`"
        case .needInfo: "`/deal needinfo \(deal.reference) <question>`"
        case .answer: "`/deal answer \(deal.reference) <your answer>`"
        }
    }

    /// A review button clicked after the decision.
    static func closed(_ verb: DealButtons.TextVerb, _ deal: Deal) -> MessageReply {
        switch verb {
        case .decline, .needInfo: .ephemeral("\(deal.reference) is already \(deal.status.label)\(decidedBy(deal, " (decided by ", ")"))).")
        case .answer: .ephemeral(noOpenQuestion(deal))
        }
    }

    /// Managers only: open opportunities direct sales already has in the CRM for this customer.
    static func crmMatchLine(_ matches: [CRMOpportunity]) -> String? {
        guard !matches.isEmpty else { return nil }
        let items = matches.prefix(5).map { match in
            "\(Mrkdwn.escape(match.name))" + (match.stage.map { " (\(Mrkdwn.escape($0)))" } ?? "") + (match.owner.map { ", owner \(Mrkdwn.escape($0))" } ?? "")
        }
        let more = matches.count > 5 ? " and \(matches.count - 5) more" : ""
        return ":warning: *Already open in the CRM* (direct sales): \(items.joined(separator: "; "))\(more)"
    }
}
