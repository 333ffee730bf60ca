import Foundation
import SlackPlatform

/// `/announce`: marketing broadcasts announcement files and follows their read receipts.
struct AnnounceHandler: Sendable {
    func handle(_ command: AnnounceCommand, slash: SlashCommand, services: BotServices) async throws -> MessageReply {
        try await handle(command, caller: try await services.caller(slash.actingUser), services: services)
    }

    func handle(_ command: AnnounceCommand, caller: Caller, services: BotServices) async throws -> MessageReply {
        if let refusal = AnnounceFeature.permission.refusal(for: caller) { return refusal }
        let now = services.clock.now()
        switch command {
        case .usage(let message):
            return .ephemeral(message)
        case .list:
            return try await list(services: services)
        case .send(let id):
            let loaded = AnnouncementParser.loadAll(directory: services.program.announcementsDirectory, rules: rules(services))
            guard let announcement = loaded.announcements.first(where: { $0.id == id }) else {
                if let error = loaded.errors.first(where: { $0.description.contains("\(id)") }) {
                    return .ephemeral("The announcement `\(SlackText.echo(id))` has a problem, nothing was sent:\n`\(SlackText.echo(error.description, limit: 400))`")
                }
                return .ephemeral("There is no announcement `\(SlackText.echo(id))` in the announcements folder. `/announce list` shows them.")
            }
            do {
                let result = try await services.database.broadcast(announcement, by: caller.userID, now: now)
                var lines = ["📣 *\(Mrkdwn.escape(announcement.title))* → \(result.orgs.count) organisation(s) (\(announcement.audience.summary)):"]
                lines.append("\(result.posted) new message(s), \(result.updated) updated, \(result.unchanged) already up to date.")
                if !result.unreachable.isEmpty { lines.append("Unreachable (no channel or members): \(result.unreachable.joined(separator: ", ")).") }
                lines.append("Follow read receipts with `/announce status \(announcement.id)`.")
                return .ephemeral(lines.joined(separator: "\n"))
            } catch let error as AnnouncementError {
                return .ephemeral("Nothing was sent: \(error.description).")
            }
        case .status(let id):
            do {
                let report = try await services.database.announcementReport(id: id)
                return MessageReply(text: report.text, blocks: [.section(text: report.text.limited(to: 2900))])
            } catch let error as AnnouncementError {
                return .ephemeral("\(error.description). `/announce list` shows what was sent.")
            }
        case .remind(let id):
            do {
                let count = try await services.database.remindNow(announcement: id, now: now)
                return .ephemeral(count == 0 ? "Nobody to remind for `\(id)` (everyone acknowledged, it expired, or they were reminded today)." : "Reminded \(count) target(s) that have not acknowledged `\(id)`.")
            } catch let error as AnnouncementError {
                return .ephemeral("\(error.description). `/announce list` shows what was sent.")
            }
        }
    }

    private func rules(_ services: BotServices) -> AnnouncementRules {
        AnnouncementRules(tiers: services.program.tiers, tracks: services.program.tracks.map(\.id), today: services.today)
    }

    func list(services: BotServices) async throws -> MessageReply {
        let loaded = AnnouncementParser.loadAll(directory: services.program.announcementsDirectory, rules: rules(services))
        let sent = Set(try await services.database.sentAnnouncements().map(\.id))
        var lines = ["*Announcements*"]
        for announcement in loaded.announcements {
            lines.append("• `\(announcement.id)` — \(Mrkdwn.escape(announcement.title)) · \(announcement.audience.summary)\(announcement.expires.map { " · until \($0)" } ?? "") · \(sent.contains(announcement.id) ? "sent" : "not sent yet")")
        }
        for error in loaded.errors { lines.append("⚠️ \(SlackText.echo(error.description, limit: 300))") }
        if loaded.announcements.isEmpty && loaded.errors.isEmpty { lines.append("No announcement files yet.") }
        let text = lines.joined(separator: "\n")
        return MessageReply(text: text, blocks: Block.sections(title: "Announcements", lines: Array(lines.dropFirst())))
    }
}
