import Foundation

/// What an organisation needs for a tier, measured over a rolling four quarters (the current
/// quarter and the three before it). A criterion left out is not required.
public struct TierCriteria: Sendable, Equatable {
    /// Won amount in one currency (deals closed won in the window).
    public var wonAmount: Money?
    /// People holding an active certification (of `certifiedTracks` when given).
    public var certifiedPeople: Int?
    /// The tracks that count for `certifiedPeople`; empty: any track.
    public var certifiedTracks: [String] = []
    /// Registrations approved in the window.
    public var approvedRegistrations: Int?

    public init(wonAmount: Money? = nil, certifiedPeople: Int? = nil, certifiedTracks: [String] = [], approvedRegistrations: Int? = nil) {
        self.wonAmount = wonAmount
        self.certifiedPeople = certifiedPeople
        self.certifiedTracks = certifiedTracks
        self.approvedRegistrations = approvedRegistrations
    }

    public var isEmpty: Bool { wonAmount == nil && certifiedPeople == nil && approvedRegistrations == nil }
}

/// The tiers' criteria (`tier_criteria` in the configuration).
public struct TierRules: Sendable, Equatable {
    /// Criteria by tier; tiers without an entry (usually the entry tier) need nothing.
    public var criteria: [String: TierCriteria]
    /// A partner is nudged when it reaches this share of every criterion of the next tier.
    public var nudgePercent: Int

    public init(criteria: [String: TierCriteria], nudgePercent: Int = 80) {
        self.criteria = criteria
        self.nudgePercent = nudgePercent
    }

    /// The defaults: select and elite over the default tiers.
    public static let defaults = TierRules(criteria: [
        "select": TierCriteria(wonAmount: Money(minorUnits: 10_000_000, currency: "USD"), certifiedPeople: 2, approvedRegistrations: 5),
        "elite": TierCriteria(wonAmount: Money(minorUnits: 50_000_000, currency: "USD"), certifiedPeople: 5, approvedRegistrations: 20),
    ])
}
