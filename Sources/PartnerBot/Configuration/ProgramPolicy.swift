/// The program's rules for deal registration (`policy:` in the configuration).
public struct ProgramPolicy: Sendable, Equatable {
    /// Days of protection after approval (60–90).
    public var protectionDays = 90
    /// Hours managers have to decide a registration.
    public var approvalSLAHours = 48
    /// Days one extension adds.
    public var extensionDays = 30
    /// How many times a deal may be extended.
    public var maxExtensions = 1
    /// Refuse registrations from organisations without an active certification (once certifications exist).
    public var requireCertificationToRegister = false
    /// Pipeline stages of an approved deal, in order.
    public var stages = ["registered", "qualified", "proposal", "negotiation"]

    /// The defaults.
    public init() {}
}

/// Who plays which vendor role (`roles:`), by Slack user id.
public struct Roles: Sendable, Equatable {
    /// Partner managers: decide registrations, receive alerts.
    public var managers: [String] = []
    /// Marketing: broadcast announcements.
    public var marketing: [String] = []

    /// The defaults (nobody).
    public init() {}
}
