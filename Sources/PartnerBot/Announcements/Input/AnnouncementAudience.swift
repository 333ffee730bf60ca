/// The partner organisations an announcement targets.
///
/// Each key narrows the audience: values within one key are alternatives (OR), and the keys
/// combine (AND). An empty key places no restriction, so the empty audience is everyone.
///
/// ```swift
/// let audience = AnnouncementAudience(types: [.reseller], tiers: ["elite"])
/// audience.includes(org: "acme-resell", type: .reseller, tier: "elite", region: "emea")  // true
/// audience.includes(org: "bolt-si", type: .si, tier: "elite", region: "emea")            // false
/// ```
public struct AnnouncementAudience: Sendable, Equatable {
    /// Partner types; empty means any type.
    public var types: Set<PartnerOrg.Kind>
    /// Tier names (lowercase); empty means any tier.
    public var tiers: Set<String>
    /// Region slugs (lowercase); empty means any region.
    public var regions: Set<String>
    /// Organisation slugs (lowercase); empty means any organisation.
    public var orgs: Set<String>

    /// Creates an audience; by default, everyone.
    /// - Parameters:
    ///   - types: Partner types, any when empty.
    ///   - tiers: Tier names, any when empty.
    ///   - regions: Region slugs, any when empty.
    ///   - orgs: Organisation slugs, any when empty.
    public init(types: Set<PartnerOrg.Kind> = [], tiers: Set<String> = [], regions: Set<String> = [], orgs: Set<String> = []) {
        self.types = types
        self.tiers = tiers
        self.regions = regions
        self.orgs = orgs
    }

    /// Every partner organisation.
    public static let everyone = AnnouncementAudience()

    /// Whether no key restricts the audience.
    public var isEveryone: Bool { types.isEmpty && tiers.isEmpty && regions.isEmpty && orgs.isEmpty }

    /// Whether an organisation with these attributes is targeted. Certification requirements are
    /// not considered here (see ``Announcement/requiresCertification``). Names compare
    /// case-insensitively.
    /// - Parameters:
    ///   - org: The organisation's slug.
    ///   - type: Its partner type.
    ///   - tier: Its tier.
    ///   - region: Its region slug.
    public func includes(org: String, type: PartnerOrg.Kind, tier: String, region: String) -> Bool {
        (types.isEmpty || types.contains(type))
            && (tiers.isEmpty || tiers.contains(tier.lowercased()))
            && (regions.isEmpty || regions.contains(region.lowercased()))
            && (orgs.isEmpty || orgs.contains(org.lowercased()))
    }

    /// Human text for lists and status replies, e.g.
    /// `types reseller or si · tiers elite or select · regions emea`, or `all partners`.
    ///
    /// Values are ordered so that equal audiences read the same: types in
    /// ``PartnerOrg/Kind`` declaration order, the others alphabetically.
    public var summary: String {
        if isEveryone { return "all partners" }
        var parts: [String] = []
        let orderedTypes = PartnerOrg.Kind.allCases.filter(types.contains).map(\.rawValue)
        for (name, values) in [("types", orderedTypes), ("tiers", tiers.sorted()), ("regions", regions.sorted()), ("orgs", orgs.sorted())]
        where !values.isEmpty {
            parts.append("\(name) \(Self.alternatives(values))")
        }
        return parts.joined(separator: " · ")
    }

    /// `a`, `a or b`, `a, b or c`.
    private static func alternatives(_ values: [String]) -> String {
        guard values.count > 1 else { return values.first ?? "" }
        return values.dropLast().joined(separator: ", ") + " or " + values[values.count - 1]
    }
}
