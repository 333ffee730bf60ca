import Foundation
import GRDB
import SlackPlatform

extension AppDatabase {
    /// Runs one alert pass as of `now`: decides what is due, records it in the ledger and enqueues
    /// the messages in the same transaction, so each (subject, kind, threshold) fires exactly once
    /// across passes, restarts and processes. After downtime, a subject gets only its most urgent
    /// pending alert. A dry run decides the same things and writes nothing.
    public func runAlertPass(settings: ProgramSettings, now: Date, dryRun: Bool = false) async throws -> AlertPassReport {
        try await writer.write { db in
            var report = AlertPassReport(fired: [], expiredDeals: [], digests: [:], dryRun: dryRun)
            try db.inSavepoint {
                var planner = AlertPlanner(db: db, settings: settings, now: now)
                report.expiredDeals = try planner.expireEndedProtections(database: self)
                try planner.protectionExpiry()
                try planner.approvalSLA()
                try planner.unresolvedConflicts()
                try planner.certificationExpiry()
                try planner.quietPartners()
                try planner.announcementReminders(database: self)
                report.fired = planner.fired
                report.digests = try self.deliver(planner.fired, settings: settings, now: now, db: db)
                return dryRun ? .rollback : .commit
            }
            return report
        }
    }

    /// Enqueues the alerts' messages; a manager-side recipient with too many gets one digest.
    private func deliver(_ alerts: [Alert], settings: ProgramSettings, now: Date, db: Database) throws -> [String: Int] {
        var managerSide: [String: [(Alert, MessageReply)]] = [:]
        var others: [(Alert, Alert.Recipient, MessageReply)] = []
        for alert in alerts {
            for (recipient, reply) in alert.messages {
                if recipient.isManagerSide {
                    managerSide[recipient.target, default: []].append((alert, reply))
                } else {
                    others.append((alert, recipient, reply))
                }
            }
        }
        var digests: [String: Int] = [:]
        for (target, items) in managerSide {
            if items.count > settings.alerts.digestOver {
                digests[target] = items.count
                let lines = items.map { "• \($0.0.summary)" }
                let title = "\(items.count) alerts for you"
                let reply = MessageReply(text: ([title] + lines).joined(separator: "\n"), blocks: DealReplies.chunks(title: title, lines: lines))
                let stamp = ISO8601DateFormatter().string(from: now)
                try enqueue(.post(reply, to: target, dedupeKey: "alert:digest:\(target):\(stamp)"), in: db, now: now)
            } else {
                for (alert, reply) in items {
                    try enqueue(.post(reply, to: target, dedupeKey: "alert:\(alert.subject):\(alert.kind.rawValue):\(alert.threshold):\(target)"), in: db, now: now)
                }
            }
        }
        for (alert, recipient, reply) in others {
            try enqueue(
                .post(reply, to: recipient.target, dedupeKey: "alert:\(alert.subject):\(alert.kind.rawValue):\(alert.threshold):\(recipient.target)"), in: db, now: now)
        }
        return digests
    }

    /// Drops alert messages about a deal that have not been sent yet (the deal closed or was extended).
    func cancelPendingAlerts(dealID: Int64, db: Database) throws {
        try db.execute(
            sql: "DELETE FROM outbox WHERE dedupe_key >= ? AND dedupe_key < ? AND state = 'pending'",
            arguments: ["alert:deal:\(dealID):", "alert:deal:\(dealID);"])
    }
}
