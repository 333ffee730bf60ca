import CRM
import Foundation
import GRDB
import SlackPlatform

extension AppDatabase {
    /// Registers a deal for `org`, enforcing customer uniqueness and the conflict hierarchy, with
    /// its audit line in the same transaction. The managers' review notices are enqueued by the
    /// next ``dispatchDealReviews(settings:now:limit:)`` (``DealReviewDispatcher``), which every
    /// committed registration reaches, after a restart too.
    public func registerDeal(
        _ request: RegistrationRequest, org: String, userID: String, teamID: String, channelID: String?,
        settings: DealSettings, now: Date, crmMatches: [CRMOpportunity]? = nil
    ) async throws -> RegistrationOutcome {
        try await store.groupWrite { db in
            try self.registerDeal(
                request, org: org, userID: userID, teamID: teamID, channelID: channelID, settings: settings, now: now, crmMatches: crmMatches, db: db)
        }
    }

    /// Registers a deal for a signed user: who they are (and their first-seen membership) is
    /// resolved in the same group-committed write as the registration, so one request costs
    /// one trip to the writer.
    /// - Returns: The outcome, or `nil` with the caller when the user may not register.
    public func registerDeal(
        _ request: RegistrationRequest, by user: ActingUser, channelID: String?, roles: Roles,
        settings: DealSettings, now: Date, crmMatches: [CRMOpportunity]? = nil
    ) async throws -> (caller: Caller, outcome: RegistrationOutcome?) {
        let (userID, teamID) = (user.userID, user.teamID)
        return try await store.groupWrite { db in
            let caller = try Self.caller(user, roles: roles, db: db)
            guard let org = caller.partnerOrg else { return (caller, nil) }
            if !caller.isMemberRecorded { try Self.recordMember(userID: userID, teamID: teamID, org: org, now: now, db: db) }
            let outcome = try self.registerDeal(
                request, org: org, userID: userID, teamID: teamID, channelID: channelID, settings: settings, now: now, crmMatches: crmMatches,
                db: db)
            return (caller, outcome)
        }
    }

    func registerDeal(
        _ request: RegistrationRequest, org: String, userID: String, teamID: String, channelID: String?,
        settings: DealSettings, now: Date, crmMatches: [CRMOpportunity]? = nil, db: any SQLDatabase
    ) throws -> RegistrationOutcome {
        try holdReviewDispatch(db)
        if settings.policy.requireCertificationToRegister, try Self.lacksRequiredCertification(org: org, db: db, now: now) {
            return .refused(.certificationRequired)
        }
        let key = CustomerIdentity.key(for: request.company)
        // The same customer: by normalized name, or by domain. Two indexed lookups (an OR across
        // columns would make SQLite scan the organisation's deals).
        // Ids first: a new customer, the usual case, then costs a few index probes and no row
        // decoding. Active registrations and conflicts have their own partial indexes.
        var ids = try Int64.fetchAll(db.cachedStatement(sql: CustomerLookup.activeByKey), arguments: [key])
        ids += try Int64.fetchAll(db.cachedStatement(sql: CustomerLookup.conflictsByKey), arguments: [key])
        if let domain = request.domain {
            ids += try Int64.fetchAll(db.cachedStatement(sql: CustomerLookup.activeByDomain), arguments: [domain, key])
            ids += try Int64.fetchAll(db.cachedStatement(sql: CustomerLookup.conflictsByDomain), arguments: [domain, key])
        }
        let sameCustomer = try ids.isEmpty ? [] : Deal.fetchAll(db, keys: ids).sorted { ($0.id ?? 0) < ($1.id ?? 0) }
        if let mine = sameCustomer.first(where: { $0.org == org }) {
            if mine.effectiveStatus(at: now) != .expired { return .existing(mine) }
            try expire(mine, time: .live(now), db: db)
        }
        var holder = sameCustomer.first { $0.status.isActive && $0.org != org }
        if let current = holder, current.effectiveStatus(at: now) == .expired {
            try expire(current, time: .live(now), db: db)
            holder = nil
        }
        var deal = Deal(
            id: nil, org: org, customerName: request.company, customerKey: key, domain: request.domain,
            amountMinor: request.amount?.minorUnits, currency: request.amount?.currency, closeDate: request.closeDate?.description,
            contact: request.contact, motion: request.motion?.rawValue, source: request.source?.rawValue, note: request.note,
            status: holder == nil ? .pending : .conflict, stage: nil, submittedBy: userID, submittedTeam: teamID, channelID: channelID,
            createdAt: now, updatedAt: now, slaDueAt: now.addingTimeInterval(TimeInterval(settings.policy.approvalSLAHours * 3600)),
            decidedAt: nil, decidedBy: nil, reason: nil, question: nil, protectionStart: nil, protectionEnd: nil, extensions: 0,
            conflictWith: holder?.id)
        try deal.insertNew(db)
        try audit(deal, actor: userID, action: holder == nil ? "registered" : "conflict", from: nil, detail: holder.map { "conflicts with \($0.reference)" }, now: now, db: db)
        // The CRM answered in time: its open opportunities are in the review notices from the start.
        if let crmMatches { try storeCRMMatches(crmMatches, dealID: deal.id!, now: now, db: db) }
        // The review notices follow in the dispatcher's next batch (``dispatchDealReviews``).
        wakeReviewDispatchAfterCommit(db)
        return holder == nil ? .registered(deal) : .conflict(deal)
    }

    /// Where review messages go: the organisation's manager (DM) and the managers' channel.
    func reviewTargets(manager: String?, settings: DealSettings) -> [(copy: String, target: String)] {
        var targets: [(String, String)] = []
        if let manager { targets.append(("manager", manager)) }
        if let channel = settings.managersChannel { targets.append(("channel", channel)) }
        return targets
    }

    static func conflictView(challenger: Deal, holder: Deal, db: any SQLDatabase, now: Date) throws -> DealText.ConflictView {
        let incumbents = try String.fetchSet(db, sql: "SELECT org FROM incumbent WHERE customer_key = ?", arguments: [challenger.customerKey])
        let facts = ConflictPolicy.Facts(
            holderApproved: holder.status == .approved, holderIncumbent: incumbents.contains(holder.org),
            challengerIncumbent: incumbents.contains(challenger.org),
            holderCertified: try Self.isCertified(org: holder.org, db: db, now: now),
            challengerCertified: try Self.isCertified(org: challenger.org, db: db, now: now))
        let recommendation = ConflictPolicy.recommend(facts)
        return .init(holder: holder, holderOrg: try PartnerOrg.find(holder.org, db: db), recommendation: recommendation.side, rule: recommendation.rule)
    }

    /// Appends an audit line, and queues the deal for the CRM in the same transaction (every
    /// audited change is one the CRM should hold; a new registration is also looked up there).
    @discardableResult
    func audit(_ deal: Deal, actor: String, action: String, from: Deal.Status?, detail: String?, now: Date, db: any SQLDatabase) throws -> Int64 {
        try db.cachedStatement(sql: "INSERT INTO deal_audit (deal_id, at, actor, action, from_status, to_status, detail) VALUES (?, ?, ?, ?, ?, ?, ?)")
            .execute(arguments: [deal.id, now.storedValue, actor, action, from?.rawValue, deal.status.rawValue, detail])
        let auditID = try db.lastInsertedID()
        if let id = deal.id, action != "comment", crmSyncEnabled.load(ordering: .acquiring) {
            try queueCRMSync(dealID: id, lookup: from == nil, now: now, db: db)
        }
        return auditID
    }

    /// Marks an approved deal whose protection ended as expired, and tells both sides. The change,
    /// its audit entry and both notices are stamped with the pass's real time (the notices are
    /// deliverable at once); a replayed pass's audit entry names the moment it evaluated.
    func expire(_ deal: Deal, time: AlertPassTime, db: any SQLDatabase) throws {
        let now = time.ranAt
        var deal = deal
        deal.status = .expired
        deal.updatedAt = now
        try deal.update(db)
        let note = time.auditNote
        let auditID = try audit(deal, actor: "system", action: "expired", from: .approved, detail: note.isEmpty ? nil : note, now: now, db: db)
        try notifyPartner(deal, action: "expired", auditID: auditID, now: now, db: db)
        if let manager = try PartnerOrg.find(deal.org, db: db)?.manager {
            try enqueue(.post(DealText.expiredToManager(deal), to: manager, dedupeKey: "deal:\(deal.id!):expired:manager"), in: db, now: now)
        }
    }

    /// Posts a notice to the partner: their shared channel, else where they registered.
    func notifyPartner(_ deal: Deal, action: String, auditID: Int64, now: Date, db: any SQLDatabase) throws {
        let org = try PartnerOrg.find(deal.org, db: db)
        guard let channel = org?.channelID ?? deal.channelID else { return }
        var notice = DealText.partnerNotice(deal, action: action, now: now)
        if action == "won" {
            notice = ClaimText.offering(try openSpiffs(org: deal.org, on: CalendarDate(now), db: db), for: deal.reference, in: notice)
        }
        try enqueue(.post(notice, to: channel, dedupeKey: "deal:\(deal.id!):notice:\(auditID)"), in: db, now: now)
    }

    /// The managers' review message of a deal as it is now (with the conflict and its
    /// recommendation while it is in conflict).
    func reviewMessage(for deal: Deal, db: any SQLDatabase, now: Date) throws -> MessageReply {
        let org = try PartnerOrg.find(deal.org, db: db)
        var conflict: DealText.ConflictView?
        if deal.status == .conflict, let holderID = deal.conflictWith, let holder = try Deal.fetchOne(db, key: holderID) {
            conflict = try Self.conflictView(challenger: deal, holder: holder, db: db, now: now)
        }
        return DealText.review(deal, org: org, conflict: conflict, crmMatches: try crmMatches(dealID: deal.id ?? 0, db: db), now: now)
    }

    /// Re-renders the managers' review messages of a deal (both copies) after a change.
    func refreshReview(_ deal: Deal, auditID: Int64, now: Date, db: any SQLDatabase) throws {
        try refreshReview(deal, change: "\(auditID)", now: now, db: db)
    }

    /// Re-renders the managers' review messages of a deal; `change` names the update (its dedupe key).
    func refreshReview(_ deal: Deal, change: String, now: Date, db: any SQLDatabase) throws {
        let review = try reviewMessage(for: deal, db: db, now: now)
        let copies = try SQLRow.fetchAll(
            db, sql: "SELECT dedupe_key, target FROM outbox_message WHERE dedupe_key IN (?, ?)",
            arguments: ["deal:\(deal.id!):review:manager", "deal:\(deal.id!):review:channel"])
        for copy in copies {
            let key: String = copy["dedupe_key"]
            try enqueue(.update(review, of: key, channel: copy["target"], dedupeKey: "\(key):update:\(change)"), in: db, now: now)
        }
    }

    /// Whether certifications gate this organisation's registration. The gate applies once the
    /// program has any valid certification at all.
    static func lacksRequiredCertification(org: String, db: any SQLDatabase, now: Date) throws -> Bool {
        let today = CalendarDate(now).description
        let programHasCertifications = try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM certification WHERE state = 'active' AND expires_on > ?)", arguments: [today]) ?? false
        return try programHasCertifications && !isCertified(org: org, db: db, now: now)
    }

    /// Whether an organisation holds an active certification (the conflict tiebreaker).
    static func isCertified(org: String, db: any SQLDatabase, now: Date) throws -> Bool {
        try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM certification WHERE org = ? AND state = 'active' AND expires_on > ?)",
            arguments: [org, CalendarDate(now).description]) ?? false
    }
}

/// The lookups that find registrations of the same customer, each served by a partial index.
enum CustomerLookup {
    /// Active registrations by customer key (`deal_active_customer`).
    static let activeByKey = "SELECT id FROM deal WHERE customer_key = ? AND status IN ('pending', 'needs_info', 'approved')"
    /// Conflicting registrations by customer key (`deal_conflict_customer`).
    static let conflictsByKey = "SELECT id FROM deal WHERE customer_key = ? AND status = 'conflict'"
    /// Active registrations of another key by domain (`deal_active_domain`).
    static let activeByDomain = "SELECT id FROM deal WHERE domain = ? AND customer_key != ? AND status IN ('pending', 'needs_info', 'approved')"
    /// Conflicting registrations of another key by domain (`deal_conflict_domain`).
    static let conflictsByDomain = "SELECT id FROM deal WHERE domain = ? AND customer_key != ? AND status = 'conflict'"

    /// Each lookup with the index it must use.
    static let all = [
        (activeByKey, "deal_active_customer"), (conflictsByKey, "deal_conflict_customer"),
        (activeByDomain, "deal_active_domain"), (conflictsByDomain, "deal_conflict_domain"),
    ]
}
