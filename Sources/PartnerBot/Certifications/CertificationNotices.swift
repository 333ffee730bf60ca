import SlackPlatform

/// The messages certification changes produce.
enum CertificationNotices {
    /// Button action ids.
    /// The claim a manager verifies.
    static func review(_ claim: Certification, track: CertificationTrack, org: PartnerOrg?) -> MessageReply {
        let title = "Certification claim \(claim.reference): \(track.name)"
        var lines = ["<@\(claim.userID)> of \(Mrkdwn.escape(org?.name ?? claim.org)) claims *\(track.name)*."]
        if let credential = claim.credential { lines.append("Credential: \(Mrkdwn.escape(credential))") }
        var blocks: [Block] = [.header(title), .section(text: lines.joined(separator: "\n"))]
        switch claim.state {
        case .claimed:
            blocks.append(.actions([
                Button("Verify", action: .certificationVerify, value: claim.reference, style: .primary),
                Button("Reject", action: .certificationReject, value: claim.reference, style: .danger),
            ], blockID: "cert_review_\(claim.id ?? 0)"))
            blocks.append(.context(["Or: `/certify verify \(claim.reference)` · `/certify reject \(claim.reference) <reason>`"]))
        case .active:
            blocks.append(.context(["✅ Verified by <@\(claim.decidedBy ?? "?")> · valid until \(claim.expiresOn ?? "?")"]))
        case .rejected:
            blocks.append(.context(["❌ Rejected by <@\(claim.decidedBy ?? "?")>: \(Mrkdwn.escape(claim.reason ?? ""))"]))
        case .inProgress, .revoked:
            break
        }
        return MessageReply(text: "\(title) from \(Mrkdwn.escape(org?.name ?? claim.org))", blocks: blocks)
    }

    /// What the person is told.
    static func outcome(_ certification: Certification, track: CertificationTrack) -> MessageReply {
        switch certification.state {
        case .active:
            .init(text: "🎓 You are certified on *\(track.name)* until \(certification.expiresOn ?? "?") (\(certification.reference)).")
        case .rejected:
            .init(text: "Your claim \(certification.reference) for *\(track.name)* was not verified: \(Mrkdwn.escape(certification.reason ?? "")). You can claim again with `/certify claim \(track.id)`.")
        case .revoked:
            .init(text: "Your *\(track.name)* certification was revoked: \(Mrkdwn.escape(certification.reason ?? "")).")
        case .claimed, .inProgress:
            .init(text: "Your claim \(certification.reference) for *\(track.name)* is waiting for verification.")
        }
    }
}
