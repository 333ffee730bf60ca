import Foundation
import GRDB
import SlackPlatform

/// Decides, inside the pass's transaction, which alerts are due, and claims them in the ledger.
struct AlertPlanner {
    let db: any SQLDatabase
    let settings: ProgramSettings
    /// What the pass evaluates (`asOf`) and when it runs (`ranAt`).
    let time: AlertPassTime
    /// The evaluated moment: decides what is due and what the messages say.
    var now: Date { time.asOf }
    let today: CalendarDate
    var fired: [Alert] = []
    private var orgs: [String: PartnerOrg] = [:]

    init(db: any SQLDatabase, settings: ProgramSettings, time: AlertPassTime) {
        self.db = db
        self.settings = settings
        self.time = time
        self.today = CalendarDate(time.asOf)
    }

    /// Claims `threshold` for a subject; `false` when it already fired. The ledger keeps when the
    /// pass ran and which moment it evaluated.
    func claim(_ subject: String, _ kind: Alert.Kind, _ threshold: String) throws -> Bool {
        try db.execute(
            sql: "INSERT INTO alert_ledger (subject, kind, threshold, fired_at, evaluated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            arguments: [subject, kind.rawValue, threshold, time.ranAt, time.asOf])
        return db.changesCount == 1
    }

    /// Whether the ledger already holds this alert (a read: cheaper than a claim that conflicts).
    func hasFired(_ subject: String, _ kind: Alert.Kind, _ threshold: String) throws -> Bool {
        try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM alert_ledger WHERE subject = ? AND kind = ? AND threshold = ?)"),
            arguments: [subject, kind.rawValue, threshold]) ?? false
    }

    /// An approved deal's protection end, as the protection index holds it.
    struct ProtectionEnd: SQLFetchable {
        var id: Int64
        var end: Date

        init(row: SQLRow) {
            id = row["id"]
            end = row["protection_end"]
        }
    }

    /// Claims the most urgent crossed threshold and silently marks the less urgent ones, so a
    /// subject catching up after downtime gets one alert, not a burst.
    private func claimMostUrgent(_ subject: String, _ kind: Alert.Kind, crossed: [String]) throws -> String? {
        guard let urgent = crossed.last else { return nil }
        guard try claim(subject, kind, urgent) else { return nil }
        for threshold in crossed.dropLast() { _ = try claim(subject, kind, threshold) }
        return urgent
    }

    private mutating func org(_ slug: String) throws -> PartnerOrg? {
        if let cached = orgs[slug] { return cached }
        let found = try PartnerOrg.find(slug, db: db)
        orgs[slug] = found
        return found
    }

    var managersChannel: String? { settings.deals.managersChannel }

    /// Where the previous page of a step ended: keyset pagination on the step's index order.
    struct Cursor: Sendable {
        var key: SQLValue
        var id: Int64
    }

    /// One page of rows in `(keyColumn, id)` order after `cursor`; the next cursor when the page was full.
    private func page<Record: SQLFetchable>(
        _ sql: String, keyColumn: String, arguments: SQLArguments, after cursor: Cursor?, limit: Int
    ) throws -> (records: [Record], next: Cursor?) {
        var arguments = arguments
        var query = sql
        if let cursor {
            query += " AND (\(keyColumn), id) > (?, ?)"
            arguments += [cursor.key, cursor.id]
        }
        query += " ORDER BY \(keyColumn), id LIMIT \(limit)"
        let rows = try SQLRow.fetchAll(db, sql: query, arguments: arguments)
        let next = rows.count == limit ? rows.last.map { Cursor(key: $0[keyColumn], id: $0["id"]) } : nil
        return (try rows.map { try Record(row: $0) }, next)
    }

    // MARK: Deals

    /// Expires approved deals whose protection ended (both sides are told by `expire`).
    mutating func expireEndedProtections(database: AppDatabase, after cursor: Cursor?, limit: Int) throws -> (expired: [String], next: Cursor?) {
        let (ended, next): ([Deal], Cursor?) = try page(
            "SELECT * FROM deal \(db.indexedBy("deal_protection")) WHERE status = 'approved' AND protection_end <= ?", keyColumn: "protection_end", arguments: [now], after: cursor, limit: limit)
        var expired: [String] = []
        for deal in ended {
            guard try claim("deal:\(deal.id!)", .protectionEnded, "end@\(DisplayTime.day(deal.protectionEnd!))") else { continue }
            try database.expire(deal, time: time, db: db)
            try database.cancelPendingAlerts(dealID: deal.id!, db: db)
            expired.append("\(deal.reference) \(deal.customerName) (\(deal.org))")
        }
        return (expired, next)
    }

    mutating func protectionExpiry(after cursor: Cursor?, limit: Int) throws -> Cursor? {
        guard let longest = settings.alerts.protectionExpiryDays.max() else { return nil }
        // Only the index (id, end) is read for every deal in the window; a deal is loaded only
        // when its most urgent crossed threshold has not fired yet (most passes: none).
        let (ends, next): ([ProtectionEnd], Cursor?) = try page(
            "SELECT id, protection_end FROM deal \(db.indexedBy("deal_protection")) WHERE status = 'approved' AND protection_end > ? AND protection_end <= ?",
            keyColumn: "protection_end", arguments: [now, now.addingTimeInterval(TimeInterval(longest * 86_400))], after: cursor, limit: limit)
        let (thresholds, now) = (settings.alerts.protectionExpiryDays.sorted(by: >), self.now)
        let crossing = { (end: Date) -> [String] in
            let daysLeft = DisplayTime.daysLeft(until: end, from: now)
            return thresholds.filter { daysLeft <= $0 }.map { "\($0)d@\(DisplayTime.day(end))" }
        }
        let unfired = try ends.filter { candidate in
            guard let urgent = crossing(candidate.end).last else { return false }
            return try !hasFired("deal:\(candidate.id)", .protectionExpiry, urgent)
        }
        // The deals to alert, loaded in one query.
        for deal in try Deal.fetchAll(db, keys: unfired.map(\.id)) {
            let end = deal.protectionEnd!
            let daysLeft = DisplayTime.daysLeft(until: end, from: now)
            guard let threshold = try claimMostUrgent("deal:\(deal.id!)", .protectionExpiry, crossed: crossing(end)) else { continue }
            let org = try org(deal.org)
            let customer = Mrkdwn.escape(deal.customerName)
            let summary = "\(deal.reference) \(customer) (\(deal.org)): protection ends \(DisplayTime.day(end)), \(daysLeft) day\(daysLeft == 1 ? "" : "s") left"
            var messages: [(Alert.Recipient, MessageReply)] = []
            if let manager = org?.manager {
                var blocks: [Block] = [.section(text: "⏳ \(summary).")]
                if deal.extensions < settings.deals.policy.maxExtensions {
                    blocks.append(.actions([Button("Extend \(settings.deals.policy.extensionDays) days", action: .dealExtend, value: deal.reference, style: .primary)]))
                }
                messages.append((.manager(manager), MessageReply(text: "⏳ \(summary).", blocks: blocks)))
            }
            if let channel = org?.channelID ?? deal.channelID {
                messages.append((.partnerChannel(channel), .init(text: "⏳ Protection of *\(deal.reference)* \(customer) ends on \(DisplayTime.day(end)) (\(daysLeft) day\(daysLeft == 1 ? "" : "s") left). Close it, or ask your partner manager about an extension.")))
            }
            fired.append(Alert(subject: "deal:\(deal.id!)", kind: .protectionExpiry, threshold: threshold, messages: messages, summary: summary))
        }
        return next
    }

    mutating func approvalSLA(after cursor: Cursor?, limit: Int) throws -> Cursor? {
        let slaSeconds = TimeInterval(settings.deals.policy.approvalSLAHours * 3600)
        let (deals, next): ([Deal], Cursor?) = try page(
            "SELECT * FROM deal \(db.indexedBy("deal_pending_due")) WHERE status = 'pending' AND sla_due_at <= ?", keyColumn: "sla_due_at",
            arguments: [now.addingTimeInterval(slaSeconds / 2)], after: cursor, limit: limit)
        for deal in deals {
            let due = deal.slaDueAt
            let stamp = DisplayTime.dateTime(due)
            var crossed = ["half@\(stamp)"]
            if now >= due {
                let day = Int(now.timeIntervalSince(due) / 86_400)
                crossed += (0...day).map { "overdue-\($0)@\(stamp)" }
            }
            guard let threshold = try claimMostUrgent("deal:\(deal.id!)", .approvalSLA, crossed: crossed) else { continue }
            let org = try org(deal.org)
            let overdue = now >= due
            let summary = overdue
                ? "\(deal.reference) \(Mrkdwn.escape(deal.customerName)) (\(deal.org)) is past its approval SLA: due \(stamp) (\(DisplayTime.until(due, from: now)))"
                : "\(deal.reference) \(Mrkdwn.escape(deal.customerName)) (\(deal.org)) is half-way to its approval SLA: decide by \(stamp)"
            let reply = MessageReply(text: "\(overdue ? "🚨" : "⏱️") \(summary). `/deal approve \(deal.reference)` · `/deal decline \(deal.reference) <reason>`")
            var messages: [(Alert.Recipient, MessageReply)] = []
            if let manager = org?.manager { messages.append((.manager(manager), reply)) }
            if let channel = managersChannel { messages.append((.managersChannel(channel), reply)) }
            fired.append(Alert(subject: "deal:\(deal.id!)", kind: .approvalSLA, threshold: threshold, messages: messages, summary: summary))
        }
        return next
    }

    mutating func unresolvedConflicts(after cursor: Cursor?, limit: Int) throws -> Cursor? {
        let hours = settings.alerts.conflictHours
        let (deals, next): ([Deal], Cursor?) = try page(
            "SELECT * FROM deal WHERE status = 'conflict' AND created_at <= ?", keyColumn: "created_at",
            arguments: [now.addingTimeInterval(-TimeInterval(hours * 3600))], after: cursor, limit: limit)
        for deal in deals {
            guard try claim("deal:\(deal.id!)", .conflictUnresolved, "\(hours)h") else { continue }
            let summary = "Conflict \(deal.reference) \(Mrkdwn.escape(deal.customerName)) (\(deal.org)) has waited more than \(hours) h for a decision"
            let reply = MessageReply(text: "⚠️ \(summary). `/deal approve \(deal.reference)` or `/deal decline \(deal.reference) <reason>`.")
            var messages: [(Alert.Recipient, MessageReply)] = []
            if let channel = managersChannel {
                messages.append((.managersChannel(channel), reply))
            } else if let manager = try org(deal.org)?.manager {
                messages.append((.manager(manager), reply))
            }
            fired.append(Alert(subject: "deal:\(deal.id!)", kind: .conflictUnresolved, threshold: "\(hours)h", messages: messages, summary: summary))
        }
        return next
    }

    // MARK: Certifications

    mutating func certificationExpiry(after cursor: Cursor?, limit: Int) throws -> Cursor? {
        guard let longest = settings.alerts.certificationExpiryDays.max() else { return nil }
        let (certifications, next): ([Certification], Cursor?) = try page(
            "SELECT * FROM certification WHERE state = 'active' AND expires_on <= ? AND expires_on >= ?", keyColumn: "expires_on",
            arguments: [today.adding(days: longest).description, today.adding(days: -7).description], after: cursor, limit: limit)
        for certification in certifications {
            guard let expires = certification.expiresOn.flatMap(CalendarDate.init(iso:)) else { continue }
            let renewed = try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM certification WHERE team_id = ? AND user_id = ? AND track = ? AND state = 'active' AND expires_on > ?)",
                arguments: [certification.teamID, certification.userID, certification.track, certification.expiresOn]) ?? false
            if renewed { continue }
            let daysLeft = today.days(until: expires)
            let subject = "cert:\(certification.id!)"
            let track = settings.track(certification.track)
            let name = track?.name ?? certification.track
            let kind: Alert.Kind
            let threshold: String
            let summary: String
            let personText: String
            if daysLeft <= 0 {
                let before = settings.alerts.certificationExpiryDays.sorted(by: >).map { "\($0)d@\(expires)" }
                guard let claimed = try claimMostUrgent(subject, .certificationExpired, crossed: ["expired@\(expires)"]) else { continue }
                for mark in before { _ = try claim(subject, .certificationExpiry, mark) }
                kind = .certificationExpired
                threshold = claimed
                summary = "<@\(certification.userID)> (\(certification.org)): \(name) expired on \(expires)"
                personText = "⌛ Your *\(name)* certification expired on \(expires). Recertify, then claim it again with `/certify claim \(certification.track)`."
            } else {
                let crossed = settings.alerts.certificationExpiryDays.sorted(by: >).filter { daysLeft <= $0 }.map { "\($0)d@\(expires)" }
                guard let claimed = try claimMostUrgent(subject, .certificationExpiry, crossed: crossed) else { continue }
                kind = .certificationExpiry
                threshold = claimed
                summary = "<@\(certification.userID)> (\(certification.org)): \(name) expires on \(expires) (\(daysLeft) days)"
                personText = "⏳ Your *\(name)* certification expires on \(expires) (\(daysLeft) days). Recertify and claim it again with `/certify claim \(certification.track)`."
            }
            var messages: [(Alert.Recipient, MessageReply)] = [(.person(certification.userID), .init(text: personText))]
            if let manager = try org(certification.org)?.manager { messages.append((.manager(manager), .init(text: "🎓 \(summary)."))) }
            fired.append(Alert(subject: subject, kind: kind, threshold: threshold, messages: messages, summary: summary))
        }
        return next
    }

    mutating func quietPartners() throws {
        guard let channel = managersChannel else { return }
        let week = Self.isoWeek(today)
        let already = try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM alert_ledger WHERE subject = 'program' AND kind = ? AND threshold = ?)",
            arguments: [Alert.Kind.quietPartners.rawValue, week]) ?? false
        if already { return }
        let since = now.addingTimeInterval(-TimeInterval(settings.alerts.quietPartnerDays * 86_400))
        let quiet = try SQLRow.fetchAll(
            db,
            sql: """
                SELECT o.org, o.name, (SELECT MAX(created_at) FROM deal d WHERE d.org = o.org) AS last
                FROM partner_org o
                WHERE EXISTS (SELECT 1 FROM certification c WHERE c.org = o.org AND c.state = 'active' AND c.expires_on > ?)
                  AND NOT EXISTS (SELECT 1 FROM deal d WHERE d.org = o.org AND d.created_at > ?)
                ORDER BY o.org
                """,
            arguments: [today.description, since])
        guard !quiet.isEmpty, try claim("program", .quietPartners, week) else { return }
        let lines = quiet.map { row -> String in
            let last: Date? = row["last"]
            return "• \(Mrkdwn.escape(row["name"] as String)) (`\(row["org"] as String)`) — last registration: \(last.map(DisplayTime.day) ?? "never")"
        }
        let title = "Certified partners with no registration in \(settings.alerts.quietPartnerDays) days (week \(week))"
        let reply = MessageReply.list(title: title, lines: lines)
        fired.append(Alert(subject: "program", kind: .quietPartners, threshold: week, messages: [(.managersChannel(channel), reply)], summary: "\(quiet.count) quiet certified partner(s)"))
    }

    /// Reminders, threaded under the original, to targets that have not acknowledged after `remind_after`.
    mutating func announcementReminders(database: AppDatabase) throws {
        for id in try AppDatabase.announcementsDueForReminders(asOf: now, db: db) {
            let count = try database.remindUnacknowledged(announcement: id, automatic: true, asOf: now, ranAt: time.ranAt, db: db)
            guard count > 0 else { continue }
            fired.append(Alert(subject: "announcement:\(id)", kind: .announcementReminder, threshold: "remind_after", messages: [], summary: "\(count) reminder(s) for \(id), threaded under the unacknowledged messages"))
        }
    }

    /// `2027-W03` (ISO 8601 week of the year).
    static func isoWeek(_ day: CalendarDate) -> String {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: day.startOfDay)
        return String(format: "%04d-W%02d", components.yearForWeekOfYear ?? 0, components.weekOfYear ?? 0)
    }
}
