import Foundation

extension PartnerOrg {
    /// - Throws: `StorageError.corruptRow` for an unknown kind of partner.
    public init(row: SQLRow) throws {
        self.init(
            org: row["org"], name: row["name"], type: try row.storedEnum("type", table: Self.databaseTableName), tier: row["tier"],
            region: row["region"], teamID: row["team_id"], channelID: row["channel_id"], manager: row["manager"],
            createdAt: row["created_at"], updatedAt: row["updated_at"])
    }

    public var storedColumns: [(column: String, value: SQLValue)] {
        [
            ("org", org.sqlValue), ("name", name.sqlValue), ("type", .text(type.rawValue)), ("tier", tier.sqlValue),
            ("region", region.sqlValue), ("team_id", teamID.sqlValue), ("channel_id", channelID.sqlValue), ("manager", manager.sqlValue),
            ("created_at", createdAt.storedValue), ("updated_at", updatedAt.storedValue),
        ]
    }
}

extension PartnerMember {
    public init(row: SQLRow) throws {
        self.init(teamID: row["team_id"], userID: row["user_id"], org: row["org"], role: row["role"], createdAt: row["created_at"])
    }

    public var storedColumns: [(column: String, value: SQLValue)] {
        [
            ("team_id", teamID.sqlValue), ("user_id", userID.sqlValue), ("org", org.sqlValue), ("role", role.sqlValue),
            ("created_at", createdAt.storedValue),
        ]
    }
}
