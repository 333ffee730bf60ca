extension ActionID {
    /// A manager approves a registration (review notice).
    public static let dealApprove = ActionID(rawValue: "deal_approve")
    /// A manager declines (opens a modal for the reason).
    public static let dealDecline = ActionID(rawValue: "deal_decline")
    /// A manager asks the partner a question (opens a modal).
    public static let dealNeedInfo = ActionID(rawValue: "deal_needinfo")
    /// A manager extends protection (protection-expiry alert).
    public static let dealExtend = ActionID(rawValue: "deal_extend")
    /// A partner answers the manager's question (opens a modal).
    public static let dealAnswer = ActionID(rawValue: "deal_answer")
}

extension CallbackID {
    /// The decline reason modal.
    public static let dealDecline = CallbackID(rawValue: "deal_decline")
    /// The manager's question modal.
    public static let dealNeedInfo = CallbackID(rawValue: "deal_needinfo")
    /// The partner's answer modal.
    public static let dealAnswer = CallbackID(rawValue: "deal_answer")
}
