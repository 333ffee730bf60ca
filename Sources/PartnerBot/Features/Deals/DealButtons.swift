import SlackPlatform

/// The deal buttons and the one-field modals they open (decline reason, question, answer).
struct DealButtons: Sendable {
    /// A change that needs a text: the button opens a modal, the modal applies the change.
    enum TextVerb: CaseIterable {
        case decline
        case needInfo
        case answer

        var callback: CallbackID {
            switch self {
            case .decline: .dealDecline
            case .needInfo: .dealNeedInfo
            case .answer: .dealAnswer
            }
        }

        /// The change the submitted text makes (texts are capped as the commands cap them).
        func action(_ text: String) -> DealAction {
            switch self {
            case .decline: .decline(reason: String(text.prefix(1000)))
            case .needInfo: .needInfo(question: String(text.prefix(1000)))
            case .answer: .answer(text: String(text.prefix(2000)))
            }
        }

        /// Who may use it (the permission of the change it makes).
        var permission: Permission { action("").permission }

        /// Whether the deal still takes this text.
        func isOpen(_ deal: Deal) -> Bool {
            self == .answer ? deal.status == .needsInfo : deal.status.awaitsDecision
        }
    }

    /// Approve or Extend: the change at once.
    func apply(_ action: DealAction, click: ButtonClick, services: BotServices) async throws -> MessageReply {
        guard let id = click.value.flatMap(Deal.id(fromReference:)) else { return DealText.buttonOutOfDate }
        if let refusal = action.permission.refusal(for: click.caller) { return refusal }
        let outcome = try await services.database.applyDealAction(
            action, to: id, by: click.caller, settings: services.program.deals, now: services.clock.now())
        return DealText.reply(outcome, id: id)
    }

    /// Decline, Need info, Answer: the modal asking for the text.
    func ask(_ verb: TextVerb, click: ButtonClick, services: BotServices) async throws -> MessageReply {
        guard let id = click.value.flatMap(Deal.id(fromReference:)) else { return DealText.buttonOutOfDate }
        if let refusal = verb.permission.refusal(for: click.caller) { return refusal }
        guard let deal = try await services.database.deal(id: id), verb.permission.covers(click.caller, org: deal.org) else {
            return DealText.notFound(id)
        }
        guard verb.isOpen(deal) else { return DealText.closed(verb, deal) }
        return try await Modals.openOrExplain(DealText.modal(verb, deal), trigger: click.triggerID, fallback: DealText.fallback(verb, deal), services: services)
    }

    /// A submitted modal: the change, or the reason it cannot be made shown in the modal.
    func submit(_ verb: TextVerb, _ submission: ViewSubmission, services: BotServices) async throws -> InteractionReply {
        let text = (submission.view.values["text"]?["text_input"] ?? "").trimmingWhitespace()
        guard !text.isEmpty else { return .viewErrors(["text": "Please write something: the partner sees it."]) }
        guard let id = submission.view.privateMetadata.flatMap(Deal.id(fromReference:)) else { return .acknowledge }
        let action = verb.action(text)
        let caller = try await services.caller(submission.actingUser)
        if let refusal = action.permission.refusal(for: caller) { return .viewErrors(["text": refusal.text]) }
        let outcome = try await services.database.applyDealAction(action, to: id, by: caller, settings: services.program.deals, now: services.clock.now())
        switch outcome {
        case .changed, .unchanged: return .acknowledge
        case .notFound, .refused: return .viewErrors(["text": DealText.reply(outcome, id: id).text])
        }
    }
}
