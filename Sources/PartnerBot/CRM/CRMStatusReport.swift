import CRM
import Foundation

/// `partnerbot crm status`: the sync queue at a glance — how many deals wait, the oldest wait,
/// retries with their last error, what the CRM refused (dead letters) and why.
public enum CRMStatusReport {
    public static func text(_ status: CRMSyncStatus, provider: CRMProvider, now: Date) -> String {
        var lines = ["CRM: \(provider.displayName)"]
        let counts = ["pending", "sending", "synced", "dead"].map { "\($0) \(status.counts[$0] ?? 0)" }
        lines.append("deals: " + counts.joined(separator: ", "))
        if let age = status.oldestPendingAge, status.unsynced > 0 {
            lines.append("oldest queued change: \(waited(age)) ago")
        } else {
            lines.append("nothing queued")
        }
        if let last = status.lastSyncedAt { lines.append("last push confirmed: \(ISO8601DateFormatter().string(from: last))") }
        lines.append("open-opportunity checks: \(status.lookupsPending) pending, \(status.lookupsFailed) given up")
        if !status.retrying.isEmpty {
            lines.append("retrying:")
            lines += status.retrying.map { "  \($0.reference) after \($0.attempts) attempt(s): \($0.error)" }
        }
        if !status.dead.isEmpty {
            lines.append("refused by the CRM (fix the cause; the deal's next change, or `partnerbot crm sync --backfill`, retries it):")
            lines += status.dead.map { "  \($0.reference): \($0.error)" }
        }
        return lines.joined(separator: "\n")
    }

    /// `42 s`, `12 min`, `5 h`, `3 d`.
    static func waited(_ seconds: TimeInterval) -> String {
        switch seconds {
        case ..<120: "\(Int(seconds)) s"
        case ..<7200: "\(Int(seconds / 60)) min"
        case ..<172_800: "\(Int(seconds / 3600)) h"
        default: "\(Int(seconds / 86_400)) d"
        }
    }
}

extension CRMProvider {
    /// The CRM's product name.
    public var displayName: String {
        switch self {
        case .hubspot: "HubSpot"
        case .salesforce: "Salesforce"
        }
    }
}
