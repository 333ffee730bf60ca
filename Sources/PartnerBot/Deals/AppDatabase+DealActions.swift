import Foundation
import GRDB
import SlackPlatform

extension AppDatabase {
    /// Applies a manager decision or a partner answer to a deal: `Deal.apply` decides, and a
    /// change is persisted with its audit line and messages in the same transaction. Repeating a
    /// change that already happened changes nothing.
    /// - Returns: What happened (`.notFound` when the deal does not exist or the caller may not see it).
    /// - Throws: `DealStoreError.customerHeld` when approving a conflict while another registration
    ///   still holds the customer.
    public func applyDealAction(_ action: DealAction, to id: Int64, by caller: Caller, settings: DealSettings, now: Date) async throws -> DealTransition {
        try await store.groupWrite { db in
            try self.applyDealAction(action, to: id, by: caller, settings: settings, now: now, db: db)
        }
    }

    /// ``applyDealAction(_:to:by:settings:now:)`` in the caller's transaction.
    func applyDealAction(_ action: DealAction, to id: Int64, by caller: Caller, settings: DealSettings, now: Date, db: any SQLDatabase) throws -> DealTransition {
        guard var deal = try Deal.fetchOne(db, key: id), action.permission.covers(caller, org: deal.org) else { return .notFound }
        if deal.expiresBefore(action, at: now) {
            try expire(deal, time: .live(now), db: db)
            deal.status = .expired
        }
        let holder = deal.status == .conflict ? try deal.conflictWith.flatMap { try Deal.fetchOne(db, key: $0) } : nil
        let transition = deal.apply(action, by: caller, policy: settings.policy, now: now, holder: holder)
        if case .changed(let change) = transition {
            try persist(change, by: caller, settings: settings, now: now, db: db)
        }
        return transition
    }

    /// Writes a change: the superseded side of a conflict first, then the deal, its audit line,
    /// the refreshed review messages and the notices the change names.
    private func persist(_ change: DealChange, by caller: Caller, settings: DealSettings, now: Date, db: any SQLDatabase) throws {
        if let superseded = change.superseded {
            try superseded.deal.update(db)
            let auditID = try audit(
                superseded.deal, actor: caller.userID, action: "superseded", from: superseded.from, detail: "by \(change.deal.reference)", now: now, db: db)
            try refreshReview(superseded.deal, auditID: auditID, now: now, db: db)
            try notifyPartner(superseded.deal, action: "superseded", auditID: auditID, now: now, db: db)
        }
        if case .approve = change.action, change.from == .conflict { try Self.checkCustomerFree(change.deal, db: db) }
        try change.deal.update(db)
        if change.action.closes {
            try db.cachedStatement(sql: "UPDATE deal SET closed_at = ? WHERE id = ?").execute(arguments: [now.storedValue, change.deal.id])
            try recordCommission(for: change, by: caller.userID, settings: settings, now: now, db: db)
        }
        if change.cancelsAlerts { try cancelPendingAlerts(dealID: change.deal.id!, db: db) }
        let auditID = try audit(change.deal, actor: caller.userID, action: change.action.name, from: change.from, detail: change.detail, now: now, db: db)
        try refreshReview(change.deal, auditID: auditID, now: now, db: db)
        for notice in change.notices {
            switch notice {
            case .partner(let action):
                try notifyPartner(change.deal, action: action, auditID: auditID, now: now, db: db)
            case .answerToManagers(let answer):
                let org = try PartnerOrg.find(change.deal.org, db: db)
                let message = DealText.answerToManagers(change.deal, answer: answer)
                for (copy, target) in reviewTargets(manager: org?.manager, settings: settings) {
                    try enqueue(.post(message, to: target, dedupeKey: "deal:\(change.deal.id!):answer:\(auditID):\(copy)"), in: db, now: now)
                }
            }
        }
    }

    /// Refuses to approve a conflicting registration while another active one still holds the customer.
    private static func checkCustomerFree(_ deal: Deal, db: any SQLDatabase) throws {
        var holders = try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM deal WHERE id != ? AND customer_key = ? AND status IN ('pending', 'needs_info', 'approved')",
            arguments: [deal.id, deal.customerKey]) ?? 0
        if let domain = deal.domain {
            holders += try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM deal WHERE id != ? AND domain = ? AND status IN ('pending', 'needs_info', 'approved')",
                arguments: [deal.id, domain]) ?? 0
        }
        if holders > 0 {
            throw DealStoreError.customerHeld(deal.reference)
        }
    }
}

/// Deal storage failures that are not plain database errors.
public enum DealStoreError: UserFacingError, Equatable {
    /// Another active registration still holds the customer.
    case customerHeld(String)

    /// What to tell the person who tried.
    public var userMessage: String {
        switch self {
        case .customerHeld(let reference):
            "\(reference) cannot be approved while another registration still holds the customer: decline that one first."
        }
    }
}
