import SlackPlatform

/// Certifications: `/certify`, the managers' Verify and Reject buttons on a claim, and the
/// rejection modal.
struct CertifyFeature: Feature {
    var commands: [CommandRoute] {
        [CommandRoute(.certify, parse: CertifyCommand.parse, handle: { try await CertifyHandler().handle($0, slash: $1, services: $2) })]
    }

    var actions: [ActionRoute] {
        [
            ActionRoute(.certificationVerify) { try await CertifyButtons().verify(click: $0, services: $1) },
            ActionRoute(.certificationReject) { try await CertifyButtons().askReason(click: $0, services: $1) },
        ]
    }

    var submissions: [SubmissionRoute] {
        [SubmissionRoute(.certificationReject) { try await CertifyButtons().reject($0, services: $1) }]
    }
}

extension CertifyCommand {
    /// Who may use the verb, from a command or a button alike.
    var permission: Permission {
        switch self {
        case .mine, .tracks, .usage: .enrolled
        case .claim: .partners("Claiming a certification")
        case .verify: .managers("verify certifications")
        case .reject: .managers("reject certification claims")
        case .grant: .managers("grant certifications")
        case .revoke: .managers("revoke certifications")
        case .status: .managers("see another organisation's people")
        case .expiring: .managers("see expiring certifications")
        case .claims: .managers("see certification claims")
        }
    }
}

/// The claim buttons and the rejection modal.
struct CertifyButtons: Sendable {
    static let outOfDate = MessageReply.ephemeral("That button is out of date; use `/certify claims` instead.")

    func verify(click: ButtonClick, services: BotServices) async throws -> MessageReply {
        guard let id = click.value.flatMap(Certification.id(fromReference:)) else { return Self.outOfDate }
        return try await CertifyHandler().handle(.verify(id), caller: click.caller, services: services)
    }

    func askReason(click: ButtonClick, services: BotServices) async throws -> MessageReply {
        guard let id = click.value.flatMap(Certification.id(fromReference:)) else { return Self.outOfDate }
        if let refusal = CertifyCommand.reject(id, reason: "").permission.refusal(for: click.caller) { return refusal }
        guard let claim = try await services.database.certification(id: id), click.caller.canManage(org: claim.org) else {
            return CertificationReplies.reply(.notFound, tracks: services.program.tracks, id: id)
        }
        guard claim.state == .claimed else { return CertificationReplies.reply(.unchanged(claim, .alreadyDecided), tracks: services.program.tracks, id: id) }
        let view = Modals.oneField(
            callback: .certificationReject, reference: claim.reference, title: "Reject \(claim.reference)",
            label: "Reason (the partner sees it)", submit: "Reject")
        return try await Modals.openOrExplain(view, trigger: click.triggerID, fallback: "`/certify reject \(claim.reference) <reason>`", services: services)
    }

    func reject(_ submission: ViewSubmission, services: BotServices) async throws -> InteractionReply {
        let text = (submission.view.values["text"]?["text_input"] ?? "").trimmingWhitespace()
        guard !text.isEmpty else { return .viewErrors(["text": "Please give a reason: the partner sees it."]) }
        guard let id = submission.view.privateMetadata.flatMap(Certification.id(fromReference:)) else { return .acknowledge }
        let caller = try await services.caller(submission.actingUser)
        let command = CertifyCommand.reject(id, reason: String(text.prefix(1000)))
        if let refusal = command.permission.refusal(for: caller) { return .viewErrors(["text": refusal.text]) }
        let outcome = try await services.database.decideCertificationClaim(
            id: id, verify: false, reason: String(text.prefix(1000)), by: caller, settings: services.program, now: services.clock.now())
        switch outcome {
        case .changed, .unchanged: return .acknowledge
        case .refused, .notFound: return .viewErrors(["text": CertificationReplies.reply(outcome, tracks: services.program.tracks, id: id).text])
        }
    }
}
