import Foundation

/// One place an announcement is delivered: an organisation's channel or one member's DM.
public struct AnnouncementTarget: Sendable, Equatable, SQLFetchable, SQLPersistable {
    public static let databaseTableName = "announcement_target"
    public static let primaryKey = ["announcement_id", "recipient"]

    /// The announcement.
    public var announcementID: String
    /// Channel id or user id.
    public var recipient: String
    /// The organisation targeted.
    public var org: String
    /// The member, for DM delivery.
    public var userID: String?
    /// The outbox dedupe key of the original post (edits and reminders reference it).
    public var messageKey: String
    /// Content version delivered.
    public var contentHash: String
    /// Created.
    public var createdAt: Date
    /// When the reminder was sent.
    public var remindedAt: Date?
}

/// What a broadcast did.
public struct BroadcastResult: Sendable, Equatable {
    /// Organisations targeted.
    public var orgs: [String]
    /// Targets (channels or members) in total.
    public var targets: Int
    /// New messages enqueued.
    public var posted: Int
    /// Delivered messages updated because the text changed.
    public var updated: Int
    /// Targets already up to date.
    public var unchanged: Int
    /// Organisations that could not be reached (no shared channel / no known members).
    public var unreachable: [String]
    /// Nothing was written (dry run).
    public var dryRun: Bool
}

/// Why a broadcast or acknowledgement was refused.
public enum AnnouncementError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Past its expiry date.
    case expired(String)
    /// No announcement with that id was ever sent.
    case notFound(String)

    public var description: String {
        switch self {
        case .expired(let id): "announcement \(id) has expired: it is not delivered, reminded or acknowledged any more"
        case .notFound(let id): "no announcement \(id) has been sent"
        }
    }
}
