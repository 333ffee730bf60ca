import PartnerBot
import Foundation

/// The sample program dev mode starts with, so a newcomer can try every command at once:
/// one partner organisation whose workspace is the `partnerbot send` default, its manager,
/// a program manager and a marketing user.
public enum DevSeed {
    /// The default acting user of `partnerbot send` (a partner).
    public static let partnerUser = "U0DEVUSER"
    /// The default workspace of `partnerbot send` (the partner's).
    public static let partnerTeam = "T0DEVTEAM"
    /// The default channel of `partnerbot send` (the partner's shared channel).
    public static let partnerChannel = "C0DEVCHAN"
    /// The sample organisation's manager (use `--user U0DEVMGR`).
    public static let manager = "U0DEVMGR"
    /// A marketing user (use `--user U0DEVMKT`).
    public static let marketing = "U0DEVMKT"
    /// The managers' channel.
    public static let managersChannel = "C0DEVMGRS"
    /// A second partner organisation's user, to see conflicts (use `--user U0OTHER --team T0OTHER`).
    public static let otherPartnerUser = "U0OTHER"
    /// The second organisation's workspace.
    public static let otherPartnerTeam = "T0OTHER"

    /// Adds the dev roles to a configuration (dev mode only).
    public static func configure(_ configuration: inout BotConfiguration) {
        if !configuration.roles.managers.contains(manager) { configuration.roles.managers.append(manager) }
        if !configuration.roles.marketing.contains(marketing) { configuration.roles.marketing.append(marketing) }
        if configuration.managersChannel == nil { configuration.managersChannel = managersChannel }
    }

    /// Seeds the sample organisations when the directory is empty.
    /// - Returns: `true` when it seeded.
    @discardableResult
    public static func seedIfEmpty(_ database: AppDatabase, tiers: [String], now: Date) async throws -> Bool {
        guard try await database.partnerOrgs().isEmpty else { return false }
        let tier = tiers.dropFirst().first ?? tiers.first ?? "registered"
        let csv = """
            org,name,type,tier,region,team_id,channel_id,manager
            dev-partner,Dev Partner Inc,reseller,\(tier),emea,\(partnerTeam),\(partnerChannel),\(manager)
            other-partner,Other Partner LLC,si,\(tier),na,\(otherPartnerTeam),C0OTHER,\(manager)
            """
        _ = try await database.upsertPartnerOrgs(try DirectoryImport.partners(csv: csv, tiers: tiers), now: now)
        return true
    }
}
