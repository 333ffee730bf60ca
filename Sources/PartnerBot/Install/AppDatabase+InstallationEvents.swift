import Foundation
import GRDB
import SlackPlatform

extension AppDatabase {
    /// Applies `app_uninstalled` and `tokens_revoked` inside the transaction that records the
    /// event, so a retried delivery never revokes twice and a recorded one always did.
    /// - Returns: The revocation, or `nil` when the event ends no stored installation.
    func applyInstallationEvent(_ event: EventCallback, db: any SQLDatabase, now: Date) throws -> InstallationRevocation? {
        let installation: Installation?
        if let key = event.installation, let stored = try Self.installation(key, db: db) {
            installation = stored
        } else {
            installation = try Self.installation(forTeam: event.teamID, enterprise: event.enterpriseID ?? event.authorization?.enterpriseID, db: db)
        }
        guard let installation else { return nil }
        switch event.type {
        case "app_uninstalled":
            return try revokeInstallation(installation.key, reason: installation.key.revocationReason("the app was uninstalled from"), db: db, now: now)
        case "tokens_revoked":
            // The event names bot users, not tokens: the installation's bot token is revoked when
            // its bot user is listed (or, its bot user unknown, when any bot token is).
            let bots = event.revokedTokens?.bot ?? []
            guard !bots.isEmpty, installation.botUserID.map(bots.contains) ?? true else { return nil }
            return try revokeInstallation(installation.key, reason: installation.key.revocationReason("the bot token was revoked in"), db: db, now: now)
        default:
            return nil
        }
    }
}
