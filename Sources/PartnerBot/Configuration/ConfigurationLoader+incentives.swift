import Foundation

/// The `incentives` section: `commission`, a list of rules `{motion, tier, percent, minimum}`
/// (the first matching a won deal's motion and its organisation's tier applies), and
/// `mdf.quarterly_budget`, an amount per tier.
extension ConfigurationLoader {
    static func applyIncentives(_ root: [String: YAMLValue], to configuration: inout BotConfiguration) throws(YAMLFileError) {
        guard let value = root["incentives"], !value.isNull else { return }
        let section = try value.mapping(allowed: ["commission", "mdf"])
        if let mdf = section["mdf"], !mdf.isNull { configuration.mdf = try mdfBudgets(mdf, tiers: configuration.tiers) }
        guard let list = section["commission"], !list.isNull else { return }
        var rules: [CommissionRule] = []
        for item in try list.array() {
            let fields = try item.mapping(allowed: ["motion", "tier", "percent", "minimum"])
            guard let percentValue = fields["percent"] else { throw item.error("a commission rule needs percent") }
            var rule = CommissionRule(basisPoints: try basisPoints(percentValue))
            if let value = fields["motion"], !value.isNull {
                let text = try value.string().lowercased()
                guard let motion = DealMotion(rawValue: text) else {
                    throw value.error("must be one of \(DealMotion.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(text)\"")
                }
                rule.motion = motion
            }
            if let value = fields["tier"], !value.isNull {
                let text = try value.string().lowercased()
                guard configuration.tiers.contains(text) else { throw value.error("\"\(text)\" is not a tier (\(configuration.tiers.joined(separator: ", ")))") }
                rule.tier = text
            }
            if let value = fields["minimum"], !value.isNull {
                let text = try value.string()
                guard let money = Money.parse(text), money.minorUnits > 0 else { throw value.error("must be an amount with its currency, like USD 250, got \"\(text)\"") }
                rule.minimum = money
            }
            rules.append(rule)
        }
        configuration.commission = CommissionRules(rules)
    }

    /// `{quarterly_budget: {select: USD 10000, elite: USD 25k}}`.
    private static func mdfBudgets(_ value: YAMLValue, tiers: [String]) throws(YAMLFileError) -> MDFBudgets {
        let section = try value.mapping(allowed: ["quarterly_budget"])
        guard let budgets = section["quarterly_budget"], !budgets.isNull else { return MDFBudgets() }
        var quarterly: [String: Money] = [:]
        for (tier, amount) in try budgets.mapping(allowed: Set(tiers)) {
            let text = try amount.string()
            guard let money = Money.parse(text), money.minorUnits > 0 else { throw amount.error("must be an amount with its currency, like USD 10000, got \"\(text)\"") }
            quarterly[tier] = money
        }
        return MDFBudgets(quarterly: quarterly)
    }

    /// `10`, `10.5`, `"7.25"`: a percentage with at most two decimals, above 0 and at most 100.
    private static func basisPoints(_ value: YAMLValue) throws(YAMLFileError) -> Int {
        let text = try value.string()
        guard let decimal = Decimal(string: text), decimal > 0, decimal <= 100 else { throw value.error("must be a percentage above 0 and at most 100, got \"\(text)\"") }
        let scaled = decimal * 100
        var rounded = Decimal()
        var copy = scaled
        NSDecimalRound(&rounded, &copy, 0, .plain)
        guard rounded == scaled else { throw value.error("takes at most two decimals, got \"\(text)\"") }
        return NSDecimalNumber(decimal: rounded).intValue
    }
}
