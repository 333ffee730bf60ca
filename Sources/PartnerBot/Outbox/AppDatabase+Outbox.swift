import Foundation
import SlackPlatform

extension AppDatabase {
    /// Enqueues a message inside the caller's write transaction: it is sent only if that
    /// transaction commits. Enqueueing an existing dedupe key is a no-op.
    /// - Returns: `true` when a new row was inserted.
    @discardableResult
    func enqueue(_ message: OutboundMessage, in db: any SQLDatabase, now: Date) throws -> Bool {
        let stamp = now.storedValue
        try db.cachedStatement(
            sql: """
                INSERT INTO outbox (dedupe_key, method, target, payload, reference, template, workspace, state, attempts, next_attempt_at, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?)
                ON CONFLICT(dedupe_key) DO NOTHING
                """
        ).execute(
            arguments: [
                message.dedupeKey, message.method.rawValue, message.target, String(decoding: message.payload, as: UTF8.self),
                message.reference, message.template?.rawValue, message.workspace?.rawValue, stamp, stamp, stamp,
            ])
        let inserted = db.changesCount == 1
        if inserted { wakeOutboxAfterCommit(db) }
        return inserted
    }

    /// Wakes the outbox worker when the current transaction commits (once per transaction, however
    /// many messages it enqueues: a broadcast adds thousands).
    func wakeOutboxAfterCommit(_ db: any SQLDatabase) {
        outboxWake.notifyOnCommit(db)
    }

    /// Enqueues messages in their own transaction.
    /// - Returns: How many were new.
    @discardableResult
    public func enqueue(_ messages: [OutboundMessage], now: Date) async throws -> Int {
        try await store.write { db in
            var inserted = 0
            for message in messages where try self.enqueue(message, in: db, now: now) { inserted += 1 }
            return inserted
        }
    }

    /// Claims due rows for delivery: for each target only its oldest unfinished row, skipping
    /// targets still paced and rate keys (method and workspace, ``OutboxRateKey``) still
    /// rate-limited. References are resolved here.
    ///
    /// Candidates are looked up in a read transaction first, so a worker whose due rows are all
    /// paced or rate-limited never takes the write lock (it would compete with request handling).
    /// - Returns: The claimed rows, and whether due rows were left waiting for pacing or a `Retry-After`.
    func claimOutbox(now: Date, limit: Int, excludingTargets: Set<String>, blockedRateKeys: Set<String>) async throws -> (claimed: [OutboxRecord], waiting: Bool) {
        guard limit > 0 else { return ([], false) }
        let stamp = now.storedValue
        let owner = deliveryOwner.stored
        let candidates = limit + excludingTargets.count + 64
        let (preview, held) = try await store.read { db in
            let heads = try OutboxHead.fetchDue(db, due: stamp, limit: candidates)
            return (heads, try heads.isEmpty && OutboxHold.dueButHeld(db, due: stamp))
        }
        let eligible = preview.filter { !excludingTargets.contains($0.target) && !blockedRateKeys.contains($0.rateKey) }
        guard !eligible.isEmpty else { return ([], !preview.isEmpty || held) }
        let claimedRows = try await store.write { db in
            // Only the rows claimed are read whole: a head list can be long, payloads are not small.
            var claimed: [OutboxRecord] = []
            for head in try OutboxHead.fetchDue(db, due: stamp, limit: candidates, locking: true) where claimed.count < limit {
                guard !excludingTargets.contains(head.target), !blockedRateKeys.contains(head.rateKey),
                    var row = try OutboxRecord.fetchOne(db.cachedStatement(sql: "SELECT * FROM outbox WHERE id = ? AND state = 'pending'"), arguments: [head.id])
                else { continue }
                if let template = row.template {
                    guard let rendered = try self.render(template, for: row, db: db, now: now) else { continue }
                    row.payload = rendered
                }
                if let reference = row.reference {
                    guard let resolved = try Self.resolve(reference: reference, for: row, db: db, now: now) else { continue }
                    row.payload = resolved
                }
                row.state = .sending
                row.updatedAt = now
                try db.cachedStatement(sql: "UPDATE outbox SET state = 'sending', payload = ?, updated_at = ?, claimed_by = ? WHERE id = ? AND state = 'pending'")
                    .execute(arguments: [row.payload, stamp, owner, row.id])
                if db.changesCount == 1 { claimed.append(row) }
            }
            return claimed
        }
        return (claimedRows, false)
    }

    /// Renders a templated row's payload from the database as it is now. `nil` when the row
    /// was dead-lettered instead (unknown template, subject gone).
    private func render(_ template: String, for row: OutboxRecord, db: any SQLDatabase, now: Date) throws -> String? {
        guard let parsed = MessageTemplate(rawValue: template) else {
            try Self.markDead(id: row.id, error: "unknown message template \(template)", db: db, now: now)
            return nil
        }
        guard let reply = try message(for: parsed, db: db, now: now) else {
            try Self.markDead(id: row.id, error: "the subject of \(template) no longer exists", db: db, now: now)
            return nil
        }
        let message = OutboundMessage.post(reply, to: row.target, dedupeKey: row.dedupeKey)
        return String(decoding: message.payload, as: UTF8.self)
    }

    /// The message a template stands for, rendered now; `nil` when its subject is gone.
    func message(for template: MessageTemplate, db: any SQLDatabase, now: Date) throws -> MessageReply? {
        switch template {
        case .dealReview(let id):
            guard let deal = try Deal.fetchOne(db, key: id) else { return nil }
            return try reviewMessage(for: deal, db: db, now: now)
        case .announcement(let id, let org):
            return try Self.announcementMessage(id, org: org, db: db)
        }
    }

    /// A templated row's payload as it would be sent now (for tests and the CLI); the stored
    /// payload for other rows.
    public func renderedPayload(of record: OutboxRecord, now: Date) async throws -> String {
        guard let template = record.template.flatMap(MessageTemplate.init(rawValue:)) else { return record.payload }
        return try await store.read { db in
            guard let reply = try self.message(for: template, db: db, now: now) else { return record.payload }
            return String(decoding: OutboundMessage.post(reply, to: record.target, dedupeKey: record.dedupeKey).payload, as: UTF8.self)
        }
    }

    /// Fills in the referenced message's ts. `nil` when this row must wait (or was dead-lettered).
    private static func resolve(reference: String, for row: OutboxRecord, db: any SQLDatabase, now: Date) throws -> String? {
        guard let original = try OutboxRecord.fetchOne(db, sql: "SELECT * FROM outbox WHERE dedupe_key = ?", arguments: [reference]) else {
            // Pruned after its retention: what an edit or a reply needs was kept.
            if let pruned = try SQLRow.fetchOne(db, sql: "SELECT result_ts, result_channel FROM outbox_sent_ref WHERE dedupe_key = ?", arguments: [reference]) {
                return try Self.aim(row, at: pruned["result_ts"], channel: pruned["result_channel"], reference: reference, db: db, now: now)
            }
            try markDead(id: row.id, error: "referenced message \(reference) does not exist", db: db, now: now)
            return nil
        }
        switch original.state {
        case .pending, .sending:
            try db.execute(sql: "UPDATE outbox SET next_attempt_at = ? WHERE id = ?", arguments: [now.addingTimeInterval(1), row.id])
            return nil
        case .dead:
            try markDead(id: row.id, error: "referenced message \(reference) was never delivered", db: db, now: now)
            return nil
        case .sent:
            return try aim(row, at: original.resultTS, channel: original.resultChannel, reference: reference, db: db, now: now)
        }
    }

    /// The row's payload aimed at a sent message: edits it (`ts`) or replies in its thread.
    private static func aim(_ row: OutboxRecord, at ts: String?, channel: String?, reference: String, db: any SQLDatabase, now: Date) throws -> String? {
        guard var body = try JSONSerialization.jsonObject(with: Data(row.payload.utf8)) as? [String: Any], let ts else {
            try markDead(id: row.id, error: "referenced message \(reference) has no ts", db: db, now: now)
            return nil
        }
        body[row.method == OutboundMessage.Method.update.rawValue ? "ts" : "thread_ts"] = ts
        if let channel { body["channel"] = channel }
        let data = try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    /// Records a delivery.
    /// (Through group commit: concurrent deliveries share one transaction.)
    /// - Parameter pace: The channel to hold for every instance, and until when (``OutboxHold``).
    func markOutboxSent(id: Int64, ts: String?, channel: String?, now: Date, pace: (target: String, until: Date)? = nil) async throws {
        let stamp = now.storedValue
        try await store.groupWrite { db in
            try db.cachedStatement(
                sql: "UPDATE outbox SET state = 'sent', result_ts = ?, result_channel = ?, sent_at = ?, updated_at = ?, last_error = NULL WHERE id = ?"
            ).execute(arguments: [ts, channel, stamp, stamp, id])
            if let pace { try OutboxHold.hold(OutboxHold.target(pace.target), until: pace.until, in: db) }
        }
    }

    /// Schedules another attempt.
    /// - Parameters:
    ///   - countsAsAttempt: `false` for rate limits, which are not failures.
    ///   - holding: A rate key to hold for every instance, and until when (a 429's `Retry-After`).
    func rescheduleOutbox(
        id: Int64, at date: Date, error: String, countsAsAttempt: Bool, now: Date, holding: (rateKey: String, until: Date)? = nil
    ) async throws {
        try await store.groupWrite { db in
            try db.cachedStatement(
                sql: "UPDATE outbox SET state = 'pending', attempts = attempts + ?, next_attempt_at = ?, last_error = ?, updated_at = ? WHERE id = ?"
            ).execute(arguments: [countsAsAttempt ? 1 : 0, date.storedValue, error, now.storedValue, id])
            if let holding { try OutboxHold.hold(OutboxHold.rate(holding.rateKey), until: holding.until, in: db) }
        }
    }

    /// Dead-letters a row, keeping the error.
    func markOutboxDead(id: Int64, error: String, now: Date) async throws {
        try await store.groupWrite { db in try Self.markDead(id: id, error: error, db: db, now: now) }
    }

    private static func markDead(id: Int64, error: String, db: any SQLDatabase, now: Date) throws {
        try db.execute(
            sql: "UPDATE outbox SET state = 'dead', attempts = attempts + 1, last_error = ?, updated_at = ? WHERE id = ?",
            arguments: [error, now, id])
    }

    /// The earliest `next_attempt_at` among pending rows (on PostgreSQL: among those not held, or
    /// the end of the next hold), to know how long to sleep.
    func nextOutboxAttempt(now: Date) async throws -> Date? {
        try await store.read { db in
            guard db.dialect == .sqlite else { return try OutboxHold.nextAttempt(db, now: now.storedValue) }
            return try Date.fetchOne(db, sql: "SELECT MIN(due_at) FROM outbox_head WHERE due_at < '9999'")
        }
    }

    /// Counts by state, the oldest pending age and recent errors.
    public func outboxStatus(now: Date) async throws -> OutboxStatus {
        try await store.read { db in
            var counts: [OutboxRecord.State: Int] = Dictionary(uniqueKeysWithValues: OutboxRecord.State.allCases.map { ($0, 0) })
            for row in try SQLRow.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM outbox GROUP BY state") {
                if let state = OutboxRecord.State(rawValue: row["state"]) { counts[state] = row["n"] }
            }
            let oldest = try Date.fetchOne(db, sql: "SELECT MIN(created_at) FROM outbox WHERE state IN ('pending', 'sending')")
            let errors = try SQLRow.fetchAll(
                db,
                sql: "SELECT id, method, target, state, last_error FROM outbox WHERE last_error IS NOT NULL AND state != 'sent' ORDER BY updated_at DESC, id DESC LIMIT 10")
            return OutboxStatus(
                counts: counts, oldestPendingAge: oldest.map { now.timeIntervalSince($0) },
                recentErrors: errors.map {
                    (id: $0["id"], method: $0["method"], target: $0["target"], state: OutboxRecord.State(rawValue: $0["state"]) ?? .dead, error: $0["last_error"])
                })
        }
    }

    /// Sends a dead (or pending) row again from scratch.
    /// - Returns: `false` when no such unsent row exists.
    public func retryOutbox(id: Int64, now: Date) async throws -> Bool {
        try await store.write { db in
            try db.execute(
                sql: "UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = ?, created_at = ?, updated_at = ? WHERE id = ? AND state IN ('dead', 'pending')",
                arguments: [now, now, now, id])
            let changed = db.changesCount == 1
            if changed {
                let signal = self.outboxSignal
                db.afterNextTransaction(onCommit: { signal.notify() })
            }
            return changed
        }
    }

    /// Sends every dead row again.
    /// - Returns: How many rows were re-queued.
    public func retryDeadOutbox(now: Date) async throws -> Int {
        try await store.write { db in
            try db.execute(
                sql: "UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = ?, created_at = ?, updated_at = ? WHERE state = 'dead'",
                arguments: [now, now, now])
            let count = db.changesCount
            if count > 0 {
                let signal = self.outboxSignal
                db.afterNextTransaction(onCommit: { signal.notify() })
            }
            return count
        }
    }

    /// Outbox rows, oldest first (for tests, the CLI and the demo).
    public func outboxRecords(state: OutboxRecord.State? = nil) async throws -> [OutboxRecord] {
        try await store.read { db in
            if let state {
                return try OutboxRecord.fetchAll(db, sql: "SELECT * FROM outbox WHERE state = ? ORDER BY id", arguments: [state.rawValue])
            }
            return try OutboxRecord.fetchAll(db, sql: "SELECT * FROM outbox ORDER BY id")
        }
    }
}

extension AppDatabase {
    /// Pending plus sending rows.
    func outboxDepth() async throws -> Int {
        try await store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE state IN ('pending', 'sending')") ?? 0 }
    }
}
