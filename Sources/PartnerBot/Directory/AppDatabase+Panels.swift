import Foundation
import GRDB
import SlackPlatform

/// What publishing an organisation's partner panel did.
public enum PanelResult: Sendable, Equatable {
    /// A first panel was posted in the channel.
    case posted(channel: String)
    /// The panel already in the channel was updated (no second one).
    case updated(channel: String)
    /// The organisation has no shared channel yet.
    case noChannel
}

/// Panels published by one call, with the outbox rows that carry them.
public struct PanelPublication: Sendable {
    /// Each organisation and what happened.
    public var results: [(org: String, result: PanelResult)] = []
    /// Slugs that are not organisations.
    public var unknown: [String] = []
    /// The outbox rows enqueued (contiguous: one transaction).
    public var enqueued: [ClosedRange<Int64>] = []
}

extension AppDatabase {
    /// Posts the partner panel in each organisation's shared channel, or updates the one already
    /// there, in one transaction.
    /// - Parameter orgs: Slugs, or `nil` for every organisation.
    public func publishPanels(orgs: [String]?, now: Date) async throws -> PanelPublication {
        try await store.write { db in
            var publication = PanelPublication()
            let before = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM outbox") ?? 0
            let all = try PartnerOrg.fetchAll(db, sql: "SELECT * FROM partner_org ORDER BY org")
            let wanted = orgs.map(Set.init)
            publication.unknown = (orgs ?? []).filter { slug in !all.contains { $0.org == slug } }
            for org in all where wanted?.contains(org.org) ?? true {
                publication.results.append((org.org, try self.publishPanel(org, now: now, db: db)))
            }
            let after = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM outbox") ?? 0
            if after > before { publication.enqueued = [(before + 1)...after] }
            return publication
        }
    }

    /// Posts or updates `org`'s panel inside the caller's transaction.
    func publishPanel(_ org: PartnerOrg, now: Date, db: any SQLDatabase) throws -> PanelResult {
        guard let channel = org.channelID else { return .noChannel }
        let message = PanelText.message(for: org)
        if let existing = try Self.panelKey(org: org.org, channel: channel, db: db) {
            let stamp = Int64((now.timeIntervalSince1970 * 1000).rounded())
            try enqueue(.update(message, of: existing, channel: channel, dedupeKey: "\(existing):update:\(stamp)"), in: db, now: now)
            return .updated(channel: channel)
        }
        try enqueue(.post(message, to: channel, dedupeKey: "panel:\(org.org)@\(channel)"), in: db, now: now)
        return .posted(channel: channel)
    }

    /// The key of the panel already posted (or queued) in `channel` for `org`, if any. The
    /// channel is matched where the message is now, so a channel whose id changed when it was
    /// shared keeps its panel.
    private static func panelKey(org: String, channel: String, db: any SQLDatabase) throws -> String? {
        let prefix = "panel:\(org)@"
        return try String.fetchOne(
            db,
            sql: """
                SELECT dedupe_key FROM outbox
                WHERE dedupe_key >= ? AND dedupe_key < ? AND method = 'chat.postMessage' AND state != 'dead'
                  AND COALESCE(result_channel, target) = ?
                ORDER BY id DESC LIMIT 1
                """,
            arguments: [prefix, "panel:\(org)A", channel])
    }
}
