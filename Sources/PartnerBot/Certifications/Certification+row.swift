import Foundation

extension Certification {
    /// - Throws: `StorageError.corruptRow` for an unknown state.
    public init(row: SQLRow) throws {
        self.init(
            id: row["id"], teamID: row["team_id"], userID: row["user_id"], org: row["org"], track: row["track"],
            state: try row.storedEnum("state", table: Self.databaseTableName), earnedOn: row["earned_on"], expiresOn: row["expires_on"],
            credential: row["credential"], decidedBy: row["decided_by"], reason: row["reason"], createdAt: row["created_at"],
            updatedAt: row["updated_at"])
    }

    public var storedColumns: [(column: String, value: SQLValue)] {
        [
            ("id", id.sqlValue), ("team_id", teamID.sqlValue), ("user_id", userID.sqlValue), ("org", org.sqlValue),
            ("track", track.sqlValue), ("state", .text(state.rawValue)), ("earned_on", earnedOn.sqlValue),
            ("expires_on", expiresOn.sqlValue), ("credential", credential.sqlValue), ("decided_by", decidedBy.sqlValue),
            ("reason", reason.sqlValue), ("created_at", createdAt.storedValue), ("updated_at", updatedAt.storedValue),
        ]
    }
}
