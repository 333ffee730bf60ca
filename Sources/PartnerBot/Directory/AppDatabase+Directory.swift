import Foundation
import GRDB
import SlackPlatform

extension AppDatabase {
    /// Resolves who a signed user is: vendor roles from the configuration, then the directory.
    ///
    /// A user who belongs to an organisation through its workspace is recorded as a member the
    /// first time they are seen, so managers can name them later (`/certify grant @user`).
    public func caller(_ user: ActingUser, roles: Roles, now: Date) async throws -> Caller {
        let caller = try await store.read { db in try Self.caller(user, roles: roles, db: db) }
        if let org = caller.partnerOrg, caller.isMemberRecorded == false {
            try await store.write { db in try Self.recordMember(userID: user.userID, teamID: user.teamID, org: org, now: now, db: db) }
        }
        return caller
    }

    /// Records a user first seen through their organisation's workspace as a member.
    static func recordMember(userID: String, teamID: String, org: String, now: Date, db: any SQLDatabase) throws {
        try db.cachedStatement(
            sql: "INSERT INTO member (team_id, user_id, org, role, created_at) VALUES (?, ?, ?, 'member', ?) ON CONFLICT DO NOTHING"
        ).execute(arguments: [teamID, userID, org, now.storedValue])
    }

    /// Who `user` is. A person listed in the directory (`members.csv`, or first seen before) is
    /// of their listed organisation; otherwise their workspace, or their Enterprise Grid
    /// organisation, names it. Vendor roles come first: a manager or marketer is never taken for
    /// a partner, whichever channel they click in.
    static func caller(_ user: ActingUser, roles: Roles, db: any SQLDatabase) throws -> Caller {
        let (userID, teamID) = (user.userID, user.teamID)
        let enterprise = user.enterpriseID ?? teamID
        let managed = try String.fetchSet(db.cachedStatement(sql: "SELECT org FROM partner_org WHERE manager = ?"), arguments: [userID])
        var org = try String.fetchOne(
            db.cachedStatement(sql: "SELECT org FROM member WHERE team_id IN (?, ?) AND user_id = ? ORDER BY team_id = ? DESC LIMIT 1"),
            arguments: [teamID, enterprise, userID, teamID])
        let recorded = org != nil
        if org == nil {
            org = try String.fetchOne(
                db.cachedStatement(sql: "SELECT org FROM partner_org WHERE team_id IN (?, ?) ORDER BY team_id = ? DESC, org LIMIT 1"),
                arguments: [teamID, enterprise, teamID])
        }
        let isVendor = roles.managers.contains(userID) || roles.marketing.contains(userID) || !managed.isEmpty
        return Caller(
            userID: userID, teamID: teamID, isProgramManager: roles.managers.contains(userID), managedOrgs: managed,
            isMarketing: roles.marketing.contains(userID), partnerOrg: isVendor ? nil : org, isMemberRecorded: recorded)
    }

    /// One organisation.
    public func partnerOrg(_ org: String) async throws -> PartnerOrg? {
        try await store.read { db in try PartnerOrg.find(org, db: db) }
    }

    /// Every organisation, by slug.
    public func partnerOrgs() async throws -> [PartnerOrg] {
        try await store.read { db in try PartnerOrg.fetchAll(db, sql: "SELECT * FROM partner_org ORDER BY org") }
    }

    /// Members of an organisation.
    public func members(of org: String) async throws -> [PartnerMember] {
        try await store.read { db in
            try PartnerMember.fetchAll(db, sql: "SELECT * FROM member WHERE org = ? ORDER BY user_id", arguments: [org])
        }
    }

    /// Inserts or updates organisations in one transaction (all or nothing). An organisation
    /// whose shared channel is new gets the partner panel posted there (`publishPanel`).
    /// - Returns: (inserted, updated) counts.
    public func upsertPartnerOrgs(_ rows: [PartnerOrgImportRow], now: Date) async throws -> DirectoryImportResult {
        try await store.write { db in
            var inserted = 0
            var updated = 0
            var panels: [String] = []
            let before = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM outbox") ?? 0
            for row in rows {
                if var existing = try PartnerOrg.find(row.org, db: db) {
                    let channelChanged = existing.channelID != row.channelID
                    existing.name = row.name
                    existing.type = row.type
                    existing.tier = row.tier
                    existing.region = row.region
                    existing.teamID = row.teamID
                    existing.channelID = row.channelID
                    existing.manager = row.manager
                    existing.updatedAt = now
                    try existing.update(db)
                    if channelChanged, try self.publishPanel(existing, now: now, db: db) != .noChannel { panels.append(existing.org) }
                    updated += 1
                } else {
                    let org = PartnerOrg(
                        org: row.org, name: row.name, type: row.type, tier: row.tier, region: row.region, teamID: row.teamID,
                        channelID: row.channelID, manager: row.manager, createdAt: now, updatedAt: now)
                    try org.insert(db)
                    if try self.publishPanel(org, now: now, db: db) != .noChannel { panels.append(org.org) }
                    inserted += 1
                }
            }
            let after = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM outbox") ?? 0
            return DirectoryImportResult(inserted: inserted, updated: updated, panels: panels, enqueued: after > before ? [(before + 1)...after] : [])
        }
    }

    /// Inserts or updates members in one transaction (all or nothing).
    /// - Throws: `DirectoryImportError` when a row names an unknown organisation.
    public func upsertMembers(_ rows: [MemberImportRow], now: Date) async throws -> (inserted: Int, updated: Int) {
        try await store.write { db in
            var inserted = 0
            var updated = 0
            for row in rows {
                guard try PartnerOrg.exists(db, key: row.org) else {
                    throw DirectoryImportError(errors: [.init(row: row.line, column: "org", message: "no organisation \"\(row.org)\": import it with `partnerbot partners import` first")])
                }
                if var existing = try PartnerMember.fetchOne(db, key: [row.teamID, row.userID]) {
                    existing.org = row.org
                    existing.role = row.role
                    try existing.update(db)
                    updated += 1
                } else {
                    try PartnerMember(teamID: row.teamID, userID: row.userID, org: row.org, role: row.role, createdAt: now).insert(db)
                    inserted += 1
                }
            }
            return (inserted, updated)
        }
    }

    /// Records an organisation as the incumbent of a customer (it wins conflicts on that customer).
    public func recordIncumbent(org: String, customer: String, now: Date) async throws {
        let key = CustomerIdentity.key(for: customer)
        try await store.write { db in
            guard try PartnerOrg.exists(db, key: org) else {
                throw DirectoryImportError(errors: [.init(row: 0, column: "org", message: "no organisation \"\(org)\"")])
            }
            try db.execute(
                sql: "INSERT INTO incumbent (org, customer_key, customer_name, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                arguments: [org, key, customer, now])
        }
    }
}

/// What a directory import did.
public struct DirectoryImportResult: Sendable {
    /// New organisations.
    public var inserted: Int
    /// Organisations updated.
    public var updated: Int
    /// Organisations whose partner panel was posted (their shared channel was new).
    public var panels: [String]
    /// The outbox rows the import enqueued (the panels).
    public var enqueued: [ClosedRange<Int64>]
}
