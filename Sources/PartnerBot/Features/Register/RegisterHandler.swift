import CRM
import Foundation
import SlackPlatform

/// `/register`: the form, inline registrations and their mistakes.
struct RegisterHandler: Sendable {
    /// The partner's organisation, or the reply refusing them.
    private enum PartnerLookup {
        case partner(String)
        case refused(MessageReply)
    }

    private func partnerOrg(_ user: ActingUser, services: BotServices) async throws -> PartnerLookup {
        let caller = try await services.caller(user)
        if let refusal = RegisterFeature.permission.refusal(for: caller) { return .refused(refusal) }
        guard let org = caller.partnerOrg else { return .refused(AccessReplies.notEnrolled) }
        return .partner(org)
    }

    func handle(_ command: RegisterCommand, slash: SlashCommand, services: BotServices) async throws -> MessageReply {
        switch command {
        case .form: try await openForm(slash, services: services)
        case .register(let request): try await register(request, command: slash, services: services)
        case .invalid(let error): try await invalid(error, command: slash, services: services)
        }
    }

    func register(_ request: RegistrationRequest, command: SlashCommand, services: BotServices) async throws -> MessageReply {
        var crmMatches: [CRMOpportunity]?
        if let check = services.crmCheck {
            // Only partners make the bot ask the CRM.
            if case .refused(let reply) = try await partnerOrg(command.actingUser, services: services) { return reply }
            crmMatches = await check.openOpportunities(for: CRMCompany(name: request.company, domain: request.domain))
        }
        let now = services.clock.now()
        let (caller, outcome) = try await services.database.registerDeal(
            request, by: command.actingUser, channelID: command.channelID, roles: services.program.roles,
            settings: services.program.deals, now: now, crmMatches: crmMatches)
        guard let outcome else { return RegisterFeature.permission.refusal(for: caller) ?? AccessReplies.notEnrolled }
        return Self.reply(outcome, now: now)
    }

    static func reply(_ outcome: RegistrationOutcome, now: Date) -> MessageReply {
        switch outcome {
        case .registered(let deal): DealText.registered(deal, now: now)
        case .existing(let deal): DealText.existing(deal, now: now)
        case .conflict(let deal): DealText.conflict(deal)
        case .refused(let refusal): DealText.refused(refusal)
        }
    }

    func invalid(_ error: RegistrationError, command: SlashCommand, services: BotServices) async throws -> MessageReply {
        if case .refused(let reply) = try await partnerOrg(command.actingUser, services: services) { return reply }
        return .ephemeral("\(error.message)\nNothing was registered. Usage: `/register <company> [domain:acme.com] [amount:50k] [close:YYYY-MM-DD] …` — `/register help` explains every option.")
    }

    func openForm(_ command: SlashCommand, services: BotServices) async throws -> MessageReply {
        try await openForm(for: command.actingUser, channelID: command.channelID, trigger: command.triggerID, services: services)
    }

    /// Opens the registration form for `user` (from `/register`, the panel or a shortcut), or
    /// says why not: not a partner, no trigger, or the modal did not open.
    /// - Returns: An empty reply once the form is open.
    func openForm(
        for user: ActingUser, channelID: String?, trigger: String?, prefill: RegistrationForm.Prefill = .init(), services: BotServices
    ) async throws -> MessageReply {
        if case .refused(let reply) = try await partnerOrg(user, services: services) { return reply }
        guard let trigger else {
            return .ephemeral("I can't open the form from here. Register inline: `/register <company> [domain:acme.com] [amount:50k] [close:YYYY-MM-DD]`.")
        }
        let view = RegistrationForm.view(channelID: channelID, today: services.today, prefill: prefill)
        switch await Modals.open(view, trigger: trigger, services: services) {
        case .opened:
            return MessageReply(text: "")
        case .failed:
            return .ephemeral("I couldn't open the registration form. Register inline instead: `/register <company> [domain:acme.com] [amount:50k] [close:YYYY-MM-DD]`.")
        }
    }

    /// A submitted registration form.
    func submitForm(_ submission: ViewSubmission, services: BotServices) async throws -> InteractionReply {
        let teamID = submission.actingTeamID ?? ""
        let org: String
        switch try await partnerOrg(submission.actingUser, services: services) {
        case .partner(let found): org = found
        case .refused(let reply): return .viewErrors(["company": reply.text])
        }
        var fields: [RegistrationField: String] = [:]
        for field in RegistrationField.allCases {
            fields[field] = submission.view.values[field.rawValue]?[RegistrationForm.inputID(field)] ?? ""
        }
        let request: RegistrationRequest
        switch RegistrationParser.validate(fields: fields, today: services.today) {
        case .success(let valid): request = valid
        case .failure(let errors): return .viewErrors(Dictionary(errors.errors.map { ($0.field.rawValue, $0.message) }, uniquingKeysWith: { first, _ in first }))
        }
        let channel = submission.view.privateMetadata.flatMap { $0.isEmpty ? nil : $0 }
        let crmMatches = await services.crmCheck?.openOpportunities(for: CRMCompany(name: request.company, domain: request.domain))
        let now = services.clock.now()
        let outcome = try await services.database.registerDeal(
            request, org: org, userID: submission.user.id, teamID: teamID, channelID: channel, settings: services.program.deals, now: now,
            crmMatches: crmMatches)
        let reply = Self.reply(outcome, now: now)
        let key = "register-form:\(submission.user.id):\(Self.dealID(outcome).map(String.init) ?? "refused"):\(Int(now.timeIntervalSince1970))"
        let message: OutboundMessage = channel.map { .ephemeral(reply, to: submission.user.id, in: $0, dedupeKey: key) }
            ?? .post(reply, to: submission.user.id, dedupeKey: key)
        // The submitter hears back where they opened the form: through the installation the
        // submission came through (a partner's own workspace when the app is installed there).
        try await services.database.enqueue([message.sent(through: submission.installation)], now: now)
        return .acknowledge
    }

    static func dealID(_ outcome: RegistrationOutcome) -> Int64? {
        switch outcome {
        case .registered(let deal), .existing(let deal), .conflict(let deal): deal.id
        case .refused: nil
        }
    }
}
