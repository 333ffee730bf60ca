import Testing
@testable import PartnerBot

extension AnnouncementsInput {
    @Suite("AnnouncementAudience")
    struct Audience {
        /// An organisation of the directory, as `includes` sees it.
        struct Org: Sendable, CustomTestStringConvertible {
            var org: String
            var type: PartnerOrg.Kind
            var tier: String
            var region: String
            var testDescription: String { "\(org) (\(type.rawValue), \(tier), \(region))" }
        }

        static let acme = Org(org: "acme-resell", type: .reseller, tier: "elite", region: "emea")
        static let bolt = Org(org: "bolt-si", type: .si, tier: "select", region: "na")
        static let cloudy = Org(org: "cloudy", type: .msp, tier: "registered", region: "emea")
        static let dyn = Org(org: "dyn-resell", type: .reseller, tier: "registered", region: "apac")
        static let all = [acme, bolt, cloudy, dyn]

        /// (audience, the orgs of `all` it targets)
        static let segments: [(AnnouncementAudience, [String])] = [
            (.everyone, ["acme-resell", "bolt-si", "cloudy", "dyn-resell"]),
            (AnnouncementAudience(types: [.reseller]), ["acme-resell", "dyn-resell"]),
            (AnnouncementAudience(types: [.reseller, .si]), ["acme-resell", "bolt-si", "dyn-resell"]),
            (AnnouncementAudience(types: [.tech]), []),
            (AnnouncementAudience(tiers: ["elite"]), ["acme-resell"]),
            (AnnouncementAudience(tiers: ["select", "elite"]), ["acme-resell", "bolt-si"]),
            (AnnouncementAudience(regions: ["emea"]), ["acme-resell", "cloudy"]),
            (AnnouncementAudience(orgs: ["bolt-si", "dyn-resell"]), ["bolt-si", "dyn-resell"]),
            // Across keys, every key must match.
            (AnnouncementAudience(types: [.reseller], tiers: ["elite"]), ["acme-resell"]),
            (AnnouncementAudience(types: [.reseller, .si], tiers: ["select", "elite"]), ["acme-resell", "bolt-si"]),
            (AnnouncementAudience(types: [.reseller], regions: ["apac", "na"]), ["dyn-resell"]),
            (AnnouncementAudience(tiers: ["registered"], regions: ["emea"]), ["cloudy"]),
            (AnnouncementAudience(types: [.si], orgs: ["acme-resell"]), []),
            (AnnouncementAudience(types: [.reseller, .si, .msp], tiers: ["select", "elite", "registered"], regions: ["emea", "na"], orgs: ["bolt-si", "cloudy"]), ["bolt-si", "cloudy"]),
        ]

        @Test(arguments: segments)
        func includesExactlyItsSegment(audience: AnnouncementAudience, expected: [String]) {
            let included = Self.all.filter { audience.includes(org: $0.org, type: $0.type, tier: $0.tier, region: $0.region) }.map(\.org)
            #expect(included == expected)
        }

        @Test(arguments: all)
        func matchesNamesCaseInsensitively(org: Org) {
            let audience = AnnouncementAudience(tiers: [org.tier], regions: [org.region], orgs: [org.org])
            #expect(audience.includes(org: org.org.uppercased(), type: org.type, tier: org.tier.uppercased(), region: org.region.uppercased()))
        }

        @Test(arguments: [
            (AnnouncementAudience.everyone, "all partners"),
            (AnnouncementAudience(types: [.si, .reseller]), "types reseller or si"),
            (AnnouncementAudience(types: [.tech, .si, .reseller]), "types reseller, si or tech"),
            (AnnouncementAudience(types: [.reseller, .si], tiers: ["select", "elite"], regions: ["emea"]), "types reseller or si · tiers elite or select · regions emea"),
            (AnnouncementAudience(orgs: ["acme-resell"]), "orgs acme-resell"),
            (AnnouncementAudience(tiers: ["elite"], regions: ["na", "emea", "apac"]), "tiers elite · regions apac, emea or na"),
        ])
        func summarizes(audience: AnnouncementAudience, expected: String) {
            #expect(audience.summary == expected)
        }

        @Test func isEveryoneOnlyWithoutRestrictions() {
            #expect(AnnouncementAudience.everyone.isEveryone)
            #expect(AnnouncementAudience().isEveryone)
            #expect(!AnnouncementAudience(orgs: ["acme-resell"]).isEveryone)
            #expect(!AnnouncementAudience(types: [.msp]).isEveryone)
        }
    }
}
