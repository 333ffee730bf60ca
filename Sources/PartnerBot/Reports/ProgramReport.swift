import Foundation

/// How the program did for the registrations submitted in a period (the cohort), as the
/// database holds them at the report's time. Amounts are per currency, never summed across
/// currencies; an `approved` deal whose protection has ended counts as expired.
public struct ProgramReport: Sendable, Equatable {
    public enum Breakdown: String, Sendable, CaseIterable {
        case partner, tier, region, type
    }

    /// Amounts in one currency (minor units), split by how the partner took part.
    public struct Amounts: Sendable, Equatable {
        public var currency: String
        public var sourcedMinor: Int64 = 0
        public var influencedMinor: Int64 = 0
        /// Deals registered without saying sourced or influenced.
        public var unspecifiedMinor: Int64 = 0
        public var totalMinor: Int64 { sourcedMinor + influencedMinor + unspecifiedMinor }

        public init(currency: String, sourcedMinor: Int64 = 0, influencedMinor: Int64 = 0, unspecifiedMinor: Int64 = 0) {
            self.currency = currency
            self.sourcedMinor = sourcedMinor
            self.influencedMinor = influencedMinor
            self.unspecifiedMinor = unspecifiedMinor
        }
    }

    /// The cohort's counts and money, for the program or one group of a breakdown.
    public struct Figures: Sendable, Equatable {
        /// Registrations submitted in the period.
        public var submitted = 0
        /// Of those, ever approved (protection started), whatever happened next.
        public var approved = 0
        public var declined = 0
        /// Registered in conflict with another organisation's registration.
        public var conflict = 0
        /// Protection ended without an outcome.
        public var expired = 0
        public var won = 0
        public var lost = 0
        /// Open approved deals' amounts.
        public var pipeline: [Amounts] = []
        /// Won deals' amounts.
        public var wonAmounts: [Amounts] = []

        public init() {}

        /// approved / submitted.
        public var approvalRate: Double? { Self.ratio(approved, submitted) }
        /// won / approved.
        public var wonOfApproved: Double? { Self.ratio(won, approved) }
        /// won / (won + lost).
        public var winRate: Double? { Self.ratio(won, won + lost) }

        static func ratio(_ part: Int, _ whole: Int) -> Double? { whole == 0 ? nil : Double(part) / Double(whole) }
    }

    /// How fast registrations were decided (approved or declined).
    public struct Decisions: Sendable, Equatable {
        public var decided = 0
        /// Decided at or before the approval SLA's due time.
        public var withinSLA = 0
        /// The median time to decision (the mean of the middle two for an even count).
        public var medianSeconds: Double?
        /// The 90th percentile (nearest rank).
        public var p90Seconds: Double?
        public var withinSLAShare: Double? { Figures.ratio(withinSLA, decided) }

        public init(decided: Int = 0, withinSLA: Int = 0, medianSeconds: Double? = nil, p90Seconds: Double? = nil) {
            self.decided = decided
            self.withinSLA = withinSLA
            self.medianSeconds = medianSeconds
            self.p90Seconds = p90Seconds
        }
    }

    /// A partner organisation's won amount in one currency.
    public struct PartnerWon: Sendable, Equatable {
        public var org: String
        public var name: String
        public var currency: String
        public var wonMinor: Int64
        public var wonDeals: Int
    }

    /// A partner organisation with registrations in the period and no win among them.
    public struct PartnerWithoutWin: Sendable, Equatable {
        public var org: String
        public var name: String
        public var registrations: Int
    }

    /// One group of a breakdown: an organisation, a tier, a region or a partner type.
    public struct Group: Sendable, Equatable {
        public var key: String
        public var name: String
        public var figures: Figures
    }

    public var period: ReportPeriod
    /// When the report was computed (statuses and protection are judged at this time).
    public var asOf: Date
    public var totals: Figures
    public var decisions: Decisions
    /// The median days from registration to won.
    public var medianDaysToWin: Double?
    /// Per currency, the five organisations with the largest won amount.
    public var topPartners: [PartnerWon]
    /// Organisations with registrations in the period but no win among them, most registrations first.
    public var partnersWithoutWin: [PartnerWithoutWin]
    public var breakdown: Breakdown?
    public var groups: [Group]
}

extension ProgramReport {
    /// The median of `values` (the mean of the middle two for an even count).
    static func median(_ sorted: [Double]) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// The nearest-rank percentile `p` (0–100) of `sorted`: the value at rank ⌈p/100 · n⌉.
    static func percentile(_ p: Double, _ sorted: [Double]) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}
