import Foundation
import GRDB

/// A partner's SPIFF claim, as typed or submitted in the modal.
public struct SpiffClaimRequest: Sendable, Equatable {
    public var announcement: String
    public var dealID: Int64
    /// An https link.
    public var proof: String?
    public var note: String?

    public init(announcement: String, dealID: Int64, proof: String? = nil, note: String? = nil) {
        self.announcement = announcement
        self.dealID = dealID
        self.proof = proof
        self.note = note
    }
}

/// A partner's MDF request.
public struct MDFRequest: Sendable, Equatable {
    public var amount: Money
    public var activity: String
    public var date: CalendarDate
}

extension AppDatabase {
    /// Records a SPIFF claim after checking it against the SPIFF's terms, and asks the
    /// organisation's manager to decide.
    public func submitSpiffClaim(
        _ request: SpiffClaimRequest, announcement: Announcement, terms: SpiffTerms, by caller: Caller, settings: DealSettings, now: Date
    ) async throws -> ClaimOutcome {
        guard let org = caller.partnerOrg else { return .notFound(request.announcement) }
        let reference = "DR-\(request.dealID)"
        return try await store.groupWrite { db in
            let facts = try self.spiffFacts(request, announcement: announcement, terms: terms, org: org, now: now, db: db)
            switch terms.check(facts, announcement: announcement.id, reference: reference) {
            case .failure(let refusal):
                return .refused(refusal)
            case .success(let amount):
                var claim = Claim(
                    id: 0, kind: .spiff, org: org, announcementID: announcement.id, dealID: request.dealID, amountMinor: amount.minorUnits,
                    currency: amount.currency, proof: request.proof, note: request.note, state: .submitted, submittedBy: caller.userID,
                    createdAt: now, updatedAt: now)
                claim.id = try self.insert(claim, db: db)
                try self.claimChanged(claim, from: nil, actor: caller.userID, detail: nil, settings: settings, now: now, db: db)
                return .changed("📝 \(claim.reference) submitted: \(amount) for \(reference) under `\(announcement.id)`. Your partner manager decides; you will hear here.")
            }
        }
    }

    private func spiffFacts(
        _ request: SpiffClaimRequest, announcement: Announcement, terms: SpiffTerms, org: String, now: Date, db: any SQLDatabase
    ) throws -> SpiffClaimFacts {
        let deal = try Deal.fetchOne(db, key: request.dealID).flatMap { $0.org == org ? $0 : nil }
        let closedAt = try Date.fetchOne(db, sql: "SELECT closed_at FROM deal WHERE id = ?", arguments: [request.dealID])
        let existing = try Claim.fetchOne(
            db, sql: "SELECT * FROM claim WHERE kind = 'spiff' AND announcement_id = ? AND deal_id = ? AND state <> 'rejected'",
            arguments: [announcement.id, request.dealID])
        let sofar = try SQLRow.fetchOne(
            db,
            sql: """
                SELECT COUNT(*) AS n, COALESCE(SUM(CASE WHEN currency = ? THEN amount_minor END), 0) AS total FROM claim
                WHERE kind = 'spiff' AND announcement_id = ? AND org = ? AND state <> 'rejected'
                """,
            arguments: [terms.capCurrency, announcement.id, org])
        return SpiffClaimFacts(
            deal: deal, wonOn: closedAt.map(CalendarDate.init), inAudience: try isInAudience(announcement, org: org, now: now, db: db),
            existing: existing, claimsSoFar: sofar?["n"] ?? 0, amountSoFar: sofar?["total"] ?? 0, proof: request.proof, note: request.note)
    }

    /// Whether the organisation is in an announcement's audience now, or was sent it.
    private func isInAudience(_ announcement: Announcement, org: String, now: Date, db: any SQLDatabase) throws -> Bool {
        if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM announcement_org WHERE announcement_id = ? AND org = ?)", arguments: [announcement.id, org]) == true {
            return true
        }
        guard let record = try PartnerOrg.find(org, db: db),
            announcement.audience.includes(org: org, type: record.type, tier: record.tier, region: record.region)
        else { return false }
        guard let track = announcement.requiresCertification else { return true }
        return try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM certification WHERE org = ? AND track = ? AND state = 'active' AND expires_on > ?)",
            arguments: [org, track, CalendarDate(now).description]) ?? false
    }

    /// Records an MDF request against the organisation's quarterly budget, and asks its manager.
    public func requestMDF(_ request: MDFRequest, budgets: MDFBudgets, by caller: Caller, settings: DealSettings, now: Date) async throws -> ClaimOutcome {
        guard let org = caller.partnerOrg else { return .notFound("MDF") }
        return try await store.groupWrite { db in
            guard let record = try PartnerOrg.find(org, db: db) else { return .notFound("MDF") }
            let quarter = MDFBudgets.quarter(of: request.date)
            let used = try Int64.fetchOne(
                db,
                sql: "SELECT COALESCE(SUM(amount_minor), 0) FROM claim WHERE kind = 'mdf' AND org = ? AND budget_quarter = ? AND currency = ? AND state <> 'rejected'",
                arguments: [org, quarter, request.amount.currency]) ?? 0
            switch budgets.check(amount: request.amount, date: request.date, tier: record.tier, used: used, today: CalendarDate(now)) {
            case .failure(let refusal):
                return .refused(refusal)
            case .success(let quarter):
                var claim = Claim(
                    id: 0, kind: .mdf, org: org, amountMinor: request.amount.minorUnits, currency: request.amount.currency, activity: request.activity,
                    activityDate: request.date.description, budgetQuarter: quarter, state: .submitted, submittedBy: caller.userID, createdAt: now, updatedAt: now)
                claim.id = try self.insert(claim, db: db)
                try self.claimChanged(claim, from: nil, actor: caller.userID, detail: nil, settings: settings, now: now, db: db)
                let left = Money(minorUnits: (budgets.quarterly[record.tier]?.minorUnits ?? 0) - used - request.amount.minorUnits, currency: request.amount.currency)
                return .changed("📝 \(claim.reference) requested: \(request.amount) for “\(request.activity)” on \(request.date) (\(left) left in \(MDFBudgets.label(quarter))). Your partner manager decides.")
            }
        }
    }

    /// Claims an approved MDF request after its activity, with proof (and the amount spent, at most the approved one).
    public func claimMDF(id: Int64, proof: String, amount: Money?, by caller: Caller, settings: DealSettings, now: Date) async throws -> ClaimOutcome {
        try await store.groupWrite { db in
            let reference = "MDF-\(id)"
            guard var claim = try Claim.fetchOne(db, sql: "SELECT * FROM claim WHERE id = ? AND kind = 'mdf'", arguments: [id]), claim.org == caller.partnerOrg else {
                return .notFound(reference)
            }
            if claim.state == .claimed || claim.state == .completed { return .unchanged("\(reference) is already \(claim.state.rawValue).") }
            guard claim.state == .approved else { return .refused(.mdfNotApproved(reference, state: claim.state.rawValue)) }
            if let date = claim.activityDate, let day = CalendarDate(iso: date), CalendarDate(now) < day { return .refused(.activityNotDone(reference, date: date)) }
            if let amount {
                guard amount.currency == claim.currency else { return .refused(.mdfCurrencyChanged(claim.currency)) }
                guard amount.minorUnits <= claim.amountMinor else { return .refused(.mdfAmountAboveApproved(approved: claim.amount.description)) }
                claim.amountMinor = amount.minorUnits
            }
            let from = claim.state
            (claim.state, claim.proof, claim.reason, claim.updatedAt) = (.claimed, proof, nil, now)
            try self.update(claim, db: db)
            try self.claimChanged(claim, from: from, actor: caller.userID, detail: proof, settings: settings, now: now, db: db)
            return .changed("📝 \(reference) claimed: \(claim.amount) with proof. Your partner manager decides.")
        }
    }
}
