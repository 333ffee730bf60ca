/// The program's conflict hierarchy: registered (approved) beats unregistered, incumbent beats
/// net-new, an active certification breaks ties, then the first registration wins.
public enum ConflictPolicy {
    /// What is known about the two registrations on one customer.
    public struct Facts: Sendable, Equatable {
        /// The active registration is approved (registered); the newcomer is not.
        public var holderApproved: Bool
        /// The holder's organisation is the recorded incumbent of the customer.
        public var holderIncumbent: Bool
        /// The newcomer's organisation is the recorded incumbent.
        public var challengerIncumbent: Bool
        /// The holder's organisation has an active certification.
        public var holderCertified: Bool
        /// The newcomer's organisation has an active certification.
        public var challengerCertified: Bool

        /// Creates facts.
        public init(holderApproved: Bool, holderIncumbent: Bool, challengerIncumbent: Bool, holderCertified: Bool, challengerCertified: Bool) {
            self.holderApproved = holderApproved
            self.holderIncumbent = holderIncumbent
            self.challengerIncumbent = challengerIncumbent
            self.holderCertified = holderCertified
            self.challengerCertified = challengerCertified
        }
    }

    /// Which registration the hierarchy favours.
    public enum Side: String, Sendable, Equatable {
        /// The registration already holding the customer.
        case holder
        /// The newer, conflicting registration.
        case challenger
    }

    /// The recommendation with the rule that decided it.
    public static func recommend(_ facts: Facts) -> (side: Side, rule: String) {
        if facts.holderApproved { return (.holder, "registered (approved) beats unregistered") }
        if facts.holderIncumbent != facts.challengerIncumbent {
            return (facts.holderIncumbent ? .holder : .challenger, "incumbent beats net-new")
        }
        if facts.holderCertified != facts.challengerCertified {
            return (facts.holderCertified ? .holder : .challenger, "an active certification breaks the tie")
        }
        return (.holder, "first registered wins the tie")
    }
}
