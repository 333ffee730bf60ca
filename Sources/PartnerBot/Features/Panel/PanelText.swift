import SlackPlatform

/// The partner panel: one message in each organisation's shared channel whose buttons work for
/// everyone in the channel, external partners included, without installing anything.
enum PanelText {
    static func message(for org: PartnerOrg) -> MessageReply {
        let intro = "*\(Mrkdwn.escape(org.name))* × partner program: register deals and follow them, your certifications and the program's announcements, right here. Only you see the answers."
        let blocks: [Block] = [
            .header("Partner program"),
            .section(text: intro),
            .actions([
                Button("Register a deal", action: .panelRegister, value: org.org, style: .primary),
                Button("My deals", action: .panelDeals, value: org.org),
                Button("My certifications", action: .panelCertifications, value: org.org),
                Button("Program announcements", action: .panelAnnouncements, value: org.org),
            ], blockID: "partner_panel"),
            .context(["Where the app is installed in your workspace, `/register`, `/deal status` and `/certify` do the same."]),
        ]
        return MessageReply(text: "Partner program: register a deal, see your deals, certifications and announcements", blocks: blocks)
    }

    /// A partner's view of the announcements sent to their organisation.
    static func announcements(_ items: [PartnerAnnouncement], orgName: String) -> MessageReply {
        guard !items.isEmpty else {
            return .ephemeral("No program announcement has been sent to \(Mrkdwn.escape(orgName)) yet.")
        }
        let lines = items.map { item in
            let state = !item.requiresAck ? "for information" : item.acknowledged ? "acknowledged ✓" : "not acknowledged yet: use the button on the message"
            return "• *\(Mrkdwn.escape(item.title))* — sent \(DisplayTime.day(item.sentAt))\(item.expires.map { " · until \($0)" } ?? "") · \(state)"
        }
        return MessageReply.list(title: "Program announcements for \(Mrkdwn.escape(orgName))", lines: lines)
    }
}
