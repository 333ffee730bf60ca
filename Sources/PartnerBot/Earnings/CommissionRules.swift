import Foundation

/// Commission on won deals (`incentives.commission`): the first rule matching the deal's motion
/// and the organisation's tier gives a percentage of the deal's amount, with an optional minimum
/// in one currency. Exact: basis points on minor units, rounded half up; never floating point.
public struct CommissionRule: Sendable, Equatable {
    /// `nil`: any motion.
    public var motion: DealMotion?
    /// `nil`: any tier.
    public var tier: String?
    /// Hundredths of a percent (`1050` is 10.5 %).
    public var basisPoints: Int
    /// The least the commission pays, for deals in this money's currency.
    public var minimum: Money?

    public init(motion: DealMotion? = nil, tier: String? = nil, basisPoints: Int, minimum: Money? = nil) {
        self.motion = motion
        self.tier = tier
        self.basisPoints = basisPoints
        self.minimum = minimum
    }

    func matches(motion: DealMotion?, tier: String) -> Bool {
        (self.motion == nil || self.motion == motion) && (self.tier == nil || self.tier == tier)
    }
}

public struct CommissionRules: Sendable, Equatable {
    public var rules: [CommissionRule]

    public init(_ rules: [CommissionRule] = []) {
        self.rules = rules
    }

    /// What a won deal earns, or `nil` when no rule applies or the deal has no amount.
    public func commission(amount: Money?, motion: DealMotion?, tier: String) -> (money: Money, rule: CommissionRule)? {
        guard let amount, let rule = rules.first(where: { $0.matches(motion: motion, tier: tier) }) else { return nil }
        let (product, overflow) = amount.minorUnits.multipliedReportingOverflow(by: Int64(rule.basisPoints))
        guard !overflow else { return nil }
        var minor = (product + 5_000) / 10_000
        if let minimum = rule.minimum, minimum.currency == amount.currency { minor = max(minor, minimum.minorUnits) }
        guard minor > 0 else { return nil }
        return (Money(minorUnits: minor, currency: amount.currency), rule)
    }
}

extension CommissionRule {
    /// `10 %`, `10.5 %`.
    var percentText: String {
        let (whole, hundredths) = (basisPoints / 100, basisPoints % 100)
        guard hundredths != 0 else { return "\(whole) %" }
        return hundredths % 10 == 0 ? "\(whole).\(hundredths / 10) %" : "\(whole).\(hundredths < 10 ? "0" : "")\(hundredths) %"
    }
}
