import Foundation
import GRDB
import SlackPlatform

/// What a `channel_shared` / `channel_unshared` event changed in the directory.
public enum SharingResult: Sendable, Equatable {
    /// The organisation's shared channel is now this one (its panel was posted there).
    case linked(org: String)
    /// The organisation left its shared channel: it has none until it is shared again.
    case unlinked(org: String)
    /// Nothing to change (the channel was already the organisation's, or another channel).
    case unchanged
    /// No organisation has that workspace.
    case unknownWorkspace
}

extension AppDatabase {
    /// Keeps organisations' shared channels true to Slack Connect: a partner workspace joining a
    /// channel makes it that organisation's shared channel (and posts the partner panel there);
    /// leaving its shared channel unlinks it. Idempotent: a repeated event changes nothing.
    public func applySharing(_ sharing: ChannelSharing, now: Date) async throws -> SharingResult {
        try await store.write { db in
            guard var org = try PartnerOrg.fetchOne(db, sql: "SELECT * FROM partner_org WHERE team_id = ? ORDER BY org LIMIT 1", arguments: [sharing.team])
            else { return .unknownWorkspace }
            if sharing.joined {
                guard org.channelID != sharing.channel else { return .unchanged }
                org.channelID = sharing.channel
                org.updatedAt = now
                try org.update(db)
                _ = try self.publishPanel(org, now: now, db: db)
                return .linked(org: org.org)
            }
            guard org.channelID == sharing.channel else { return .unchanged }
            org.channelID = nil
            org.updatedAt = now
            try org.update(db)
            return .unlinked(org: org.org)
        }
    }
}
