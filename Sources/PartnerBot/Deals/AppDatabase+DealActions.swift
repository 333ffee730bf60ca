import Foundation
import GRDB
import SlackPlatform

extension AppDatabase {
    /// Applies a manager decision or a partner answer to a deal, with its audit line and messages
    /// in the same transaction. Repeating a change that already happened changes nothing.
    /// - Returns: `.notFound` when the deal does not exist or the caller may not see it.
    public func applyDealAction(_ action: DealAction, to id: Int64, by caller: Caller, settings: DealSettings, now: Date) async throws -> DealActionOutcome {
        try await groupCommit.write { db in
            guard var deal = try Deal.fetchOne(db, key: id) else { return .notFound }
            if action.isManagerAction {
                guard caller.canManage(org: deal.org) else { return .notFound }
            } else {
                guard caller.partnerOrg == deal.org else { return .notFound }
            }
            if deal.status == .approved, deal.effectiveStatus(at: now) == .expired, action != .extend {
                try self.expire(deal, time: .live(now), db: db)
                deal.status = .expired
            }
            let before = deal.status
            var detail: String?
            var notice: String? = action.name
            switch action {
            case .approve:
                switch deal.status {
                case .approved, .won, .lost, .expired:
                    return .unchanged(deal, summary: "\(deal.reference) is already \(deal.status.label)\(deal.decidedBy.map { " (decided by <@\($0)>)" } ?? "").")
                case .declined:
                    return .invalid("\(deal.reference) was declined\(deal.decidedBy.map { " by <@\($0)>" } ?? ""); it cannot be approved now. The partner can register again.")
                case .conflict:
                    if let holderID = deal.conflictWith, var holder = try Deal.fetchOne(db, key: holderID), holder.status.isActive {
                        let holderBefore = holder.status
                        holder.status = .declined
                        holder.reason = "the conflict on this customer was resolved in favour of another registration"
                        holder.decidedBy = caller.userID
                        holder.decidedAt = now
                        holder.updatedAt = now
                        try holder.update(db)
                        let holderAudit = try self.audit(holder, actor: caller.userID, action: "superseded", from: holderBefore, detail: "by \(deal.reference)", now: now, db: db)
                        try self.refreshReview(holder, auditID: holderAudit, now: now, db: db)
                        try self.notifyPartner(holder, action: "superseded", auditID: holderAudit, now: now, db: db)
                        detail = "conflict resolved against \(holder.reference)"
                    }
                    try Self.checkCustomerFree(deal, db: db)
                case .pending, .needsInfo:
                    break
                }
                deal.status = .approved
                deal.protectionStart = now
                deal.protectionEnd = now.addingTimeInterval(TimeInterval(settings.policy.protectionDays * 86_400))
                deal.stage = settings.policy.stages.first
                deal.decidedBy = caller.userID
                deal.decidedAt = now
                deal.question = nil
            case .decline(let reason):
                guard deal.status.awaitsDecision else {
                    if deal.status == .declined { return .unchanged(deal, summary: "\(deal.reference) is already declined.") }
                    return .invalid("\(deal.reference) is \(deal.status.label): only pending, needs-info or conflicting registrations can be declined.")
                }
                deal.status = .declined
                deal.reason = reason
                deal.decidedBy = caller.userID
                deal.decidedAt = now
                detail = reason
            case .needInfo(let question):
                guard deal.status == .pending || deal.status == .needsInfo else {
                    return .invalid("\(deal.reference) is \(deal.status.label): questions can only be asked on pending registrations.")
                }
                if deal.status == .needsInfo, deal.question == question { return .unchanged(deal, summary: "That question was already sent for \(deal.reference).") }
                deal.status = .needsInfo
                deal.question = question
                deal.decidedBy = caller.userID
                deal.decidedAt = now
                detail = question
            case .answer(let text):
                guard deal.status == .needsInfo else {
                    return .invalid("\(deal.reference) has no open question (it is \(deal.status.label)).")
                }
                deal.status = .pending
                deal.slaDueAt = now.addingTimeInterval(TimeInterval(settings.policy.approvalSLAHours * 3600))
                deal.decidedBy = nil
                deal.decidedAt = nil
                detail = "Q: \(deal.question ?? "") A: \(text)"
                deal.note = [deal.note, "Answer to \"\(deal.question ?? "")\": \(text)"].compactMap { $0 }.joined(separator: "\n")
                deal.question = nil
                notice = nil
            case .extend:
                guard deal.status == .approved, let end = deal.protectionEnd else {
                    return .invalid("\(deal.reference) is \(deal.status.label): only approved deals under protection can be extended.")
                }
                guard deal.extensions < settings.policy.maxExtensions else {
                    return .invalid("\(deal.reference) was already extended \(deal.extensions) time(s); the policy allows \(settings.policy.maxExtensions).")
                }
                deal.protectionEnd = max(end, now).addingTimeInterval(TimeInterval(settings.policy.extensionDays * 86_400))
                deal.extensions += 1
                detail = "protection until \(DisplayTime.day(deal.protectionEnd!))"
            case .stage(let stage):
                guard deal.status == .approved else {
                    return .invalid("\(deal.reference) is \(deal.status.label): only approved deals move through stages.")
                }
                guard settings.policy.stages.contains(stage) else {
                    return .invalid("`\(stage)` is not a stage. Stages: \(settings.policy.stages.joined(separator: ", ")); close with `won` or `lost`.")
                }
                if deal.stage == stage { return .unchanged(deal, summary: "\(deal.reference) is already at stage \(stage).") }
                deal.stage = stage
                detail = stage
            case .won:
                if deal.status == .won { return .unchanged(deal, summary: "\(deal.reference) is already won.") }
                guard deal.status == .approved else { return .invalid("\(deal.reference) is \(deal.status.label): only approved deals can be closed won.") }
                deal.status = .won
            case .lost(let reason):
                if deal.status == .lost { return .unchanged(deal, summary: "\(deal.reference) is already lost.") }
                guard deal.status == .approved else { return .invalid("\(deal.reference) is \(deal.status.label): only approved deals can be closed lost.") }
                deal.status = .lost
                deal.reason = reason
                detail = reason
            }
            deal.updatedAt = now
            try deal.update(db)
            switch action {
            case .extend, .won, .lost, .decline: try self.cancelPendingAlerts(dealID: id, db: db)
            default: break
            }
            let auditID = try self.audit(deal, actor: caller.userID, action: action.name, from: before, detail: detail, now: now, db: db)
            try self.refreshReview(deal, auditID: auditID, now: now, db: db)
            if let notice { try self.notifyPartner(deal, action: notice, auditID: auditID, now: now, db: db) }
            if case .answer(let text) = action {
                try self.notifyManagersOfAnswer(deal, answer: text, auditID: auditID, settings: settings, now: now, db: db)
            }
            return .changed(deal, summary: Self.summary(of: action, deal: deal))
        }
    }

    /// Refuses to approve a conflicting registration while another active one still holds the customer.
    private static func checkCustomerFree(_ deal: Deal, db: Database) throws {
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

    private func notifyManagersOfAnswer(_ deal: Deal, answer: String, auditID: Int64, settings: DealSettings, now: Date, db: Database) throws {
        let org = try PartnerOrg.find(deal.org, db: db)
        let text = "💬 <@\(deal.submittedBy)> answered on \(deal.reference) (\(Mrkdwn.escape(deal.customerName))): \(Mrkdwn.escape(answer)) — it is pending again."
        for (copy, target) in reviewTargets(manager: org?.manager, settings: settings) {
            try enqueue(.post(.init(text: text), to: target, dedupeKey: "deal:\(deal.id!):answer:\(auditID):\(copy)"), in: db, now: now)
        }
    }

    private static func summary(of action: DealAction, deal: Deal) -> String {
        switch action {
        case .approve: "Approved \(deal.reference) (\(Mrkdwn.escape(deal.customerName))): protected until \(deal.protectionEnd.map(DisplayTime.day) ?? "?")."
        case .decline: "Declined \(deal.reference) (\(Mrkdwn.escape(deal.customerName))). The partner was told why."
        case .needInfo: "Asked the partner about \(deal.reference); it is now needs info."
        case .answer: "Thanks — your answer on \(deal.reference) was sent to the partner managers; it is pending again."
        case .extend: "Extended \(deal.reference): protected until \(deal.protectionEnd.map(DisplayTime.day) ?? "?") (extension \(deal.extensions))."
        case .stage(let stage): "\(deal.reference) moved to stage \(stage)."
        case .won: "\(deal.reference) closed won."
        case .lost: "\(deal.reference) closed lost."
        }
    }
}

/// Deal storage failures that are not plain database errors.
public enum DealStoreError: Error, Sendable, Equatable {
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
