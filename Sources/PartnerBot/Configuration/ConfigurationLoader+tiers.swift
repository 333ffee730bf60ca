import Foundation

/// The `tier_criteria` section: `nudge_at_percent` and, under `tiers`, each tier's
/// `won_amount` (e.g. `USD 100k`), `certified_people`, `certified_tracks` and
/// `approved_registrations`, checked against `tiers` and the certification tracks.
extension ConfigurationLoader {
    static func applyTierCriteria(_ root: [String: YAMLValue], to configuration: inout BotConfiguration) throws(YAMLFileError) {
        guard let value = root["tier_criteria"], !value.isNull else {
            // The default criteria name the default tiers: kept for the tiers that still exist.
            configuration.tierRules.criteria = configuration.tierRules.criteria.filter { configuration.tiers.contains($0.key) }
            return
        }
        let section = try value.mapping(allowed: ["nudge_at_percent", "tiers"])
        var rules = TierRules(criteria: [:])
        if let percent = section["nudge_at_percent"] { rules.nudgePercent = try percent.int(in: 1...100) }
        if let tiers = section["tiers"] {
            for (tier, entry) in try tiers.mapping(allowed: Set(configuration.tiers)) {
                rules.criteria[tier] = try criteria(entry, tracks: Set(configuration.tracks.map(\.id)))
            }
        }
        configuration.tierRules = rules
    }

    private static func criteria(_ entry: YAMLValue, tracks: Set<String>) throws(YAMLFileError) -> TierCriteria {
        let fields = try entry.mapping(allowed: ["won_amount", "certified_people", "certified_tracks", "approved_registrations"])
        var criteria = TierCriteria()
        if let value = fields["won_amount"] {
            let text = try value.string()
            guard let money = Money.parse(text), money.minorUnits > 0 else { throw value.error("must be an amount with its currency, like USD 100k, got \"\(text)\"") }
            criteria.wonAmount = money
        }
        if let value = fields["certified_people"] { criteria.certifiedPeople = try value.int(in: 1...100_000) }
        if let value = fields["approved_registrations"] { criteria.approvedRegistrations = try value.int(in: 1...1_000_000) }
        if let value = fields["certified_tracks"] {
            let list = try value.stringArray().map { $0.lowercased() }
            if let unknown = list.first(where: { !tracks.contains($0) }) {
                throw value.error("\"\(unknown)\" is not a certification track (\(tracks.sorted().joined(separator: ", ")))")
            }
            criteria.certifiedTracks = list
        }
        guard !criteria.isEmpty else { throw entry.error("name at least one of won_amount, certified_people, approved_registrations") }
        return criteria
    }
}
