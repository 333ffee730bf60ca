/// The program configuration handlers need, derived once from `BotConfiguration`.
public struct ProgramSettings: Sendable, Equatable {
    /// Vendor roles.
    public var roles: Roles
    /// Deal rules and the managers' channel.
    public var deals: DealSettings
    /// Tier names, lowest first.
    public var tiers: [String]
    /// What each tier takes.
    public var tierRules: TierRules
    /// Certification tracks.
    public var tracks: [CertificationTrack]
    /// Alert thresholds.
    public var alerts: AlertSettings
    /// Where announcement files live.
    public var announcementsDirectory: String
    /// Market-development funds per tier and quarter.
    public var mdf: MDFBudgets

    /// A track by id.
    public func track(_ id: String) -> CertificationTrack? { tracks.first { $0.id == id } }

    /// Derives settings from the configuration.
    public init(_ configuration: BotConfiguration) {
        self.roles = configuration.roles
        self.deals = DealSettings(policy: configuration.policy, managersChannel: configuration.managersChannel, commission: configuration.commission)
        self.tiers = configuration.tiers
        self.tierRules = configuration.tierRules
        self.tracks = configuration.tracks
        self.alerts = configuration.alerts
        self.announcementsDirectory = configuration.announcementsDirectory
        self.mdf = configuration.mdf
    }
}
