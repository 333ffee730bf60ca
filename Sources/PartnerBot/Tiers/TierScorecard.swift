import Foundation

/// Where an organisation stands against the tiers: the measured values over the window, each
/// tier's criteria with value and threshold, the tier it qualifies for, and what the next tier
/// above its current one still needs. Pure: built from `TierMeasures`.
public struct TierScorecard: Sendable, Equatable {
    /// One criterion of one tier.
    public struct Line: Sendable, Equatable {
        public var name: String
        public var value: Int64
        public var threshold: Int64
        /// How the numbers read (`$80,000`, `3`).
        public var valueText: String
        public var thresholdText: String
        public var met: Bool { value >= threshold }
        public var share: Double { threshold == 0 ? 1 : min(1, Double(value) / Double(threshold)) }
    }

    public var org: String
    public var orgName: String
    public var currentTier: String
    /// The highest tier whose every criterion is met (the lowest tier when none is).
    public var qualifiesFor: String
    /// The tier above the current one, if any.
    public var nextTier: String?
    /// The next tier's criteria (or the current tier's at the top).
    public var lines: [Line]
    /// The current tier's criteria (what keeps it).
    public var keepLines: [Line]
    public var windowStart: Date
    /// When the window rolls: the end of the current quarter.
    public var windowEnd: Date

    /// Whether every line of the next tier reaches `percent` of its threshold (but not all are met).
    public func isClose(percent: Int) -> Bool {
        guard nextTier != nil, !lines.isEmpty, !lines.allSatisfy(\.met) else { return false }
        return lines.allSatisfy { $0.share * 100 >= Double(percent) }
    }

    public init(org: PartnerOrg, measures: TierMeasures, rules: TierRules, tiers: [String]) {
        self.org = org.org
        orgName = org.name
        currentTier = org.tier
        windowStart = measures.windowStart
        windowEnd = measures.windowEnd
        let index = tiers.firstIndex(of: org.tier) ?? 0
        nextTier = index + 1 < tiers.count ? tiers[index + 1] : nil
        qualifiesFor = rules.criteria.isEmpty ? org.tier : Self.highestMet(tiers, rules, measures)
        lines = rules.criteria[nextTier ?? org.tier].map { Self.lines($0, measures) } ?? []
        keepLines = rules.criteria[org.tier].map { Self.lines($0, measures) } ?? []
    }

    /// The highest tier all of whose criteria (and all lower tiers' criteria) are met.
    static func highestMet(_ tiers: [String], _ rules: TierRules, _ measures: TierMeasures) -> String {
        var best = tiers.first ?? ""
        for tier in tiers {
            guard rules.criteria[tier].map({ lines($0, measures).allSatisfy(\.met) }) ?? true else { break }
            best = tier
        }
        return best
    }

    static func lines(_ criteria: TierCriteria, _ measures: TierMeasures) -> [Line] {
        var lines: [Line] = []
        if let won = criteria.wonAmount {
            let value = measures.wonMinor[won.currency] ?? 0
            lines.append(Line(
                name: "Won (\(won.currency))", value: value, threshold: won.minorUnits,
                valueText: Money(minorUnits: value, currency: won.currency).description, thresholdText: won.description))
        }
        if let people = criteria.certifiedPeople {
            let value = Int64(measures.certifiedPeople(tracks: criteria.certifiedTracks))
            let name = criteria.certifiedTracks.isEmpty ? "Certified people" : "Certified people (\(criteria.certifiedTracks.joined(separator: ", ")))"
            lines.append(Line(name: name, value: value, threshold: Int64(people), valueText: "\(value)", thresholdText: "\(people)"))
        }
        if let approved = criteria.approvedRegistrations {
            let value = Int64(measures.approvedRegistrations)
            lines.append(Line(name: "Approved registrations", value: value, threshold: Int64(approved), valueText: "\(value)", thresholdText: "\(approved)"))
        }
        return lines
    }
}

/// What the tiers measure for one organisation over the window.
public struct TierMeasures: Sendable, Equatable {
    public var windowStart: Date
    public var windowEnd: Date
    /// Won amounts by currency (minor units).
    public var wonMinor: [String: Int64]
    /// People with an active certification, by track.
    public var certifiedByTrack: [String: Set<String>]
    public var approvedRegistrations: Int

    /// Distinct people certified in any of `tracks` (any track when empty).
    public func certifiedPeople(tracks: [String]) -> Int {
        let relevant = tracks.isEmpty ? Array(certifiedByTrack.values) : tracks.compactMap { certifiedByTrack[$0] }
        return relevant.reduce(into: Set<String>()) { $0.formUnion($1) }.count
    }

    /// The rolling four quarters at `now`: from the start of the quarter three before the current
    /// one to the end of the current quarter.
    public static func window(at now: Date) -> (start: Date, end: Date) {
        let quarter = CalendarDate(ReportPeriod(.thisQuarter, asOf: now).start)
        return (quarter.adding(months: -9).startOfDay, quarter.adding(months: 3).startOfDay)
    }
}
