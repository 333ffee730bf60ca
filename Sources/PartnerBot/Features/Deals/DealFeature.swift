/// Deals after registration: `/deal`, the managers' review buttons, the Extend button of
/// protection alerts, the partner's Answer button, and the modals they open.
struct DealFeature: Feature {
    var commands: [CommandRoute] {
        [CommandRoute(.deal, parse: { text, _ in DealCommand.parse(text) }, handle: { try await DealHandler().handle($0, command: $1, services: $2) })]
    }

    var actions: [ActionRoute] {
        [
            ActionRoute(.dealApprove) { try await DealButtons().apply(.approve, click: $0, services: $1) },
            ActionRoute(.dealExtend) { try await DealButtons().apply(.extend, click: $0, services: $1) },
            ActionRoute(.dealDecline) { try await DealButtons().ask(.decline, click: $0, services: $1) },
            ActionRoute(.dealNeedInfo) { try await DealButtons().ask(.needInfo, click: $0, services: $1) },
            ActionRoute(.dealAnswer) { try await DealButtons().ask(.answer, click: $0, services: $1) },
        ]
    }

    var submissions: [SubmissionRoute] {
        DealButtons.TextVerb.allCases.map { verb in
            SubmissionRoute(verb.callback) { try await DealButtons().submit(verb, $0, services: $1) }
        }
    }
}

extension DealAction {
    /// Who may take the action, from a command, a button or a modal alike.
    var permission: Permission {
        if case .answer = self { return .partners("Answering a manager's question") }
        return .managers("\(verb) registrations")
    }

    /// The verb for "Only partner managers can … registrations".
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
