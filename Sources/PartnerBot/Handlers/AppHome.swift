import Foundation
import SlackPlatform

/// The App Home tab: on one page, what each person would otherwise ask the slash commands for.
///
/// Built from the same handlers as the commands, so it shows exactly what the person may see:
/// a partner their own organisation's deals and certifications (never another partner's), a
/// manager the registrations waiting for them, marketing the announcements. It is rebuilt and
/// published through the outbox every time someone opens the tab.
struct AppHome: Sendable {
    /// The tab for `actor`.
    func view(for actor: Actor, context: BotContext) async throws -> HomeView {
        var blocks: [Block] = [.header("Partner program")]
        func add(_ reply: MessageReply) {
            blocks.append(.divider)
            blocks += Self.readOnly(reply)
        }
        guard actor.isEnrolled else {
            blocks.append(.section(text: AccessReplies.notEnrolled.text))
            return HomeView(blocks: blocks)
        }
        if let org = actor.partnerOrg {
            let partner = try await context.database.partnerOrg(org)
            let name = partner.map { Mrkdwn.escape($0.name) } ?? "`\(org)`"
            blocks.append(.section(text: "You register deals for *\(name)*\(partner.map { " (\($0.type.rawValue), tier \(Mrkdwn.escape($0.tier)), \(Mrkdwn.escape($0.region)))" } ?? "")."))
            add(try await DealHandler().handle(.status(reference: nil, org: nil), actor: actor, context: context))
            add(try await CertifyHandler().handle(.mine, actor: actor, context: context))
        }
        if actor.isManager {
            add(try await DealHandler().handle(.pending, actor: actor, context: context))
        }
        if actor.isMarketing {
            add(try await AnnounceHandler().list(context: context))
        }
        blocks.append(.divider)
        blocks.append(.context([Self.commandsHint(actor)]))
        return HomeView(blocks: blocks)
    }

    /// Publishes the tab for the user who opened it.
    func publish(userID: String, teamID: String, eventID: String, context: BotContext) async throws {
        let actor = try await context.actor(userID: userID, teamID: teamID)
        let view = try await view(for: actor, context: context)
        try await context.database.enqueue([.publishHome(view, user: userID, dedupeKey: "home:\(teamID):\(userID):\(eventID)")], now: context.clock.now())
    }

    /// A reply's blocks without buttons: they belong to messages, and a click on the tab has no
    /// message to answer in.
    static func readOnly(_ reply: MessageReply) -> [Block] {
        let blocks = reply.blocks.isEmpty ? [Block.section(text: reply.text.limited(to: 2900))] : reply.blocks
        return blocks.compactMap { block in
            switch block {
            case .actions, .input: nil
            case .section(let text, let fields, _, let blockID): .section(text: text, fields: fields, accessory: nil, blockID: blockID)
            default: block
            }
        }
    }

    static func commandsHint(_ actor: Actor) -> String {
        var commands: [String] = []
        if actor.partnerOrg != nil { commands += ["`/register <company>` reserves a customer", "`/deal status`", "`/certify`"] }
        if actor.isManager { commands += ["`/deal pending`", "`/deal approve DR-n`", "`/certify claims`"] }
        if actor.isMarketing { commands += ["`/announce list`", "`/announce status <id>`"] }
        return (commands + ["add `help` to any command for details"]).joined(separator: " · ")
    }
}
