import SlackPlatform

/// What partners claim and managers pay out: `/claim` (SPIFFs), `/mdf` (market-development
/// funds), `/claims` (the queue and decisions), the Approve / Reject buttons with the rejection
/// modal, and the Claim button on SPIFF messages and won deals' notices with its form.
struct ClaimsFeature: Feature {
    var commands: [CommandRoute] {
        [
            CommandRoute(.claim, helpWhenEmpty: true, parse: { text, _ in ClaimCommand.parse(text) }) {
                try await ClaimsHandler().handle($0, caller: try await $2.caller($1.actingUser), services: $2)
            },
            CommandRoute(.mdf, parse: { text, _ in MDFCommand.parse(text) }) {
                try await ClaimsHandler().handle($0, caller: try await $2.caller($1.actingUser), services: $2)
            },
            CommandRoute(.claims, parse: { text, _ in ClaimsCommand.parse(text) }) {
                try await ClaimsHandler().handle($0, caller: try await $2.caller($1.actingUser), services: $2)
            },
        ]
    }

    var actions: [ActionRoute] {
        [
            ActionRoute(.claimApprove) { try await ClaimButtons().approve(click: $0, services: $1) },
            ActionRoute(.claimReject) { try await ClaimButtons().askReason(click: $0, services: $1) },
            ActionRoute(.claimSpiff) { try await ClaimButtons().openClaimForm(click: $0, services: $1) },
        ]
    }

    var submissions: [SubmissionRoute] {
        [
            SubmissionRoute(.claimReject) { try await ClaimButtons().reject($0, services: $1) },
            SubmissionRoute(.claimSpiff) { try await ClaimButtons().submitClaim($0, services: $1) },
        ]
    }
}

/// The buttons and the two modals.
struct ClaimButtons: Sendable {
    static let outOfDate = MessageReply.ephemeral("That button is out of date; use `/claims` instead.")

    func approve(click: ButtonClick, services: BotServices) async throws -> MessageReply {
        guard let reference = click.value.flatMap(ClaimReference.parse) else { return Self.outOfDate }
        return try await ClaimsHandler().handle(.approve(reference), caller: click.caller, services: services)
    }

    func askReason(click: ButtonClick, services: BotServices) async throws -> MessageReply {
        guard let reference = click.value.flatMap(ClaimReference.parse) else { return Self.outOfDate }
        if let refusal = Permission.managers("reject claims").refusal(for: click.caller) { return refusal }
        let view = Modals.oneField(
            callback: .claimReject, reference: reference.text, title: "Reject \(reference.text)", label: "Reason (the partner sees it)", submit: "Reject")
        return try await Modals.openOrExplain(view, trigger: click.triggerID, fallback: "`/claims reject \(reference.text) <reason>`", services: services)
    }

    func reject(_ submission: ViewSubmission, services: BotServices) async throws -> InteractionReply {
        let text = (submission.view.values["text"]?["text_input"] ?? "").trimmingWhitespace()
        guard !text.isEmpty else { return .viewErrors(["text": "Please give a reason: the partner sees it."]) }
        guard let reference = submission.view.privateMetadata.flatMap(ClaimReference.parse) else { return .acknowledge }
        let caller = try await services.caller(submission.actingUser)
        if let refusal = Permission.managers("reject claims").refusal(for: caller) { return .viewErrors(["text": refusal.text]) }
        let outcome = try await services.database.decideClaim(
            reference, .reject(reason: String(text.prefix(1000))), by: caller, settings: services.program.deals, now: services.clock.now())
        switch outcome {
        case .changed, .unchanged: return .acknowledge
        case .refused, .notFound: return .viewErrors(["text": outcome.message])
        }
    }

    /// The Claim button: `<spiff-id>` on the SPIFF's message, `<spiff-id> DR-n` on a won deal's notice.
    func openClaimForm(click: ButtonClick, services: BotServices) async throws -> MessageReply {
        if let refusal = Permission.partners("Claiming a SPIFF").refusal(for: click.caller) { return refusal }
        let parts = (click.value ?? "").split(separator: " ").map(String.init)
        guard let id = parts.first else { return Self.outOfDate }
        let terms: SpiffTerms
        switch ClaimsHandler.spiff(id, services: services) {
        case .failure(let refusal): return .ephemeral(refusal.userMessage)
        case .success(let found): terms = found.1
        }
        let deal = parts.count > 1 ? parts[1] : nil
        var blocks: [Block] = [.context(["`\(id)`: deals won from \(terms.start) to \(terms.end)."])]
        if deal == nil {
            blocks.append(.input(Input(blockID: "deal", label: "Deal", element: .text(actionID: "text_input", placeholder: "DR-12"), hint: "A won deal of your organisation")))
        }
        blocks.append(.input(Input(
            blockID: "proof", label: "Proof (https link)", element: .text(actionID: "text_input", placeholder: "https://…"), optional: !terms.requiresLink)))
        blocks.append(.input(Input(blockID: "note", label: "Note", element: .text(actionID: "text_input", multiline: true), optional: !terms.requiresNote)))
        let view = ModalView(callback: .claimSpiff, title: deal.map { "Claim for \($0)" } ?? "Claim a SPIFF", submit: "Claim", privateMetadata: click.value ?? id, blocks: blocks)
        return try await Modals.openOrExplain(view, trigger: click.triggerID, fallback: "`/claim \(id) \(deal ?? "DR-n") proof:<https link>`", services: services)
    }

    func submitClaim(_ submission: ViewSubmission, services: BotServices) async throws -> InteractionReply {
        let parts = (submission.view.privateMetadata ?? "").split(separator: " ").map(String.init)
        guard let id = parts.first else { return .acknowledge }
        let value = { (block: String) in (submission.view.values[block]?["text_input"] ?? "").trimmingWhitespace() }
        let dealText = parts.count > 1 ? parts[1] : value("deal")
        guard let dealID = Deal.id(fromReference: dealText) else { return .viewErrors(["deal": "Name one deal, like DR-12."]) }
        var request = SpiffClaimRequest(announcement: id, dealID: dealID, note: value("note").isEmpty ? nil : String(value("note").prefix(1000)))
        if !value("proof").isEmpty {
            guard let link = ProofLink.check(value("proof")) else { return .viewErrors(["proof": "The proof must be an https link."]) }
            request.proof = link
        }
        let caller = try await services.caller(submission.actingUser)
        if let refusal = Permission.partners("Claiming a SPIFF").refusal(for: caller) { return .viewErrors(["proof": refusal.text]) }
        let outcome = try await ClaimsHandler().claim(request, caller: caller, services: services)
        switch outcome {
        case .changed: return .acknowledge
        case .refused(.noteMissing): return .viewErrors(["note": outcome.message])
        case .refused(.proofLinkMissing): return .viewErrors(["proof": outcome.message])
        default: return .viewErrors([parts.count > 1 ? "proof" : "deal": outcome.message])
        }
    }
}
