extension ActionID {
    /// A manager approves a SPIFF claim, an MDF request or an MDF claim.
    public static let claimApprove = ActionID(rawValue: "claim_approve")
    /// A manager rejects one (opens a modal for the reason).
    public static let claimReject = ActionID(rawValue: "claim_reject")
    /// A partner claims a SPIFF (on the SPIFF's message, or on a won deal's notice).
    public static let claimSpiff = ActionID(rawValue: "claim_spiff")
}

extension CallbackID {
    /// The rejection reason modal.
    public static let claimReject = CallbackID(rawValue: "claim_reject")
    /// The SPIFF claim modal (deal, proof, note).
    public static let claimSpiff = CallbackID(rawValue: "claim_spiff")
}
