import Foundation
import GRDB

extension AppDatabase {
    /// A deal change's effect on the ledger, in the change's transaction: won earns the
    /// commission its rule gives; won turned lost reverses it. The partner hears of each once.
    func recordCommission(for change: DealChange, by actor: String, settings: DealSettings, now: Date, db: any SQLDatabase) throws {
        let deal = change.deal
        guard let dealID = deal.id else { return }
        switch change.action {
        case .won:
            guard let org = try PartnerOrg.find(deal.org, db: db),
                let amount = deal.amountMinor.map({ Money(minorUnits: $0, currency: deal.currency ?? Money.defaultCurrency) }),
                let (commission, rule) = settings.commission.commission(amount: amount, motion: deal.motion.flatMap(DealMotion.init), tier: org.tier)
            else { return }
            let detail = "\(rule.percentText) of \(amount) on \(deal.reference)"
            try db.execute(
                sql: """
                    INSERT INTO earning (org, source, reference, deal_id, amount_minor, currency, state, detail, created_at, updated_at)
                    VALUES (?, 'commission', ?, ?, ?, ?, 'earned', ?, ?, ?) ON CONFLICT (source, reference) DO NOTHING
                    """,
                arguments: [deal.org, deal.reference, dealID, commission.minorUnits, commission.currency, detail, now.storedValue, now.storedValue])
            guard db.changesCount == 1 else { return }
            try earningChanged(try db.lastInsertedID(), from: nil, to: "earned", actor: actor, detail: detail, now: now, db: db)
        case .lost where change.from == .won:
            try withdrawSpiffClaims(of: deal, actor: actor, settings: settings, now: now, db: db)
            guard let id = try Int64.fetchOne(
                db, sql: "SELECT id FROM earning WHERE source = 'commission' AND reference = ? AND state <> 'reversed'", arguments: [deal.reference])
            else { return }
            let from = try String.fetchOne(db, sql: "SELECT state FROM earning WHERE id = ?", arguments: [id])
            try db.execute(sql: "UPDATE earning SET state = 'reversed', updated_at = ? WHERE id = ?", arguments: [now.storedValue, id])
            try earningChanged(id, from: from, to: "reversed", actor: actor, detail: "\(deal.reference) was marked lost", now: now, db: db)
        default:
            return
        }
    }

    /// Audits a state change and tells the organisation's channel, once (its outbox key).
    func earningChanged(_ id: Int64, from: String?, to: String, actor: String, detail: String?, now: Date, db: any SQLDatabase) throws {
        try db.execute(
            sql: "INSERT INTO earning_event (earning_id, at, actor, from_state, to_state, detail) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [id, now.storedValue, actor, from, to, detail])
        guard let earning = try Earning.fetchOne(db, sql: "SELECT * FROM earning WHERE id = ?", arguments: [id]),
            let channel = try PartnerOrg.find(earning.org, db: db)?.channelID
        else { return }
        try enqueue(.post(EarningText.notice(earning, change: detail), to: channel, dedupeKey: "earning:\(id):\(to)"), in: db, now: now)
    }
}
