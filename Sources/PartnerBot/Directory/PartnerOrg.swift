import Foundation

/// A partner organisation of the program.
public struct PartnerOrg: Sendable, Equatable, SQLFetchable, SQLPersistable {
    /// Kinds of partner.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case referral, reseller, marketplace, si, msp, tech
    }

    public static let databaseTableName = "partner_org"
    public static let primaryKey = ["org"]

    /// Slug id, e.g. `acme-resell`.
    public var org: String
    /// Display name.
    public var name: String
    /// Partner type.
    public var type: Kind
    /// Tier (one of the configured tiers).
    public var tier: String
    /// Region, e.g. `emea`.
    public var region: String
    /// The partner's own Slack workspace, when connected.
    public var teamID: String?
    /// The shared channel with the vendor.
    public var channelID: String?
    /// Slack user id of the owning partner manager.
    public var manager: String?
    /// Created.
    public var createdAt: Date
    /// Last changed.
    public var updatedAt: Date
}

/// A person of a partner organisation.
public struct PartnerMember: Sendable, Equatable, SQLFetchable, SQLPersistable {
    public static let databaseTableName = "member"
    public static let primaryKey = ["team_id", "user_id"]

    /// Their workspace.
    public var teamID: String
    /// Their user id.
    public var userID: String
    /// Their organisation.
    public var org: String
    /// Their role in it (e.g. `member`, `admin`, `sales`).
    public var role: String
    /// Created.
    public var createdAt: Date
}

extension PartnerOrg {
    /// One organisation by slug, through a cached statement (it is read on every registration).
    static func find(_ org: String, db: any SQLDatabase) throws -> PartnerOrg? {
        try PartnerOrg.fetchOne(db.cachedStatement(sql: "SELECT * FROM partner_org WHERE org = ?"), arguments: [org])
    }
}
