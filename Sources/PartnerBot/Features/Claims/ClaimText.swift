import SlackPlatform

/// The messages claims produce: the managers' review (with Approve and Reject while it waits)
/// and what the partner organisation is told at each change.
enum ClaimText {
    /// `SPIFF claim SC-4`, `MDF request MDF-3`, `MDF claim MDF-3`.
    static func title(_ claim: Claim) -> String {
        switch claim.kind {
        case .spiff: "SPIFF claim \(claim.reference)"
        case .mdf: claim.state == .submitted || (claim.state == .rejected && claim.proof == nil) ? "MDF request \(claim.reference)" : "MDF claim \(claim.reference)"
        }
    }

    /// What the claim is about, in one line.
    static func summary(_ claim: Claim, deal: String?) -> String {
        switch claim.kind {
        case .spiff:
            return "*\(claim.amount)* under `\(claim.announcementID ?? "?")` for \(deal ?? "a deal")"
        case .mdf:
            return "*\(claim.amount)* for “\(Mrkdwn.escape(claim.activity ?? ""))” on \(claim.activityDate ?? "?") (\(MDFBudgets.label(claim.budgetQuarter ?? "")) budget)"
        }
    }

    /// The managers' message; `decided` names who decided what once it no longer waits.
    static func review(_ claim: Claim, org: PartnerOrg?, deal: String?) -> MessageReply {
        let orgName = Mrkdwn.escape(org?.name ?? claim.org)
        var lines = ["<@\(claim.submittedBy)> of \(orgName) \(claim.kind == .mdf && claim.state == .submitted ? "asks" : "claims") \(summary(claim, deal: deal))."]
        if let proof = claim.proof { lines.append("Proof: \(proof)") }
        if let note = claim.note { lines.append("Note: \(Mrkdwn.escape(note))") }
        var blocks: [Block] = [.header(title(claim)), .section(text: lines.joined(separator: "\n"))]
        if claim.isWaiting {
            blocks.append(.actions([
                Button("Approve", action: .claimApprove, value: claim.reference, style: .primary),
                Button("Reject", action: .claimReject, value: claim.reference, style: .danger),
            ], blockID: "claim_review_\(claim.id)_\(claim.state.rawValue)"))
            blocks.append(.context(["Or: `/claims approve \(claim.reference)` · `/claims reject \(claim.reference) <reason>`"]))
        } else {
            blocks.append(.context([decision(claim)]))
        }
        return MessageReply(text: "\(title(claim)) from \(orgName)", blocks: blocks)
    }

    private static func decision(_ claim: Claim) -> String {
        let by = "<@\(claim.decidedBy ?? "?")>"
        switch claim.state {
        case .approved where claim.kind == .mdf && claim.reason != nil: return "↩️ Proof not accepted by \(by): \(Mrkdwn.escape(claim.reason ?? ""))"
        case .approved, .completed: return "✅ Approved by \(by)"
        case .rejected: return "❌ Rejected by \(by): \(Mrkdwn.escape(claim.reason ?? ""))"
        case .submitted, .claimed: return ""
        }
    }

    /// What the organisation is told when the claim changes; `nil` when an earning notice says it.
    static func partnerNotice(_ claim: Claim, from: Claim.State?, deal: String?) -> MessageReply? {
        let text: String
        switch (claim.kind, claim.state) {
        case (_, .submitted):
            text = "📝 \(title(claim)): \(summary(claim, deal: deal)), submitted by <@\(claim.submittedBy)>. Your partner manager decides; `/claims` shows where it stands."
        case (.mdf, .claimed):
            text = "📝 \(title(claim)): \(claim.amount) claimed with proof. Your partner manager decides."
        case (.mdf, .approved) where from == .claimed:
            text = "↩️ \(title(claim)): the claim was not accepted: \(Mrkdwn.escape(claim.reason ?? "")). Claim again with `/mdf claim \(claim.reference) proof:<https link>`."
        case (.mdf, .approved):
            text = "✅ MDF request \(claim.reference) approved: \(summary(claim, deal: nil)). After the activity, claim it: `/mdf claim \(claim.reference) proof:<https link>`."
        case (.spiff, .rejected) where from == .approved, (.mdf, .rejected) where from == .completed:
            return nil  // Its earning's reversal says it.
        case (_, .rejected):
            text = "❌ \(title(claim)) was rejected: \(Mrkdwn.escape(claim.reason ?? ""))."
        case (.spiff, .approved), (_, .completed), (.spiff, .claimed):
            return nil
        }
        return MessageReply(text: text, blocks: [.section(text: text)], visibility: .inChannel)
    }

    /// One line of a list (`/claims`).
    static func line(_ claim: Claim, deal: String?, orgName: String?) -> String {
        let who = orgName.map { "\(Mrkdwn.escape($0)) · " } ?? ""
        return "• *\(claim.reference)* \(who)\(summary(claim, deal: deal)) — \(claim.state.rawValue)" + (claim.reason.map { ": \(Mrkdwn.escape($0))" } ?? "")
    }

    /// A won deal's notice with a Claim button for each SPIFF it may qualify for.
    static func offering(_ spiffs: [(id: String, title: String)], for deal: String, in notice: MessageReply) -> MessageReply {
        guard !spiffs.isEmpty else { return notice }
        var message = notice
        if message.blocks.isEmpty { message.blocks = [.section(text: notice.text)] }
        let buttons = spiffs.map { Button("Claim: \($0.title.prefix(60))", action: .claimSpiff, value: "\($0.id) \(deal)") }
        message.blocks.append(.actions(buttons, blockID: "claim_offer_\(deal)"))
        message.blocks.append(.context(["Or: `/claim \(spiffs[0].id) \(deal) proof:<https link>`"]))
        return message
    }
}
