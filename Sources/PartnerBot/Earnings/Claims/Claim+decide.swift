import Foundation

/// A manager's decision on a SPIFF claim, an MDF request or claim, or a commission.
public enum PayoutDecision: Sendable, Equatable {
    case approve
    /// With the reason the partner reads.
    case reject(reason: String)
}

/// What a claim, a request or a decision came to, in the words of the person who acted (also the
/// failure of a pure decision that changes nothing).
public enum ClaimOutcome: Error, Sendable, Equatable {
    /// Done; the text says what happened.
    case changed(String)
    /// Already so (a second click, a repeated command): nothing changed.
    case unchanged(String)
    case refused(ClaimRefusal)
    /// No such claim, or not one the person may see.
    case notFound(String)

    public var message: String {
        switch self {
        case .changed(let text), .unchanged(let text): text
        case .refused(let refusal): refusal.userMessage
        case .notFound(let reference): "There is no claim \(reference) you can see. `/claims` lists them."
        }
    }
}

extension Claim {
    /// The claim after a decision, or why nothing changes. Pure; storage checks what needs
    /// other rows (a paid earning cannot be taken back) and persists the change.
    public func decide(_ decision: PayoutDecision, by caller: Caller, now: Date) -> Result<Claim, ClaimOutcome> {
        guard caller.canManage(org: org) else { return .failure(.notFound(reference)) }
        var next = self
        switch (decision, state) {
        case (.approve, .submitted): next.state = .approved
        case (.approve, .claimed): next.state = .completed
        case (.approve, .approved) where kind == .mdf:
            return .failure(.unchanged("\(reference) is approved and waits for the partner's claim after the activity."))
        case (.approve, _):
            return .failure(.unchanged("\(reference) is already \(state.rawValue)\(decidedBy.map { " (by <@\($0)>)" } ?? "")."))
        case (.reject(let reason), _) where reason.isEmpty:
            return .failure(.refused(.reasonMissing(reference)))
        case (.reject, .rejected):
            return .failure(.unchanged("\(reference) is already rejected\(decidedBy.map { " (by <@\($0)>)" } ?? "")."))
        case (.reject(let reason), .claimed):
            // The proof did not hold: the request stays approved and can be claimed again.
            next.state = .approved
            next.reason = reason
        case (.reject(let reason), _):
            next.state = .rejected
            next.reason = reason
        }
        next.decidedBy = caller.userID
        next.updatedAt = now
        return .success(next)
    }

    /// Whether this change records an earning (approved SPIFF, approved MDF claim) or reverses one.
    var earnsOnChange: Bool { (kind == .spiff && state == .approved) || (kind == .mdf && state == .completed) }
}
