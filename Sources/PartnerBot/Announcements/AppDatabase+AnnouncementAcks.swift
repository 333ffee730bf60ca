import Foundation
import GRDB
import SlackPlatform

/// What an Acknowledge click did.
public enum AcknowledgementOutcome: Sendable, Equatable {
    /// Recorded now.
    case recorded(title: String)
    /// This person had already acknowledged.
    case already(title: String)
    /// The announcement expired: not counted.
    case expired(title: String)
    /// The person's organisation is not targeted (or they are not a partner).
    case notTargeted
    /// No such announcement.
    case notFound
}

extension AppDatabase {
    /// Records a read receipt once per person, and queues the edit that shows who acknowledged
    /// (one pending edit per message: it renders everybody when it is sent).
    public func acknowledge(announcement id: String, userID: String, teamID: String, org: String?, now: Date) async throws -> AcknowledgementOutcome {
        try await store.groupWrite { db in
            guard let row = try SQLRow.fetchOne(db, sql: "SELECT title, expires FROM announcement WHERE id = ?", arguments: [id]) else {
                return .notFound
            }
            let title: String = row["title"]
            if let expires = (row["expires"] as String?).flatMap(CalendarDate.init(iso:)), CalendarDate(now) > expires {
                return .expired(title: title)
            }
            guard let org,
                try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM announcement_target WHERE announcement_id = ? AND org = ?)", arguments: [id, org]) == true
            else { return .notTargeted }
            try db.execute(
                sql: "INSERT INTO announcement_ack (announcement_id, user_id, team_id, org, at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                arguments: [id, userID, teamID, org, now])
            guard db.changesCount == 1 else { return .already(title: title) }
            // One pending edit per message carries every acknowledgement made before it is sent
            // (rendered then): a burst of clicks costs one chat.update per message and pacing interval.
            let template = MessageTemplate.announcement(id: id, org: org)
            let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM announcement_ack WHERE announcement_id = ? AND org = ?", arguments: [id, org]) ?? 0
            let targets = try AnnouncementTarget.fetchAll(db, sql: "SELECT * FROM announcement_target WHERE announcement_id = ? AND org = ?", arguments: [id, org])
            for target in targets where target.userID == nil || target.userID == userID {
                // `state IN (…)` lets SQLite use the open-rows-by-target index; only a pending edit
                // (not one being sent) can still take this acknowledgement.
                let pending = try Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM outbox WHERE target = ? AND state IN ('pending', 'sending') AND state = 'pending' AND reference = ? AND template = ?)",
                    arguments: [target.recipient, target.messageKey, template.rawValue]) ?? false
                guard !pending else { continue }
                try self.enqueue(.update(template, of: target.messageKey, channel: target.recipient, dedupeKey: "\(target.messageKey):ack:\(count)"), in: db, now: now)
            }
            return .recorded(title: title)
        }
    }

    /// Sends a reminder, threaded under the original, to every target that has not acknowledged.
    /// - Parameters:
    ///   - automatic: `true` from the scheduler (once per target, after `remind_after`);
    ///     `false` for `/announce remind` (at most once per target per day).
    ///   - asOf: The moment evaluated: whether `remind_after` has passed and the announcement has expired.
    ///   - ranAt: The real time: the reminders are deliverable from then, and targets are stamped with it.
    /// - Returns: How many reminders were enqueued.
    func remindUnacknowledged(announcement id: String, automatic: Bool, asOf now: Date, ranAt: Date, db: any SQLDatabase) throws -> Int {
        guard let row = try SQLRow.fetchOne(
            db, sql: "SELECT title, expires, requires_ack, remind_after_seconds FROM announcement WHERE id = ?", arguments: [id])
        else { return 0 }
        guard row["requires_ack"] as Bool else { return 0 }
        if let expires = (row["expires"] as String?).flatMap(CalendarDate.init(iso:)), CalendarDate(now) > expires { return 0 }
        var targets = try AnnouncementTarget.fetchAll(
            db,
            sql: """
                SELECT t.* FROM announcement_target t
                WHERE t.announcement_id = ?
                  AND NOT EXISTS (
                    SELECT 1 FROM announcement_ack a WHERE a.announcement_id = t.announcement_id
                      AND (CASE WHEN t.user_id IS NULL THEN a.org = t.org ELSE a.user_id = t.user_id END))
                ORDER BY t.recipient
                """,
            arguments: [id])
        if automatic {
            guard let seconds = row["remind_after_seconds"] as Int? else { return 0 }
            targets = targets.filter { $0.remindedAt == nil && $0.createdAt.addingTimeInterval(TimeInterval(seconds)) <= now }
        }
        let title: String = row["title"]
        var sent = 0
        for var target in targets {
            let sentOriginal = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM outbox_message WHERE dedupe_key = ? AND state != 'dead')", arguments: [target.messageKey]) ?? false
            guard sentOriginal else { continue }
            let key = automatic ? "\(target.messageKey):reminder" : "\(target.messageKey):reminder:\(CalendarDate(now))"
            guard try enqueue(.post(AnnouncementMessages.reminder(title: title), to: target.recipient, dedupeKey: key, threadUnder: target.messageKey), in: db, now: ranAt) else { continue }
            target.remindedAt = ranAt
            try target.update(db)
            sent += 1
        }
        return sent
    }

    /// `/announce remind <id>`: remind now.
    public func remindNow(announcement id: String, now: Date) async throws -> Int {
        try await store.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM announcement WHERE id = ?)", arguments: [id]) == true else {
                throw AnnouncementError.notFound(id)
            }
            return try self.remindUnacknowledged(announcement: id, automatic: false, asOf: now, ranAt: now, db: db)
        }
    }

    /// Announcements that may need automatic reminders.
    static func announcementsDueForReminders(asOf now: Date, db: any SQLDatabase) throws -> [String] {
        // `requires_ack` is an integer flag: PostgreSQL takes only a boolean as a condition.
        try String.fetchAll(
            db,
            sql: """
                SELECT id FROM announcement
                WHERE requires_ack <> 0 AND remind_after_seconds IS NOT NULL AND (expires IS NULL OR expires >= ?)
                  AND EXISTS (SELECT 1 FROM announcement_target t WHERE t.announcement_id = announcement.id AND t.reminded_at IS NULL)
                ORDER BY id
                """,
            arguments: [CalendarDate(now).description])
    }

    /// An announcement as organisation `org` sees it now; `nil` when it is gone.
    static func announcementMessage(_ id: String, org: String, db: any SQLDatabase) throws -> MessageReply? {
        guard let row = try SQLRow.fetchOne(db, sql: "SELECT title, body, expires, requires_ack, spiff_start FROM announcement WHERE id = ?", arguments: [id]) else {
            return nil
        }
        return AnnouncementMessages.post(
            id: id, title: row["title"], body: row["body"], requiresAck: row["requires_ack"], expires: row["expires"],
            acknowledgedBy: try acknowledgers(id, db: db)[org] ?? [], claimable: (row["spiff_start"] as String?) != nil)
    }
}
