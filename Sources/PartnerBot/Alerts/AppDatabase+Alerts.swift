import Foundation
import GRDB
import SlackPlatform

/// The steps of a pass, in order.
enum AlertStep: CaseIterable {
    case expire, protection, approvalSLA, conflicts, certifications, quietPartners, announcementReminders, tiers
}

/// What one page of one step did.
struct AlertPage: Sendable {
    var fired: [Alert] = []
    var expiredDeals: [String] = []
    var digests: [String: Int] = [:]
    /// The outbox rows the page enqueued (its transaction held the write lock, so they are contiguous).
    var enqueued: ClosedRange<Int64>?
    var next: AlertPlanner.Cursor?
}

extension AlertPassReport {
    mutating func merge(_ page: AlertPage) {
        fired += page.fired
        expiredDeals += page.expiredDeals
        digests.merge(page.digests, uniquingKeysWith: +)
        if let rows = page.enqueued { enqueued.append(rows) }
    }
}

extension AppDatabase {
    /// Runs one live alert pass: evaluates `now` and delivers from `now` (the scheduler's pass).
    public func runAlertPass(settings: ProgramSettings, now: Date, dryRun: Bool = false, pageSize: Int = 500) async throws -> AlertPassReport {
        try await runAlertPass(settings: settings, time: .live(now), dryRun: dryRun, pageSize: pageSize)
    }

    /// Runs one alert pass: decides what is due as of `time.asOf`, records it in the ledger and
    /// enqueues the messages in the same transaction, so each (subject, kind, threshold) fires
    /// exactly once across passes, restarts and processes. The messages are deliverable from
    /// `time.ranAt` (the real clock), whatever moment was evaluated. After downtime, a subject gets
    /// only its most urgent pending alert. Work is done in pages of `pageSize` subjects, each its
    /// own short transaction, so a large pass neither holds the write lock for long nor grows
    /// memory with the tables. A dry run decides the same things in one rolled-back transaction
    /// and writes nothing.
    public func runAlertPass(settings: ProgramSettings, time: AlertPassTime, dryRun: Bool = false, pageSize: Int = 500) async throws -> AlertPassReport {
        var report = AlertPassReport(fired: [], expiredDeals: [], digests: [:], dryRun: dryRun, time: time)
        if dryRun {
            let pages = try await store.write { db -> [AlertPage] in
                var pages: [AlertPage] = []
                try db.inSavepoint(rollingBack: true) {
                    for step in AlertStep.allCases {
                        var cursor: AlertPlanner.Cursor?
                        repeat {
                            let page = try self.runAlertStep(step, after: cursor, limit: pageSize, settings: settings, time: time, db: db)
                            pages.append(page)
                            cursor = page.next
                        } while cursor != nil
                    }
                }
                return pages
            }
            for page in pages { report.merge(page) }
            report.enqueued = []
            return report
        }
        for step in AlertStep.allCases {
            var cursor: AlertPlanner.Cursor?
            repeat {
                let after = cursor
                let page = try await store.write { db in
                    try self.runAlertStep(step, after: after, limit: pageSize, settings: settings, time: time, db: db)
                }
                report.merge(page)
                cursor = page.next
            } while cursor != nil
        }
        return report
    }

    /// One page of one step, in the caller's transaction.
    private func runAlertStep(
        _ step: AlertStep, after cursor: AlertPlanner.Cursor?, limit: Int, settings: ProgramSettings, time: AlertPassTime, db: any SQLDatabase
    ) throws -> AlertPage {
        var planner = AlertPlanner(db: db, settings: settings, time: time)
        var page = AlertPage()
        let lastRowBefore = try Self.lastOutboxRow(db)
        switch step {
        case .expire:
            let result = try planner.expireEndedProtections(database: self, after: cursor, limit: limit)
            page.expiredDeals = result.expired
            page.next = result.next
        case .protection: page.next = try planner.protectionExpiry(after: cursor, limit: limit)
        case .approvalSLA: page.next = try planner.approvalSLA(after: cursor, limit: limit)
        case .conflicts: page.next = try planner.unresolvedConflicts(after: cursor, limit: limit)
        case .certifications: page.next = try planner.certificationExpiry(after: cursor, limit: limit)
        case .quietPartners: try planner.quietPartners()
        case .announcementReminders: try planner.announcementReminders(database: self)
        case .tiers: try planner.tiers()
        }
        page.fired = planner.fired
        page.digests = try deliver(planner.fired, settings: settings, now: time.ranAt, db: db)
        let lastRowAfter = try Self.lastOutboxRow(db)
        if lastRowAfter > lastRowBefore { page.enqueued = (lastRowBefore + 1)...lastRowAfter }
        return page
    }

    /// The highest outbox row id so far (0 when empty).
    private static func lastOutboxRow(_ db: any SQLDatabase) throws -> Int64 {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT MAX(id) FROM outbox")) ?? 0
    }

    /// Enqueues the alerts' messages, deliverable from `now`; a manager-side recipient with too
    /// many gets one digest.
    private func deliver(_ alerts: [Alert], settings: ProgramSettings, now: Date, db: any SQLDatabase) throws -> [String: Int] {
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
                let reply = MessageReply.list(title: title, lines: lines)
                // Each alert is in the ledger once, so the first one names this digest for good
                // (a pass's time would not: two replayed passes can run within one second).
                try enqueue(.post(reply, to: target, dedupeKey: "alert:digest:\(target):\(items[0].0.ledgerKey)"), in: db, now: now)
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
    func cancelPendingAlerts(dealID: Int64, db: any SQLDatabase) throws {
        try db.execute(
            sql: "DELETE FROM outbox WHERE dedupe_key >= ? AND dedupe_key < ? AND state = 'pending'",
            arguments: ["alert:deal:\(dealID):", "alert:deal:\(dealID);"])
    }
}
