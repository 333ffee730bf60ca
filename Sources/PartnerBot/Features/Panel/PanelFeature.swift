import Foundation
import SlackPlatform

extension ActionID {
    /// Panel: open the registration form.
    public static let panelRegister = ActionID(rawValue: "panel_register")
    /// Panel: what `/deal status` answers the clicker.
    public static let panelDeals = ActionID(rawValue: "panel_deals")
    /// Panel: what `/certify` answers the clicker.
    public static let panelCertifications = ActionID(rawValue: "panel_certifications")
    /// Panel: the announcements sent to the clicker's organisation.
    public static let panelAnnouncements = ActionID(rawValue: "panel_announcements")
}

/// The partner panel's buttons. Whoever clicks is resolved from the signed payload (their own
/// workspace, not the channel's): a partner gets their organisation's answers, a vendor person
/// what the commands would answer them. Answers are ephemeral messages in the channel.
struct PanelFeature: Feature {
    var actions: [ActionRoute] {
        [
            ActionRoute(.panelRegister) { click, services in
                try await RegisterHandler().openForm(
                    for: click.payload.actingUser, channelID: Self.channel(of: click), trigger: click.triggerID, services: services)
            },
            ActionRoute(.panelDeals) { click, services in
                try await Self.answer(click, DealHandler().handle(.status(reference: nil, org: nil), caller: click.caller, services: services), services)
            },
            ActionRoute(.panelCertifications) { click, services in
                try await Self.answer(click, CertifyHandler().handle(.mine, caller: click.caller, services: services), services)
            },
            ActionRoute(.panelAnnouncements) { click, services in
                try await Self.answer(click, Self.announcements(for: click.caller, services: services), services)
            },
        ]
    }

    private static func channel(of click: ButtonClick) -> String? {
        click.payload.container?.channelID ?? click.payload.channel?.id
    }

    /// Sends `reply` to the clicker only (`chat.postEphemeral` in the panel's channel).
    /// - Returns: An empty reply: the click is acknowledged, the answer arrives in the channel.
    static func answer(_ click: ButtonClick, _ reply: MessageReply, _ services: BotServices) async throws -> MessageReply {
        guard let channel = channel(of: click) else { return reply }
        let now = services.clock.now()
        let action = click.payload.actions.first?.actionID ?? "panel"
        let key = "panel-answer:\(click.caller.userID):\(action):\(Int64((now.timeIntervalSince1970 * 1000).rounded()))"
        try await services.database.enqueue([.ephemeral(reply, to: click.caller.userID, in: channel, dedupeKey: key)], now: now)
        return MessageReply(text: "")
    }

    /// A partner: the announcements sent to their organisation. Marketing: `/announce list`.
    /// Anyone else: what `/announce` answers them.
    static func announcements(for caller: Caller, services: BotServices) async throws -> MessageReply {
        guard let org = caller.partnerOrg else { return try await AnnounceHandler().handle(.list, caller: caller, services: services) }
        let name = try await services.database.partnerOrg(org)?.name ?? org
        return PanelText.announcements(try await services.database.announcements(for: org), orgName: name)
    }
}
