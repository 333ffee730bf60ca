import SlackPlatform

/// Announcements: marketing's `/announce`, and the Acknowledge button partners click.
struct AnnounceFeature: Feature {
    /// Who may use `/announce`.
    static let permission = Permission.marketing("use `/announce`")

    var commands: [CommandRoute] {
        [
            CommandRoute(
                .announce, helpWhenEmpty: true, parse: { text, _ in AnnounceCommand.parse(text) },
                handle: { try await AnnounceHandler().handle($0, slash: $1, services: $2) })
        ]
    }

    var actions: [ActionRoute] {
        [ActionRoute(.announcementAcknowledge) { try await Self.acknowledge($0, services: $1) }]
    }

    /// One read receipt per person; the message shows who acknowledged.
    static func acknowledge(_ click: ButtonClick, services: BotServices) async throws -> MessageReply {
        let caller = click.caller
        let outcome = try await services.database.acknowledge(
            announcement: click.value ?? "", userID: caller.userID, teamID: caller.teamID, org: caller.partnerOrg, now: services.clock.now())
        switch outcome {
        case .recorded(let title): return .ephemeral("Thanks, <@\(caller.userID)> — your acknowledgement of “\(Mrkdwn.escape(title))” is recorded.")
        case .already(let title): return .ephemeral("You already acknowledged “\(Mrkdwn.escape(title))”. Thanks!")
        case .expired(let title): return .ephemeral("“\(Mrkdwn.escape(title))” has closed, so acknowledgements are no longer recorded. Thanks for reading it!")
        case .notTargeted: return .ephemeral("This announcement is for the partner organisations it was sent to; your click was not counted.")
        case .notFound: return .ephemeral("That announcement no longer exists.")
        }
    }
}
