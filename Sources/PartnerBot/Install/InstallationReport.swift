import Foundation
import SlackPlatform

/// `partnerbot installations`: every installation, for operators. Never shows a token.
public enum InstallationReport {
    /// A readable report.
    /// - Parameters:
    ///   - installations: The stored installations.
    ///   - vendor: The vendor's own installation (``AppDatabase/vendorInstallationKey()``).
    ///   - now: Decides whether a rotating token has expired.
    public static func text(_ installations: [Installation], vendor: InstallationKey?, now: Date) -> String {
        guard !installations.isEmpty else {
            return "no installations: the app is used with SLACK_BOT_TOKEN only (workspaces install it at <public_url>/slack/install)"
        }
        let stamp = ISO8601DateFormatter()
        return (["installations:"] + installations.map { installation in
            var parts = ["  \(installation.key)", installation.displayName]
            if installation.isEnterpriseInstall { parts.append("organisation-wide") }
            if installation.key == vendor { parts.append("vendor workspace") }
            parts.append("installed \(stamp.string(from: installation.installedAt))")
            if let reason = installation.revokedReason {
                parts.append("REVOKED: \(reason)")
            } else if let expiry = installation.tokenExpiresAt {
                parts.append(expiry <= now ? "TOKEN EXPIRED \(stamp.string(from: expiry))" : "token rotates, expires \(stamp.string(from: expiry))")
                if let error = installation.lastRefreshError { parts.append("last refresh failed: \(error)") }
            }
            parts.append("scopes \(installation.scopes.joined(separator: ","))")
            return parts.joined(separator: " · ")
        }).joined(separator: "\n")
    }
}
