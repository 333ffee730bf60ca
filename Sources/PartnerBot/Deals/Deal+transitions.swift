import Foundation

/// What applying a `DealAction` to a deal does. Decided by `Deal.apply`, a pure function;
/// storage persists a `.changed` one with its audit line and the notices it names.
public enum DealTransition: Sendable, Equatable {
    /// The deal changes.
    case changed(DealChange)
    /// Nothing to do (a double click, a retry).
    case unchanged(Deal, DealUnchanged)
    /// Not allowed from the deal's state.
    case refused(Deal, DealRefusal)
    /// No such deal visible to the caller: the same answer whether it exists or not.
    case notFound
}

/// A change to persist.
public struct DealChange: Sendable, Equatable {
    /// The deal after the change.
    public var deal: Deal
    /// Its status before.
    public var from: Deal.Status
    /// What was done.
    public var action: DealAction
    /// The audit line's detail: the reason, the question, the answer, the new end, the stage.
    public var detail: String?
    /// The registration that approving a conflict declines.
    public var superseded: Superseded?
    /// Who is told.
    public var notices: [DealNotice]
    /// Whether alerts still queued about the deal are moot (declined, extended, closed).
    public var cancelsAlerts: Bool
}

extension DealChange {
    /// A registration declined because the other side of its conflict was approved.
    public struct Superseded: Sendable, Equatable {
        /// The registration after the change.
        public var deal: Deal
        /// Its status before.
        public var from: Deal.Status
    }
}

/// A message a change sends, besides the refreshed review message managers see.
public enum DealNotice: Sendable, Equatable {
    /// The partner's channel hears of the change (`action` as audited, e.g. `approved`).
    case partner(action: String)
    /// The managers read the partner's answer.
    case answerToManagers(String)
}

/// Why an action changed nothing.
public enum DealUnchanged: Sendable, Equatable {
    /// Approving a deal already approved, won, lost or expired.
    case alreadyDecided
    /// Declining a declined deal.
    case alreadyDeclined
    /// Asking the question already asked.
    case sameQuestion
    /// Moving to the stage the deal is at.
    case alreadyAtStage(String)
    /// Closing a deal already closed that way.
    case alreadyClosed
}

/// Why an action is not allowed from the deal's state.
public enum DealRefusal: Sendable, Equatable {
    /// A declined registration cannot be approved; the partner registers again.
    case declinedCannotBeApproved
    /// Only pending, needs-info or conflicting registrations can be declined.
    case cannotDecline
    /// Questions only on pending registrations.
    case cannotAsk
    /// No open question to answer.
    case noOpenQuestion
    /// Only approved deals under protection can be extended.
    case cannotExtend
    /// The policy's extensions are used up.
    case extensionsUsedUp(allowed: Int)
    /// Only approved deals move through stages.
    case cannotChangeStage
    /// Not one of the configured stages.
    case unknownStage(String, stages: [String])
    /// Only approved deals can be closed (won or lost, as asked).
    case cannotClose(won: Bool)
}

extension Deal {
    /// The reason a registration superseded by another side of its conflict carries.
    static let supersededReason = "the conflict on this customer was resolved in favour of another registration"

    /// Whether the deal must be recorded as expired before `action` runs: an approved deal whose
    /// protection has ended reads as expired, except to an extension, which revives it.
    public func expiresBefore(_ action: DealAction, at now: Date) -> Bool {
        status == .approved && effectiveStatus(at: now) == .expired && action != .extend
    }

    /// Applies `action` by `caller`. Pure: the outcome depends on its arguments only.
    /// - Parameters:
    ///   - action: The change asked for.
    ///   - caller: Who asks: a manager of the deal's organisation, or (to answer) one of its partners.
    ///   - policy: Protection, extensions, stages, the approval SLA.
    ///   - now: When.
    ///   - holder: For a conflict: the active registration holding the customer, which approval declines.
    /// - Returns: The change to persist, or why there is none.
    public func apply(_ action: DealAction, by caller: Caller, policy: ProgramPolicy, now: Date, holder: Deal? = nil) -> DealTransition {
        guard action.permission.covers(caller, org: org) else { return .notFound }
        switch action {
        case .approve: return approved(by: caller, policy: policy, now: now, holder: holder)
        case .decline(let reason): return declined(reason, by: caller, now: now)
        case .needInfo(let question): return asked(question, by: caller, now: now)
        case .answer(let text): return answered(text, policy: policy, now: now)
        case .extend: return extended(policy: policy, now: now)
        case .stage(let stage): return moved(to: stage, policy: policy, now: now)
        case .won: return closed(won: true, reason: nil, now: now)
        case .lost(let reason): return closed(won: false, reason: reason, now: now)
        }
    }

    /// The change record for `action`, from this deal to `after`.
    private func change(
        _ action: DealAction, to after: Deal, now: Date, detail: String? = nil, notices: [DealNotice]? = nil,
        superseded: DealChange.Superseded? = nil, cancelsAlerts: Bool = false
    ) -> DealTransition {
        var after = after
        after.updatedAt = now
        return .changed(DealChange(
            deal: after, from: status, action: action, detail: detail, superseded: superseded,
            notices: notices ?? [.partner(action: action.name)], cancelsAlerts: cancelsAlerts))
    }

    private func approved(by caller: Caller, policy: ProgramPolicy, now: Date, holder: Deal?) -> DealTransition {
        var superseded: DealChange.Superseded?
        switch status {
        case .approved, .won, .lost, .expired: return .unchanged(self, .alreadyDecided)
        case .declined: return .refused(self, .declinedCannotBeApproved)
        case .conflict:
            if var holder, holder.status.isActive {
                let from = holder.status
                holder.status = .declined
                holder.reason = Self.supersededReason
                holder.decidedBy = caller.userID
                holder.decidedAt = now
                holder.updatedAt = now
                superseded = .init(deal: holder, from: from)
            }
        case .pending, .needsInfo: break
        }
        var deal = self
        deal.status = .approved
        deal.protectionStart = now
        deal.protectionEnd = now.addingTimeInterval(TimeInterval(policy.protectionDays * 86_400))
        deal.stage = policy.stages.first
        deal.decidedBy = caller.userID
        deal.decidedAt = now
        deal.question = nil
        return change(.approve, to: deal, now: now, detail: superseded.map { "conflict resolved against \($0.deal.reference)" }, superseded: superseded)
    }

    private func declined(_ reason: String, by caller: Caller, now: Date) -> DealTransition {
        guard status.awaitsDecision else {
            return status == .declined ? .unchanged(self, .alreadyDeclined) : .refused(self, .cannotDecline)
        }
        var deal = self
        deal.status = .declined
        deal.reason = reason
        deal.decidedBy = caller.userID
        deal.decidedAt = now
        return change(.decline(reason: reason), to: deal, now: now, detail: reason, cancelsAlerts: true)
    }

    private func asked(_ question: String, by caller: Caller, now: Date) -> DealTransition {
        guard status == .pending || status == .needsInfo else { return .refused(self, .cannotAsk) }
        if status == .needsInfo, self.question == question { return .unchanged(self, .sameQuestion) }
        var deal = self
        deal.status = .needsInfo
        deal.question = question
        deal.decidedBy = caller.userID
        deal.decidedAt = now
        return change(.needInfo(question: question), to: deal, now: now, detail: question)
    }

    private func answered(_ text: String, policy: ProgramPolicy, now: Date) -> DealTransition {
        guard status == .needsInfo else { return .refused(self, .noOpenQuestion) }
        let asked = question ?? ""
        var deal = self
        deal.status = .pending
        deal.slaDueAt = now.addingTimeInterval(TimeInterval(policy.approvalSLAHours * 3600))
        deal.decidedBy = nil
        deal.decidedAt = nil
        deal.note = [note, "Answer to \"\(asked)\": \(text)"].compactMap { $0 }.joined(separator: "\n")
        deal.question = nil
        return change(.answer(text: text), to: deal, now: now, detail: "Q: \(asked) A: \(text)", notices: [.answerToManagers(text)])
    }

    private func extended(policy: ProgramPolicy, now: Date) -> DealTransition {
        guard status == .approved, let end = protectionEnd else { return .refused(self, .cannotExtend) }
        guard extensions < policy.maxExtensions else { return .refused(self, .extensionsUsedUp(allowed: policy.maxExtensions)) }
        var deal = self
        deal.protectionEnd = max(end, now).addingTimeInterval(TimeInterval(policy.extensionDays * 86_400))
        deal.extensions += 1
        return change(.extend, to: deal, now: now, detail: "protection until \(DisplayTime.day(deal.protectionEnd!))", cancelsAlerts: true)
    }

    private func moved(to stage: String, policy: ProgramPolicy, now: Date) -> DealTransition {
        guard status == .approved else { return .refused(self, .cannotChangeStage) }
        guard policy.stages.contains(stage) else { return .refused(self, .unknownStage(stage, stages: policy.stages)) }
        if self.stage == stage { return .unchanged(self, .alreadyAtStage(stage)) }
        var deal = self
        deal.stage = stage
        return change(.stage(stage), to: deal, now: now, detail: stage)
    }

    private func closed(won: Bool, reason: String?, now: Date) -> DealTransition {
        let target: Status = won ? .won : .lost
        if status == target { return .unchanged(self, .alreadyClosed) }
        // A won deal can still turn out lost (the CRM or a manager corrects it): its commission is reversed.
        guard status == .approved || (status == .won && !won) else { return .refused(self, .cannotClose(won: won)) }
        var deal = self
        deal.status = target
        deal.reason = won ? deal.reason : reason
        let action: DealAction = won ? .won : .lost(reason: reason ?? "")
        return change(action, to: deal, now: now, detail: reason, cancelsAlerts: true)
    }
}
