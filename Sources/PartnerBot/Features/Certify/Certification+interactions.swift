extension ActionID {
    /// A manager verifies a certification claim.
    public static let certificationVerify = ActionID(rawValue: "cert_verify")
    /// A manager rejects a claim (opens a modal for the reason).
    public static let certificationReject = ActionID(rawValue: "cert_reject")
}

extension CallbackID {
    /// The claim rejection reason modal.
    public static let certificationReject = CallbackID(rawValue: "cert_reject")
}
