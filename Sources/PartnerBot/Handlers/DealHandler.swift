import Foundation
import SlackPlatform

/// `/deal`: partners see their own deals; managers decide and follow every deal they manage.
struct DealHandler: Sendable {
    func handle(_ command: DealCommand, command slash: SlashCommand, context: BotContext) async throws -> MessageReply {
        let actor = try await context.actor(userID: slash.userID, teamID: slash.teamID)
        guard actor.isEnrolled else { return AccessReplies.notEnrolled }
        return try await handle(command, actor: actor, context: context)
    }

    func handle(_ command: DealCommand, actor: Actor, context: BotContext) async throws -> MessageReply {
        let now = context.clock.now()
        let stages = context.program.deals.policy.stages
        switch command {
        case .usage(let message):
            return .ephemeral(message)
        case .status(let reference?, _):
            guard let deal = try await context.database.deal(id: reference), visible(deal, to: actor) else {
                return AccessReplies.dealNotFound(reference)
            }
            return DealReplies.detail(deal, org: try await context.database.partnerOrg(deal.org), now: now, stages: stages)
        case .status(nil, let org?):
            guard actor.isManager else { return AccessReplies.managersOnly("look at another organisation's deals") }
            guard actor.canManage(org: org), let partner = try await context.database.partnerOrg(org) else {
                return .ephemeral("I don't know an organisation `\(DealCommand.shown(org))` that you manage. `partnerbot partners list` shows them all.")
            }
            let deals = try await context.database.deals(of: org)
            let coverage = try await context.database.certificationCoverage(org: org, today: context.today)
            var reply = DealReplies.list("Deals of \(Mrkdwn.escape(partner.name)) (`\(org)`)", deals: deals, now: now, stages: stages, empty: "No deals yet.")
            let line = "Certification coverage: \(coverage.summary(tracks: context.program.tracks))"
            reply.text += "\n" + line
            reply.blocks.append(.context([line]))
            return reply
        case .status(nil, nil):
            if let org = actor.partnerOrg {
                let deals = try await context.database.deals(of: org)
                return DealReplies.list("Your organisation's deals", deals: deals, now: now, stages: stages, empty: "No deals yet: register one with `/register <company>`.")
            }
            guard actor.isManager else { return AccessReplies.partnersOnly("`/deal status`") }
            let pending = try await context.database.pendingDeals(for: actor)
            var reply = DealReplies.list(
                "Registrations waiting for a decision (`/deal status org:<slug>` shows one partner's deals)", deals: pending, now: now, stages: stages,
                empty: "Nothing is waiting for a decision.")
            var coverageLines: [String] = []
            for org in Set(pending.map(\.org)).sorted() {
                let coverage = try await context.database.certificationCoverage(org: org, today: context.today)
                coverageLines.append("`\(org)`: \(coverage.summary(tracks: context.program.tracks))")
            }
            if !coverageLines.isEmpty {
                let line = "Certification coverage — " + coverageLines.joined(separator: " · ")
                reply.text += "\n" + line
                reply.blocks.append(.context([line.limited(to: 2900)]))
            }
            return reply
        case .pending:
            guard actor.isManager else { return AccessReplies.managersOnly("see the approval queue") }
            let pending = try await context.database.pendingDeals(for: actor)
            return DealReplies.list("Waiting for a decision, oldest first", deals: pending, now: now, stages: stages, empty: "Nothing is waiting for a decision. 🎉")
        case .history(let id):
            guard let deal = try await context.database.deal(id: id), visible(deal, to: actor) else { return AccessReplies.dealNotFound(id) }
            return DealReplies.history(deal, entries: try await context.database.dealHistory(id: id))
        case .act(let id, let action):
            if action.isManagerAction {
                guard actor.isManager else { return AccessReplies.managersOnly("\(action.verb) registrations") }
            } else {
                guard actor.partnerOrg != nil else { return AccessReplies.partnersOnly("Answering a manager's question") }
            }
            return Self.reply(try await context.database.applyDealAction(action, to: id, by: actor, settings: context.program.deals, now: now), id: id)
        }
    }

    static func reply(_ outcome: DealActionOutcome, id: Int64) -> MessageReply {
        switch outcome {
        case .changed(_, let summary), .unchanged(_, let summary): .ephemeral(summary)
        case .notFound: AccessReplies.dealNotFound(id)
        case .invalid(let message): .ephemeral(message)
        }
    }

    /// Partners see their own organisation's deals; managers the deals they manage.
    func visible(_ deal: Deal, to actor: Actor) -> Bool {
        actor.partnerOrg == deal.org || actor.canManage(org: deal.org)
    }
}

extension DealAction {
    /// The verb for "only managers can … registrations".
    var verb: String {
        switch self {
        case .approve: "approve"
        case .decline: "decline"
        case .needInfo: "ask questions about"
        case .answer: "answer"
        case .extend: "extend"
        case .stage: "move the stage of"
        case .won, .lost: "close"
        }
    }
}
