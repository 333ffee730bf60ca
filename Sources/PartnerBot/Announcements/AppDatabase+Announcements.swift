import Foundation
import GRDB
import SlackPlatform

extension AppDatabase {
    /// Sends an announcement to its audience in one transaction: one message per target, never
    /// twice to the same target; targets already messaged with older text get an edit instead.
    /// - Parameters:
    ///   - dryRun: Resolve and count, write nothing.
    public func broadcast(_ announcement: Announcement, by sender: String, now: Date, dryRun: Bool = false) async throws -> BroadcastResult {
        if announcement.isExpired(on: CalendarDate(now)) { throw AnnouncementError.expired(announcement.id) }
        return try await store.write { db in
            var result = BroadcastResult(orgs: [], targets: 0, posted: 0, updated: 0, unchanged: 0, unreachable: [], dryRun: dryRun)
            try db.inSavepoint(rollingBack: dryRun) {
                result = try self.broadcast(announcement, by: sender, now: now, dryRun: dryRun, db: db)
            }
            return result
        }
    }

    private func broadcast(_ announcement: Announcement, by sender: String, now: Date, dryRun: Bool, db: any SQLDatabase) throws -> BroadcastResult {
        let orgs = try Self.audience(of: announcement, now: now, db: db)
        try Self.record(announcement, by: sender, now: now, db: db)
        var result = BroadcastResult(orgs: orgs.map(\.org), targets: 0, posted: 0, updated: 0, unchanged: 0, unreachable: [], dryRun: dryRun)
        let existing = Dictionary(
            uniqueKeysWithValues: try AnnouncementTarget.fetchAll(db, sql: "SELECT * FROM announcement_target WHERE announcement_id = ?", arguments: [announcement.id]).map { ($0.recipient, $0) })
        let acknowledgedBy = try Self.acknowledgers(announcement.id, db: db)
        // Built once: most targets have no acknowledgement yet (a broadcast reaches thousands).
        let unacknowledged = AnnouncementMessages.post(
            id: announcement.id, title: announcement.title, body: announcement.body, requiresAck: announcement.requiresAck,
            expires: announcement.expires?.description, acknowledgedBy: [], claimable: announcement.incentive != nil)
        for org in orgs {
            let recipients = try Self.recipients(of: org, deliverTo: announcement.deliverTo, db: db)
            if recipients.isEmpty { result.unreachable.append(org.org) }
            try db.cachedStatement(
                sql: """
                    INSERT INTO announcement_org (announcement_id, org, reachable) VALUES (?, ?, ?)
                    ON CONFLICT (announcement_id, org) DO UPDATE SET reachable = excluded.reachable
                    """
            ).execute(arguments: [announcement.id, org.org, !recipients.isEmpty])
            let acknowledged = acknowledgedBy[org.org] ?? []
            let message = acknowledged.isEmpty ? unacknowledged : AnnouncementMessages.post(
                id: announcement.id, title: announcement.title, body: announcement.body, requiresAck: announcement.requiresAck,
                expires: announcement.expires?.description, acknowledgedBy: acknowledged, claimable: announcement.incentive != nil)
            for (recipient, user) in recipients {
                result.targets += 1
                guard var target = existing[recipient] else {
                    try post(message, of: announcement, to: recipient, org: org.org, user: user, now: now, db: db)
                    result.posted += 1
                    continue
                }
                guard target.contentHash != announcement.contentHash else {
                    result.unchanged += 1
                    continue
                }
                try enqueue(
                    .update(message, of: target.messageKey, channel: recipient, dedupeKey: "\(target.messageKey):edit:\(announcement.contentHash.prefix(16))"),
                    in: db, now: now)
                target.contentHash = announcement.contentHash
                try target.update(db)
                result.updated += 1
            }
        }
        return result
    }

    /// Stores (or updates) the announcement as sent.
    private static func record(_ announcement: Announcement, by sender: String, now: Date, db: any SQLDatabase) throws {
        try db.execute(
            sql: """
                INSERT INTO announcement (id, title, body, content_hash, deliver_to, requires_ack, remind_after_seconds, expires, requires_certification, audience, first_sent_at, updated_at, sent_by, spiff_start, spiff_end)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET title = excluded.title, body = excluded.body, content_hash = excluded.content_hash,
                    deliver_to = excluded.deliver_to, requires_ack = excluded.requires_ack, remind_after_seconds = excluded.remind_after_seconds,
                    expires = excluded.expires, requires_certification = excluded.requires_certification, audience = excluded.audience,
                    updated_at = excluded.updated_at, spiff_start = excluded.spiff_start, spiff_end = excluded.spiff_end
                """,
            arguments: [
                announcement.id, announcement.title, announcement.body, announcement.contentHash, announcement.deliverTo.rawValue,
                announcement.requiresAck, announcement.remindAfter.map { Int($0.components.seconds) }, announcement.expires?.description,
                announcement.requiresCertification, announcement.audience.summary, now, now, sender,
                announcement.incentive?.start.description, announcement.incentive?.end.description,
            ])
    }

    /// Where an organisation receives it: its shared channel, or each member's DM.
    private static func recipients(of org: PartnerOrg, deliverTo: AnnouncementDelivery, db: any SQLDatabase) throws -> [(recipient: String, user: String?)] {
        switch deliverTo {
        case .channel:
            return org.channelID.map { [($0, nil)] } ?? []
        case .members:
            return try String.fetchAll(db, sql: "SELECT user_id FROM member WHERE org = ? ORDER BY user_id", arguments: [org.org]).map { ($0, $0) }
        }
    }

    /// A first message to a target, and the target recorded.
    private func post(_ message: MessageReply, of announcement: Announcement, to recipient: String, org: String, user: String?, now: Date, db: any SQLDatabase) throws {
        let key = "ann:\(announcement.id):\(recipient)"
        try enqueue(.post(message, to: recipient, dedupeKey: key), in: db, now: now)
        try db.cachedStatement(
            sql: """
                INSERT INTO announcement_target (announcement_id, recipient, org, user_id, message_key, content_hash, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [announcement.id, recipient, org, user, key, announcement.contentHash, now])
    }

    /// The organisations an announcement targets now: its segments, narrowed to organisations
    /// certified on `requires_certification` when set.
    static func audience(of announcement: Announcement, now: Date, db: any SQLDatabase) throws -> [PartnerOrg] {
        var orgs = try PartnerOrg.fetchAll(db, sql: "SELECT * FROM partner_org ORDER BY org").filter {
            announcement.audience.includes(org: $0.org, type: $0.type, tier: $0.tier, region: $0.region)
        }
        if let track = announcement.requiresCertification {
            let certified = try String.fetchSet(
                db, sql: "SELECT DISTINCT org FROM certification WHERE track = ? AND state = 'active' AND expires_on > ?",
                arguments: [track, CalendarDate(now).description])
            orgs = orgs.filter { certified.contains($0.org) }
        }
        return orgs
    }

    /// Who acknowledged, by organisation, in order.
    static func acknowledgers(_ id: String, db: any SQLDatabase) throws -> [String: [String]] {
        var result: [String: [String]] = [:]
        for row in try SQLRow.fetchAll(db, sql: "SELECT org, user_id FROM announcement_ack WHERE announcement_id = ? ORDER BY at, user_id", arguments: [id]) {
            result[row["org"], default: []].append(row["user_id"])
        }
        return result
    }
}
