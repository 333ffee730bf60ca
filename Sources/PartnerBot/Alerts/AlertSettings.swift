/// When alerts fire (`alerts:` in the configuration).
public struct AlertSettings: Sendable, Equatable {
    /// Time between scheduler passes.
    public var interval: Duration = .seconds(60)
    /// Days before protection ends when the manager and the partner are warned.
    public var protectionExpiryDays = [7, 1]
    /// Days before a certification expires when its holder and their manager are warned.
    public var certificationExpiryDays = [30, 7]
    /// Days without a registration after which a certified organisation counts as quiet.
    public var quietPartnerDays = 60
    /// Hours a conflict may stay unresolved before the managers' channel is told.
    public var conflictHours = 24
    /// A manager with more alerts than this in one pass gets one digest instead.
    public var digestOver = 5

    /// The defaults.
    public init() {}
}
