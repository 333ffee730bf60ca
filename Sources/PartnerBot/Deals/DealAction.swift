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

    /// Whether the action closes the deal (won or lost): reports date the outcome by it.
    var closes: Bool {
        switch self {
        case .won, .lost: true
        default: false
        }
    }
}

/// Settings deal operations need.
public struct DealSettings: Sendable, Equatable {
    /// Program rules.
    public var policy: ProgramPolicy
    /// The managers' channel, if configured.
    public var managersChannel: String?
    /// Commission earned on won deals.
    public var commission: CommissionRules

    /// Creates settings.
    public init(policy: ProgramPolicy, managersChannel: String?, commission: CommissionRules = CommissionRules()) {
        self.policy = policy
        self.managersChannel = managersChannel
        self.commission = commission
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
    /// Refused by policy.
    case refused(RegistrationRefusal)
}

/// Why the program refuses a registration.
public enum RegistrationRefusal: Sendable, Equatable {
    /// `policy.require_certification_to_register`: the organisation holds no active certification.
    case certificationRequired
}
