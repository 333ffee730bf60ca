import Logging
import SlackPlatform

/// Handles Events API deliveries, each at most once (deduplicated by `event_id`).
///
/// `channel_id_changed` (a channel's id changes when it becomes shared) re-addresses everything
/// stored under the old id; `channel_shared` / `channel_unshared` keep organisations' shared
/// channels true; a partner's reply in the thread under a deal's notice (`message`) joins the
/// deal's history and reaches its manager; `app_home_opened` on the Home tab publishes that
/// person's tab (``AppHome``); `app_uninstalled` and `tokens_revoked` end the installation they
/// name (its queued messages are dead-lettered with the reason); other events are acknowledged
/// and recorded.
public struct EventHandler: Sendable {
    /// Creates a handler.
    public init() {}

    /// Processes an event unless it was seen before.
    /// - Returns: `true` when processed now, `false` for a duplicate delivery.
    public func handle(_ event: EventCallback, retryNumber: Int?, services: BotServices) async throws -> Bool {
        let (effects, isNew) = try await services.database.recordEvent(event, receivedAt: services.clock.now())
        guard isNew else {
            services.logger.info("duplicate event acknowledged", metadata: ["event_id": "\(event.eventID)", "retry": "\(retryNumber ?? 0)"])
            return false
        }
        services.logger.info("event received", metadata: ["event_id": "\(event.eventID)", "type": "\(event.type)"])
        switch event.type {
        case "channel_id_changed":
            logChannelMove(event, move: effects.move, services: services)
        case "channel_shared", "channel_unshared":
            guard let sharing = event.sharing else { break }
            try await applySharing(sharing, services: services)
        case "message":
            guard let message = event.message, message.threadTS != nil, message.isFromPerson, let user = message.user else { break }
            let author = ActingUser(userID: user, teamID: message.userTeam ?? message.sourceTeam ?? event.teamID ?? "")
            let caller = try await services.caller(author)
            let result = try await services.database.attachThreadReply(message, by: caller, settings: services.program.deals, now: services.clock.now())
            if case .attached(let deal) = result {
                services.logger.info("thread reply attached", metadata: ["deal": "\(deal.reference)", "user": "\(user)"])
            }
        case "app_uninstalled", "tokens_revoked":
            logRevocation(event, revocation: effects.revocation, services: services)
        case "app_home_opened" where (event.tab ?? "home") == "home":
            guard let user = event.user, let team = event.teamID else { break }
            do {
                try await AppHome().publish(userID: user, teamID: team, installation: event.installation, eventID: event.eventID, services: services)
            } catch {
                // The event is recorded: Slack will not resend it, and the next opening publishes again.
                services.logger.error("App Home not published", metadata: ["user": "\(user)", "error": "\(error)"])
            }
        default:
            break
        }
        return true
    }

    private func applySharing(_ sharing: ChannelSharing, services: BotServices) async throws {
        let result = try await services.database.applySharing(sharing, now: services.clock.now())
        let metadata: Logger.Metadata = ["channel": "\(sharing.channel)", "team": "\(sharing.team)"]
        switch result {
        case .linked(let org): services.logger.notice("shared channel linked to its organisation; partner panel posted", metadata: metadata.merging(["org": "\(org)"]) { $1 })
        case .unlinked(let org): services.logger.warning("an organisation left its shared channel", metadata: metadata.merging(["org": "\(org)"]) { $1 })
        case .unknownWorkspace where sharing.joined:
            services.logger.notice("a channel was shared with a workspace no organisation has: add it to partners.csv (team_id, channel_id)", metadata: metadata)
        case .unknownWorkspace, .unchanged: break
        }
    }

    private func logRevocation(_ event: EventCallback, revocation: InstallationRevocation?, services: BotServices) {
        if let revocation {
            services.logger.notice(
                "installation revoked", metadata: ["installation": "\(revocation.key)", "reason": "\(revocation.reason)", "dead_lettered": "\(revocation.deadLettered)"])
        } else {
            services.logger.info(
                "no stored installation ended by this event", metadata: ["type": "\(event.type)", "team": "\(event.teamID ?? "-")"])
        }
    }

    private func logChannelMove(_ event: EventCallback, move: ChannelMove?, services: BotServices) {
        let old = event.previousChannel ?? "?"
        let new = event.newChannel ?? "?"
        if let move, !move.isEmpty {
            services.logger.notice(
                "channel id changed: stored references moved",
                metadata: [
                    "old": "\(old)", "new": "\(new)", "organisations": "\(move.organisations)", "deals": "\(move.deals)",
                    "queued_messages": "\(move.queuedMessages)", "sent_messages": "\(move.sentMessages)",
                ])
        } else {
            services.logger.info("channel id changed: nothing stored under the old id", metadata: ["old": "\(old)", "new": "\(new)"])
        }
        // The managers' channel comes from the configuration, which the bot does not rewrite.
        if event.previousChannel != nil, event.previousChannel == services.program.deals.managersChannel {
            services.logger.warning(
                "the managers' channel changed id: set managers_channel to the new id in the configuration and restart",
                metadata: ["old": "\(old)", "new": "\(new)"])
        }
    }
}
