import Foundation
import SlackPlatform

/// Where an announcement is posted for each targeted organisation.
public enum AnnouncementDelivery: String, Sendable, Codable, CaseIterable {
    /// Once in each organisation's shared channel with the vendor (the default).
    case channel
    /// A direct message to each member of the organisation.
    case members
}

/// A validated announcement file from `Announcements/`: a SPIFF or program news that marketing
/// broadcasts to a segment of partners.
///
/// Produced by ``AnnouncementParser``; every field has been checked against the
/// ``AnnouncementRules`` in force when it was parsed.
public struct Announcement: Sendable, Equatable {
    /// Slug that names the announcement in `/announce <id>`: lowercase letters, digits, `-` and
    /// `_`, 1–64 characters.
    public var id: String
    /// One line, 1–150 characters (the length of a Slack header).
    public var title: String
    /// The organisations it targets.
    public var audience: AnnouncementAudience
    /// Where it is posted for each targeted organisation.
    public var deliverTo: AnnouncementDelivery
    /// Whether recipients are asked to acknowledge it (default `true`).
    public var requiresAck: Bool
    /// How long after delivery the targets that have not acknowledged are reminded, if at all.
    public var remindAfter: Duration?
    /// The last day it may be delivered, reminded or acknowledged.
    public var expires: CalendarDate?
    /// A certification track id: only organisations certified on it are targeted.
    public var requiresCertification: String?
    /// A SPIFF's terms (`incentive:`), when the announcement is one.
    public var incentive: SpiffTerms?
    /// The message in Slack mrkdwn: trimmed, non-empty, at most 3,000 characters.
    public var body: String
    /// The path of the file it came from, as given to the parser.
    public var file: String
    /// SHA-256 (lowercase hex) of `title + "\n" + body`: it changes exactly when the text a
    /// partner sees changes, and not when the audience or delivery settings do. Computed by the
    /// initializer; after changing `title` or `body`, recompute it with
    /// ``contentHash(title:body:)``.
    public var contentHash: String

    /// Creates an announcement, computing its ``contentHash`` from the title and body.
    /// - Parameters:
    ///   - id: The slug.
    ///   - title: The one-line title.
    ///   - audience: The targeted organisations (everyone by default).
    ///   - deliverTo: Where it is posted (the shared channel by default).
    ///   - requiresAck: Whether recipients must acknowledge (default `true`).
    ///   - remindAfter: When to remind non-acknowledging targets, if at all.
    ///   - expires: The last valid day, if any.
    ///   - requiresCertification: A certification track id targeted organisations must hold.
    ///   - body: The Slack mrkdwn body.
    ///   - file: The source file path.
    public init(
        id: String, title: String, audience: AnnouncementAudience = .everyone, deliverTo: AnnouncementDelivery = .channel,
        requiresAck: Bool = true, remindAfter: Duration? = nil, expires: CalendarDate? = nil,
        requiresCertification: String? = nil, incentive: SpiffTerms? = nil, body: String, file: String
    ) {
        self.incentive = incentive
        self.id = id
        self.title = title
        self.audience = audience
        self.deliverTo = deliverTo
        self.requiresAck = requiresAck
        self.remindAfter = remindAfter
        self.expires = expires
        self.requiresCertification = requiresCertification
        self.body = body
        self.file = file
        self.contentHash = Self.contentHash(title: title, body: body)
    }

    /// Whether the announcement is past its expiry on `day`. `expires` is the last valid day, so
    /// it is expired only when `day` is after it; without `expires` it never expires.
    /// - Parameter day: The day to check, e.g. today.
    public func isExpired(on day: CalendarDate) -> Bool {
        guard let expires else { return false }
        return day > expires
    }

    /// The fingerprint of what a partner reads: SHA-256 hex of `title + "\n" + body`.
    /// - Parameters:
    ///   - title: The title.
    ///   - body: The body.
    public static func contentHash(title: String, body: String) -> String {
        SHA256.digest(Array((title + "\n" + body).utf8)).lowercaseHex
    }
}
