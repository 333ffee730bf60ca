import Foundation
import Testing
@testable import PartnerBot

@Suite("Configuration: tier_criteria")
struct TierConfigurationTests {
    func load(_ yaml: String) throws -> BotConfiguration {
        try ConfigurationLoader(environment: [:], readFile: { $0 == "c.yaml" ? yaml : nil }).load(path: "c.yaml")
    }

    @Test func criteriaAreReadPerTier() throws {
        let rules = try load("""
            tier_criteria:
              nudge_at_percent: 75
              tiers:
                select:
                  won_amount: EUR 80k
                  certified_people: 3
                  certified_tracks: [sales-pro]
            """).tierRules
        #expect(rules.nudgePercent == 75)
        #expect(rules.criteria == ["select": TierCriteria(wonAmount: Money(minorUnits: 8_000_000, currency: "EUR"), certifiedPeople: 3, certifiedTracks: ["sales-pro"])])
    }

    @Test func mistakesNameTheirLine() {
        for (yaml, line) in [
            ("tier_criteria:\n  tiers:\n    platinum:\n      certified_people: 3\n", 3),
            ("tier_criteria:\n  tiers:\n    select:\n      certified_tracks: [juggling]\n", 4),
            ("tier_criteria:\n  tiers:\n    select:\n      won_amount: lots\n", 4),
            ("tier_criteria:\n  tiers:\n    select: {}\n", 3),
        ] {
            #expect {
                try load(yaml)
            } throws: { error in
                guard case ConfigurationError.invalidFile(let problem) = error else { return false }
                return problem.line == line
            }
        }
    }

    @Test func otherTiersDropTheDefaultCriteria() throws {
        let configuration = try load("tiers: [bronze, silver, gold]\n")
        #expect(configuration.tierRules.criteria.isEmpty)
    }
}
