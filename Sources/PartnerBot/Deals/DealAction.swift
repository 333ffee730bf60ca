/// A change to a deal, from a command or a button.
public enum DealAction: Sendable, Equatable {
    /// Approve (starts protection). On a conflict, the holder is declined.
    case approve
    /// Decline with a reason.
    case decline(reason: String)
    /// Ask the partner a question.
    case needInfo(question: String)
    /// The partner answers the question (back to pending).
    case answer(text: String)
    /// Extend protection by the policy's extension days.
    case extend
    /// Move an approved deal to a pipeline stage.
    case stage(String)
    /// Close won.
    case won
    /// Close lost with a reason.
    case lost(reason: String)

    /// The audit action name.
    var name: String {
        switch self {
        case .approve: "approved"
        case .decline: "declined"
        case .needInfo: "needs_info"
        case .answer: "answered"
        case .extend: "extended"
        case .stage: "stage"
        case .won: "won"
        case .lost: "lost"
        }
    }

    /// Whether only managers may take this action (`answer` is the partner's).
    var isManagerAction: Bool {
        if case .answer = self { return false }
        return true
    }
}

/// What applying a `DealAction` did.
public enum DealActionOutcome: Sendable, Equatable {
    /// The deal changed; `summary` tells the caller.
    case changed(Deal, summary: String)
    /// Nothing to do (a double click, a retry): `summary` says why.
    case unchanged(Deal, summary: String)
    /// No such deal visible to the caller.
    case notFound
    /// The change is not allowed from the deal's state.
    case invalid(String)
}

/// Settings deal operations need.
public struct DealSettings: Sendable, Equatable {
    /// Program rules.
    public var policy: ProgramPolicy
    /// The managers' channel, if configured.
    public var managersChannel: String?

    /// Creates settings.
    public init(policy: ProgramPolicy, managersChannel: String?) {
        self.policy = policy
        self.managersChannel = managersChannel
    }
}

/// What a registration did.
public enum RegistrationOutcome: Sendable, Equatable {
    /// A new pending registration.
    case registered(Deal)
    /// The organisation already holds this customer: its registration, unchanged.
    case existing(Deal)
    /// Another organisation holds the customer: recorded as a conflict for managers.
    case conflict(Deal)
    /// Refused by policy, with the user-facing reason.
    case refused(String)
}
