import Foundation
import SlackPlatform

/// `/claim`, `/mdf` and `/claims`: partners claim SPIFFs and MDF, managers decide and record payouts.
struct ClaimsHandler: Sendable {
    /// A SPIFF announcement and its terms, from the announcements folder. Files are read as they
    /// are (a SPIFF past its `expires` day still takes claims for deals won in its window).
    static func spiff(_ id: String, services: BotServices) -> Result<(Announcement, SpiffTerms), ClaimRefusal> {
        let rules = AnnouncementRules(tiers: services.program.tiers, tracks: services.program.tracks.map(\.id), today: CalendarDate(year: 2000, month: 1, day: 1)!)
        let loaded = AnnouncementParser.loadAll(directory: services.program.announcementsDirectory, rules: rules)
        guard let announcement = loaded.announcements.first(where: { $0.id == id }) else { return .failure(.unknownSpiff(id)) }
        guard let terms = announcement.incentive else { return .failure(.notASpiff(id)) }
        return .success((announcement, terms))
    }

    func claim(_ request: SpiffClaimRequest, caller: Caller, services: BotServices) async throws -> ClaimOutcome {
        switch Self.spiff(request.announcement, services: services) {
        case .failure(let refusal): return .refused(refusal)
        case .success(let (announcement, terms)):
            return try await services.database.submitSpiffClaim(
                request, announcement: announcement, terms: terms, by: caller, settings: services.program.deals, now: services.clock.now())
        }
    }

    func handle(_ command: ClaimCommand, caller: Caller, services: BotServices) async throws -> MessageReply {
        if let refusal = Permission.partners("Claiming a SPIFF").refusal(for: caller) { return refusal }
        switch command {
        case .usage(let message): return .ephemeral(message)
        case .claim(let request): return .ephemeral(try await claim(request, caller: caller, services: services).message)
        }
    }

    func handle(_ command: MDFCommand, caller: Caller, services: BotServices) async throws -> MessageReply {
        if let refusal = Permission.partners("Requesting market-development funds").refusal(for: caller) { return refusal }
        let (database, settings, now) = (services.database, services.program.deals, services.clock.now())
        switch command {
        case .usage(let message): return .ephemeral(message)
        case .mine: return try await mdfStatus(caller: caller, services: services)
        case .request(let request):
            guard !services.program.mdf.quarterly.isEmpty else { return .ephemeral("The program has no market-development funds configured. Ask your partner manager.") }
            return .ephemeral(try await database.requestMDF(request, budgets: services.program.mdf, by: caller, settings: settings, now: now).message)
        case .claim(let id, let proof, let amount):
            return .ephemeral(try await database.claimMDF(id: id, proof: proof, amount: amount, by: caller, settings: settings, now: now).message)
        }
    }

    private func mdfStatus(caller: Caller, services: BotServices) async throws -> MessageReply {
        guard let org = caller.partnerOrg, let record = try await services.database.partnerOrg(org) else { return AccessReplies.notEnrolled }
        let quarter = MDFBudgets.quarter(of: services.today)
        var lines: [String] = []
        if let budget = services.program.mdf.quarterly[record.tier] {
            let used = try await services.database.mdfUsed(org: org, quarter: quarter)[budget.currency] ?? 0
            lines.append("Budget for \(MDFBudgets.label(quarter)) (\(record.tier) tier): \(budget) · requested \(Money(minorUnits: used, currency: budget.currency)) · *left \(Money(minorUnits: max(0, budget.minorUnits - used), currency: budget.currency))*")
        } else {
            lines.append("The \(record.tier) tier has no market-development budget.")
        }
        let requests = try await services.database.claims(org: org).filter { $0.kind == .mdf }
        lines += requests.map { ClaimText.line($0, deal: nil, orgName: nil) }
        if requests.isEmpty { lines.append("No requests yet: `/mdf request amount:<money> activity:\"…\" date:YYYY-MM-DD`.") }
        return MessageReply(text: lines.joined(separator: "\n"), blocks: Block.sections(title: "Market-development funds of \(record.name)", lines: lines))
    }

    func handle(_ command: ClaimsCommand, caller: Caller, services: BotServices) async throws -> MessageReply {
        let (database, now) = (services.database, services.clock.now())
        switch command {
        case .usage(let message): return .ephemeral(message)
        case .list(let org): return try await list(org: org, caller: caller, services: services)
        case .pending: return try await pending(caller: caller, services: services)
        case .approve(let reference):
            if let refusal = Permission.managers("approve claims").refusal(for: caller) { return refusal }
            return .ephemeral(try await database.decideClaim(reference, .approve, by: caller, settings: services.program.deals, now: now).message)
        case .reject(let reference, let reason):
            if let refusal = Permission.managers("reject claims").refusal(for: caller) { return refusal }
            return .ephemeral(try await database.decideClaim(reference, .reject(reason: reason), by: caller, settings: services.program.deals, now: now).message)
        case .paid(let reference, let payment):
            if let refusal = Permission.managers("record payments").refusal(for: caller) { return refusal }
            return .ephemeral(try await database.markPaid(reference, paymentReference: payment, by: caller, now: now).message)
        }
    }

    private func list(org requested: String?, caller: Caller, services: BotServices) async throws -> MessageReply {
        if let refusal = Permission.enrolled.refusal(for: caller) { return refusal }
        let org: String
        if let requested, requested != caller.partnerOrg {
            guard caller.canManage(org: requested) else {
                return .ephemeral(caller.partnerOrg == nil ? "Only partner managers can see another organisation's claims." : "You can see your own organisation's claims: `/claims`.")
            }
            org = requested
        } else if let own = requested ?? caller.partnerOrg {
            org = own
        } else {
            return try await pending(caller: caller, services: services)
        }
        let claims = try await services.database.claims(org: org)
        let name = try await services.database.partnerOrg(org)?.name ?? org
        let lines = claims.isEmpty ? ["No claims yet. Claim a SPIFF with `/claim <spiff-id> DR-n`, market-development funds with `/mdf request`."]
            : claims.map { ClaimText.line($0, deal: $0.dealID.map { "DR-\($0)" }, orgName: nil) }
        return MessageReply(text: "Claims of \(name)\n" + lines.joined(separator: "\n"), blocks: Block.sections(title: "Claims of \(name)", lines: lines))
    }

    private func pending(caller: Caller, services: BotServices) async throws -> MessageReply {
        if let refusal = Permission.managers("see pending claims").refusal(for: caller) { return refusal }
        let queue = try await services.database.payoutQueue(orgs: caller.isProgramManager ? nil : caller.managedOrgs)
        var lines: [String] = []
        if !queue.claims.isEmpty {
            lines.append("*To decide* (`/claims approve|reject ID`)")
            lines += queue.claims.map { ClaimText.line($0, deal: $0.dealID.map { "DR-\($0)" }, orgName: queue.names[$0.org]) }
        }
        if !queue.commissions.isEmpty {
            lines.append("*Commission to approve*")
            lines += queue.commissions.map { "• *\($0.reference)* \(Mrkdwn.escape(queue.names[$0.org] ?? $0.org)) · \($0.amount) — `/claims approve \($0.reference)`" }
        }
        if !queue.toPay.isEmpty {
            lines.append("*Approved, to pay* (`/claims paid ID [payment reference]`)")
            lines += queue.toPay.map { "• *\($0.reference)* \(Mrkdwn.escape(queue.names[$0.org] ?? $0.org)) · \($0.source) · \($0.amount)" }
        }
        if lines.isEmpty { lines = ["Nothing waits: no claims to decide, no commission to approve, nothing to pay."] }
        return MessageReply(text: "Pending claims\n" + lines.joined(separator: "\n"), blocks: Block.sections(title: "Pending claims and payouts", lines: lines))
    }
}
