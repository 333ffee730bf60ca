import Foundation
import SlackPlatform

/// `/deal`: partners see their own deals; managers decide and follow every deal they manage.
struct DealHandler: Sendable {
    func handle(_ command: DealCommand, command slash: SlashCommand, services: BotServices) async throws -> MessageReply {
        let caller = try await services.caller(slash.actingUser)
        guard caller.isEnrolled else { return AccessReplies.notEnrolled }
        return try await handle(command, caller: caller, services: services)
    }

    func handle(_ command: DealCommand, caller: Caller, services: BotServices) async throws -> MessageReply {
        let now = services.clock.now()
        let stages = services.program.deals.policy.stages
        switch command {
        case .usage(let message):
            return .ephemeral(message)
        case .status(let reference?, _):
            return try await detail(reference, caller: caller, services: services)
        case .status(nil, let org?):
            return try await deals(of: org, caller: caller, services: services)
        case .status(nil, nil):
            return try await overview(caller: caller, services: services)
        case .pending:
            guard caller.isManager else { return AccessReplies.managersOnly("see the approval queue") }
            let pending = try await services.database.pendingDeals(for: caller)
            return DealText.list("Waiting for a decision, oldest first", deals: pending, now: now, stages: stages, empty: "Nothing is waiting for a decision. 🎉")
        case .history(let id):
            guard let deal = try await services.database.deal(id: id), visible(deal, to: caller) else { return DealText.notFound(id) }
            return DealText.history(deal, entries: try await services.database.dealHistory(id: id))
        case .act(let id, let action):
            if let refusal = action.permission.refusal(for: caller) { return refusal }
            return DealText.reply(try await services.database.applyDealAction(action, to: id, by: caller, settings: services.program.deals, now: now), id: id)
        }
    }

    /// One deal, with the CRM's open opportunities for managers.
    private func detail(_ reference: Int64, caller: Caller, services: BotServices) async throws -> MessageReply {
        guard let deal = try await services.database.deal(id: reference), visible(deal, to: caller) else {
            return DealText.notFound(reference)
        }
        var reply = DealText.detail(
            deal, org: try await services.database.partnerOrg(deal.org), now: services.clock.now(), stages: services.program.deals.policy.stages)
        if caller.canManage(org: deal.org), let line = DealText.crmMatchLine(try await services.database.crmMatches(dealID: deal.id ?? 0)) {
            reply.text += "\n" + line
            reply.blocks.append(.section(text: line))
        }
        return reply
    }

    /// A managed organisation's deals and certification coverage.
    private func deals(of org: String, caller: Caller, services: BotServices) async throws -> MessageReply {
        guard caller.isManager else { return AccessReplies.managersOnly("look at another organisation's deals") }
        guard caller.canManage(org: org), let partner = try await services.database.partnerOrg(org) else {
            return .ephemeral("I don't know an organisation `\(DealCommand.shown(org))` that you manage. `partnerbot partners list` shows them all.")
        }
        let deals = try await services.database.deals(of: org)
        let coverage = try await services.database.certificationCoverage(org: org, today: services.today)
        var reply = DealText.list(
            "Deals of \(Mrkdwn.escape(partner.name)) (`\(org)`)", deals: deals, now: services.clock.now(), stages: services.program.deals.policy.stages,
            empty: "No deals yet.")
        let line = "Certification coverage: \(coverage.summary(tracks: services.program.tracks))"
        reply.text += "\n" + line
        reply.blocks.append(.context([line]))
        return reply
    }

    /// `/deal status`: a partner's own deals; a manager's queue with coverage.
    private func overview(caller: Caller, services: BotServices) async throws -> MessageReply {
        let (now, stages) = (services.clock.now(), services.program.deals.policy.stages)
        if let org = caller.partnerOrg {
            let deals = try await services.database.deals(of: org)
            return DealText.list("Your organisation's deals", deals: deals, now: now, stages: stages, empty: "No deals yet: register one with `/register <company>`.")
        }
        guard caller.isManager else { return AccessReplies.partnersOnly("`/deal status`") }
        let pending = try await services.database.pendingDeals(for: caller)
        var reply = DealText.list(
            "Registrations waiting for a decision (`/deal status org:<slug>` shows one partner's deals)", deals: pending, now: now, stages: stages,
            empty: "Nothing is waiting for a decision.")
        var coverageLines: [String] = []
        for org in Set(pending.map(\.org)).sorted() {
            let coverage = try await services.database.certificationCoverage(org: org, today: services.today)
            coverageLines.append("`\(org)`: \(coverage.summary(tracks: services.program.tracks))")
        }
        if !coverageLines.isEmpty {
            let line = "Certification coverage — " + coverageLines.joined(separator: " · ")
            reply.text += "\n" + line
            reply.blocks.append(.context([line.limited(to: 2900)]))
        }
        return reply
    }

    /// Partners see their own organisation's deals; managers the deals they manage.
    func visible(_ deal: Deal, to caller: Caller) -> Bool {
        caller.partnerOrg == deal.org || caller.canManage(org: deal.org)
    }
}
