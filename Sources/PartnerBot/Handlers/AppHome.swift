import Foundation
import SlackPlatform

/// The App Home tab: on one page, what each person would otherwise ask the slash commands for.
///
/// Built from the same handlers as the commands, so it shows exactly what the person may see:
/// a partner their own organisation's deals and certifications (never another partner's), a
/// manager the registrations waiting for them, marketing the announcements. It is rebuilt and
/// published through the outbox every time someone opens the tab.
struct AppHome: Sendable {
    /// The tab for `caller`.
    func view(for caller: Caller, services: BotServices) async throws -> HomeView {
        var blocks: [Block] = [.header("Partner program")]
        func add(_ reply: MessageReply) {
            blocks.append(.divider)
            blocks += Self.readOnly(reply)
        }
        guard caller.isEnrolled else {
            blocks.append(.section(text: AccessReplies.notEnrolled.text))
            return HomeView(blocks: blocks)
        }
        if let org = caller.partnerOrg {
            let partner = try await services.database.partnerOrg(org)
            let name = partner.map { Mrkdwn.escape($0.name) } ?? "`\(org)`"
            blocks.append(.section(text: "You register deals for *\(name)*\(partner.map { " (\($0.type.rawValue), tier \(Mrkdwn.escape($0.tier)), \(Mrkdwn.escape($0.region)))" } ?? "")."))
            add(try await DealHandler().handle(.status(reference: nil, org: nil), caller: caller, services: services))
            add(try await CertifyHandler().handle(.mine, caller: caller, services: services))
            add(try await TierHandler().handle(.mine, caller: caller, services: services))
            add(try await EarningsHandler().handle(.show(org: nil, period: nil), caller: caller, services: services))
        }
        if caller.isManager {
            let now = services.clock.now()
            let report = try await services.database.programReport(period: ReportPeriod(.thisQuarter, asOf: now), breakdown: nil, asOf: now)
            blocks.append(.divider)
            blocks.append(ProgramReportMessage.headline(report))
            add(try await DealHandler().handle(.pending, caller: caller, services: services))
            add(try await ClaimsHandler().handle(.pending, caller: caller, services: services))
        }
        if caller.isMarketing {
            add(try await AnnounceHandler().list(services: services))
        }
        blocks.append(.divider)
        blocks.append(.context([Self.commandsHint(caller)]))
        return HomeView(blocks: blocks)
    }

    /// Publishes the tab for the user who opened it, with the token of the installation that
    /// received the event (a partner's own workspace when the app is installed there).
    func publish(userID: String, teamID: String, installation: InstallationKey?, eventID: String, services: BotServices) async throws {
        let caller = try await services.caller(ActingUser(userID: userID, teamID: teamID))
        let view = try await view(for: caller, services: services)
        let message = OutboundMessage.publishHome(view, user: userID, dedupeKey: "home:\(teamID):\(userID):\(eventID)").sent(through: installation)
        try await services.database.enqueue([message], now: services.clock.now())
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

    static func commandsHint(_ caller: Caller) -> String {
        var commands: [String] = []
        if caller.partnerOrg != nil { commands += ["`/register <company>` reserves a customer", "`/deal status`", "`/certify`", "`/tier`", "`/earnings`", "`/claim`", "`/mdf`"] }
        if caller.isManager { commands += ["`/deal pending`", "`/deal approve DR-n`", "`/certify claims`", "`/claims`", "`/program report`"] }
        if caller.isMarketing { commands += ["`/announce list`", "`/announce status <id>`"] }
        return (commands + ["add `help` to any command for details"]).joined(separator: " · ")
    }
}
