import Foundation
import GRDB

/// An announcement as one partner organisation sees it.
public struct PartnerAnnouncement: Sendable, Equatable {
    public var id: String
    public var title: String
    public var sentAt: Date
    public var expires: String?
    public var requiresAck: Bool
    /// Whether anyone of the organisation acknowledged it.
    public var acknowledged: Bool
}

extension AppDatabase {
    /// The announcements sent to `org`, newest first (at most `limit`).
    public func announcements(for org: String, limit: Int = 20) async throws -> [PartnerAnnouncement] {
        try await store.read { db in
            try SQLRow.fetchAll(
                db,
                sql: """
                    SELECT a.id, a.title, a.first_sent_at, a.expires, a.requires_ack,
                           EXISTS (SELECT 1 FROM announcement_ack k WHERE k.announcement_id = a.id AND k.org = o.org) AS acknowledged
                    FROM announcement_org o JOIN announcement a ON a.id = o.announcement_id
                    WHERE o.org = ?
                    ORDER BY a.first_sent_at DESC, a.id
                    LIMIT ?
                    """,
                arguments: [org, limit]
            ).map {
                PartnerAnnouncement(
                    id: $0["id"], title: $0["title"], sentAt: $0["first_sent_at"], expires: $0["expires"], requiresAck: $0["requires_ack"],
                    acknowledged: $0["acknowledged"])
            }
        }
    }
}
