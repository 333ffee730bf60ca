import Foundation
import GRDB

extension AppDatabase {
    func insert(_ claim: Claim, db: any SQLDatabase) throws -> Int64 {
        try db.execute(
            sql: """
                INSERT INTO claim (kind, org, announcement_id, deal_id, amount_minor, currency, activity, activity_date, budget_quarter, proof, note,
                    state, reason, submitted_by, decided_by, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                claim.kind.rawValue, claim.org, claim.announcementID, claim.dealID, claim.amountMinor, claim.currency, claim.activity, claim.activityDate,
                claim.budgetQuarter, claim.proof, claim.note, claim.state.rawValue, claim.reason, claim.submittedBy, claim.decidedBy,
                claim.createdAt.storedValue, claim.updatedAt.storedValue,
            ])
        return try db.lastInsertedID()
    }

    func update(_ claim: Claim, db: any SQLDatabase) throws {
        try db.execute(
            sql: "UPDATE claim SET amount_minor = ?, proof = ?, state = ?, reason = ?, decided_by = ?, updated_at = ? WHERE id = ?",
            arguments: [claim.amountMinor, claim.proof, claim.state.rawValue, claim.reason, claim.decidedBy, claim.updatedAt.storedValue, claim.id])
    }

    /// After a claim changed (or was created): its audit line; the managers' review of the
    /// previous waiting state re-rendered as decided; a new review when it waits again; the
    /// organisation told (once: the outbox key names the audit line).
    func claimChanged(_ claim: Claim, from: Claim.State?, actor: String, detail: String?, settings: DealSettings, now: Date, db: any SQLDatabase) throws {
        let previousReview = try Int64.fetchOne(
            db, sql: "SELECT MAX(id) FROM claim_event WHERE claim_id = ? AND to_state IN ('submitted', 'claimed')", arguments: [claim.id])
        try db.execute(
            sql: "INSERT INTO claim_event (claim_id, at, actor, from_state, to_state, detail) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [claim.id, now.storedValue, actor, from?.rawValue, claim.state.rawValue, detail])
        let eventID = try db.lastInsertedID()
        let org = try PartnerOrg.find(claim.org, db: db)
        let deal = claim.dealID.map { "DR-\($0)" }
        if let previousReview, from == .submitted || from == .claimed {
            for copy in ["manager", "channel"] {
                let key = "claim:\(claim.id):review:\(previousReview):\(copy)"
                guard let target = try String.fetchOne(db, sql: "SELECT target FROM outbox_message WHERE dedupe_key = ?", arguments: [key]) else { continue }
                try enqueue(.update(ClaimText.review(claim, org: org, deal: deal), of: key, channel: target, dedupeKey: "\(key):\(eventID)"), in: db, now: now)
            }
        }
        if claim.isWaiting {
            for (copy, target) in reviewTargets(manager: org?.manager, settings: settings) {
                try enqueue(.post(ClaimText.review(claim, org: org, deal: deal), to: target, dedupeKey: "claim:\(claim.id):review:\(eventID):\(copy)"), in: db, now: now)
            }
        }
        if let notice = ClaimText.partnerNotice(claim, from: from, deal: deal), let channel = org?.channelID ?? Optional(claim.submittedBy) {
            try enqueue(.post(notice, to: channel, dedupeKey: "claim:\(claim.id):event:\(eventID)"), in: db, now: now)
        }
    }

    /// An approved SPIFF claim or MDF claim becomes a ledger row, approved for payment.
    func recordClaimEarning(_ claim: Claim, actor: String, now: Date, db: any SQLDatabase) throws {
        let detail =
            claim.kind == .spiff
            ? "\(claim.dealID.map { "DR-\($0)" } ?? "") under \(claim.announcementID ?? "")" : "“\(claim.activity ?? "")” on \(claim.activityDate ?? "")"
        try db.execute(
            sql: """
                INSERT INTO earning (org, source, reference, deal_id, amount_minor, currency, state, detail, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, 'approved', ?, ?, ?) ON CONFLICT (source, reference) DO NOTHING
                """,
            arguments: [claim.org, claim.kind.rawValue, claim.reference, claim.dealID, claim.amountMinor, claim.currency, detail, now.storedValue, now.storedValue])
        guard db.changesCount == 1 else { return }
        try earningChanged(try db.lastInsertedID(), from: nil, to: "approved", actor: actor, detail: detail, now: now, db: db)
    }

    /// A won deal turned out lost: its SPIFF claims waiting for a decision are rejected and the
    /// approved ones reversed (a paid one stays paid: recovering it is finance's business).
    func withdrawSpiffClaims(of deal: Deal, actor: String, settings: DealSettings, now: Date, db: any SQLDatabase) throws {
        let claims = try Claim.fetchAll(
            db, sql: "SELECT * FROM claim WHERE kind = 'spiff' AND deal_id = ? AND state IN ('submitted', 'approved')", arguments: [deal.id])
        for var claim in claims {
            let reason = "\(deal.reference) was marked lost"
            if let earning = try Earning.fetchOne(
                db, sql: "SELECT * FROM earning WHERE source = 'spiff' AND reference = ? AND state IN ('earned', 'approved')", arguments: [claim.reference])
            {
                try db.execute(sql: "UPDATE earning SET state = 'reversed', updated_at = ? WHERE id = ?", arguments: [now.storedValue, earning.id])
                try earningChanged(earning.id, from: earning.state, to: "reversed", actor: actor, detail: reason, now: now, db: db)
            } else if claim.state == .approved {
                continue
            }
            let from = claim.state
            (claim.state, claim.reason, claim.decidedBy, claim.updatedAt) = (.rejected, reason, actor, now)
            try update(claim, db: db)
            try claimChanged(claim, from: from, actor: actor, detail: reason, settings: settings, now: now, db: db)
        }
    }
}
