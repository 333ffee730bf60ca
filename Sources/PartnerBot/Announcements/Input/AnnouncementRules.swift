/// What announcement files are validated against: the configured names and today's date.
public struct AnnouncementRules: Sendable {
    /// The configured tier names (compared case-insensitively).
    public var tiers: [String]
    /// The known certification track ids.
    public var tracks: [String]
    /// Today: an `expires` before it is refused.
    public var today: CalendarDate

    /// Creates rules.
    /// - Parameters:
    ///   - tiers: The configured tier names, e.g. `["registered", "select", "elite"]`.
    ///   - tracks: The certification track ids, e.g. `["sales-pro"]`.
    ///   - today: The current day (a parameter, never read from a clock here).
    public init(tiers: [String], tracks: [String], today: CalendarDate) {
        self.tiers = tiers
        self.tracks = tracks
        self.today = today
    }
}
