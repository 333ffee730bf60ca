import Foundation
import GRDB
import SlackPlatform

/// What became of a reply in a thread.
public enum ThreadReplyResult: Sendable, Equatable {
    /// Attached to the deal's history and forwarded to its manager.
    case attached(Deal)
    /// The thread is not under a deal's notice.
    case notADealThread
    /// The author is not a partner of the deal's organisation: ignored.
    case notTheDealsPartner
    /// This reply was attached before (a redelivered event).
    case alreadyAttached
}

extension AppDatabase {
    /// Attaches a partner's reply in the thread under one of their deal's notices to the deal's
    /// history, and forwards it to the organisation's manager, in one transaction. Only a partner
    /// of the deal's organisation is heard: a reply from anyone else changes nothing.
    /// Redelivered events are stopped earlier (by `event_id`); the forward's dedupe key on the
    /// reply's ts is a second guard.
    public func attachThreadReply(_ message: MessageEvent, by caller: Caller, settings: DealSettings, now: Date) async throws -> ThreadReplyResult {
        guard let thread = message.threadTS, message.isFromPerson else { return .notADealThread }
        return try await store.write { db in
            guard let deal = try Self.deal(noticedAt: thread, in: message.channel, db: db) else { return .notADealThread }
            guard caller.partnerOrg == deal.org else { return .notTheDealsPartner }
            let key = "deal:\(deal.id!):thread:\(message.channel):\(message.ts)"
            guard try !Self.outboxHas(key, db: db) else { return .alreadyAttached }
            let text = String(message.text.prefix(2000))
            try self.audit(deal, actor: caller.userID, action: "comment", from: deal.status, detail: text, now: now, db: db)
            if let target = try PartnerOrg.find(deal.org, db: db)?.manager ?? settings.managersChannel {
                let forwarded = DealText.threadReplyToManager(deal, author: caller.userID, channel: message.channel, text: text)
                try self.enqueue(.post(forwarded, to: target, dedupeKey: key), in: db, now: now)
            }
            return .attached(deal)
        }
    }

    /// The deal whose partner notice is the message `ts` in `channel`.
    static func deal(noticedAt ts: String, in channel: String, db: any SQLDatabase) throws -> Deal? {
        let key = try String.fetchOne(
            db,
            sql: """
                SELECT dedupe_key FROM outbox \(db.indexedBy("outbox_deal_notice_ts"))
                WHERE result_ts = ? AND result_ts IS NOT NULL AND dedupe_key LIKE 'deal:%:notice:%'
                  AND COALESCE(result_channel, target) = ?
                UNION ALL
                SELECT dedupe_key FROM outbox_sent_ref \(db.indexedBy("outbox_sent_ref_deal_notice_ts"))
                WHERE result_ts = ? AND result_ts IS NOT NULL AND dedupe_key LIKE 'deal:%:notice:%'
                  AND COALESCE(result_channel, target) = ?
                LIMIT 1
                """,
            arguments: [ts, channel, ts, channel])
        guard let key, let id = key.split(separator: ":").dropFirst().first.flatMap({ Int64($0) }) else { return nil }
        return try Deal.fetchOne(db, key: id)
    }

    private static func outboxHas(_ key: String, db: any SQLDatabase) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM outbox_message WHERE dedupe_key = ?)", arguments: [key]) ?? false
    }
}
