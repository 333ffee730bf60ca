import Foundation

extension AnnouncementTarget {
    public init(row: SQLRow) throws {
        self.init(
            announcementID: row["announcement_id"], recipient: row["recipient"], org: row["org"], userID: row["user_id"],
            messageKey: row["message_key"], contentHash: row["content_hash"], createdAt: row["created_at"], remindedAt: row["reminded_at"])
    }

    public var storedColumns: [(column: String, value: SQLValue)] {
        [
            ("announcement_id", announcementID.sqlValue), ("recipient", recipient.sqlValue), ("org", org.sqlValue),
            ("user_id", userID.sqlValue), ("message_key", messageKey.sqlValue), ("content_hash", contentHash.sqlValue),
            ("created_at", createdAt.storedValue), ("reminded_at", (remindedAt?.storedValue) ?? .null),
        ]
    }
}
