import Foundation

/// What a SPIFF claim is checked against: the deal, and the organisation's claims so far.
public struct SpiffClaimFacts: Sendable {
    /// The claimed deal, when it is the claiming organisation's.
    public var deal: Deal?
    /// The day the deal was won (UTC), when it was.
    public var wonOn: CalendarDate?
    /// Whether the organisation is in the announcement's audience.
    public var inAudience: Bool
    /// An open or approved claim of this deal for this SPIFF.
    public var existing: Claim?
    /// The organisation's open and approved claims for this SPIFF: how many, and their total in
    /// the cap's currency.
    public var claimsSoFar: Int
    public var amountSoFar: Int64
    public var proof: String?
    public var note: String?
}

extension SpiffTerms {
    /// What the claim earns, or why it is refused. Pure. The reasons come in the order a partner
    /// fixes them: whose deal, won, when, eligible, proof, already claimed, cap.
    public func check(_ facts: SpiffClaimFacts, announcement id: String, reference: String) -> Result<Money, ClaimRefusal> {
        guard let deal = facts.deal else { return .failure(.notYourDeal(reference)) }
        guard deal.status == .won, let wonOn = facts.wonOn else {
            return .failure(.notWon(reference, status: deal.status.rawValue.replacingOccurrences(of: "_", with: " ")))
        }
        guard start <= wonOn, wonOn <= end else {
            return .failure(.wonOutsideWindow(reference, won: wonOn.description, start: start.description, end: end.description))
        }
        guard facts.inAudience else { return .failure(.notInAudience(id)) }
        if !motions.isEmpty, !motions.contains(where: { $0.rawValue == deal.motion }) {
            return .failure(.motionNotEligible(reference, motion: deal.motion, eligible: motions.map(\.rawValue)))
        }
        if let minimumDeal {
            guard let amount = deal.amount, amount.currency == minimumDeal.currency else { return .failure(.noAmount(reference)) }
            guard amount.minorUnits >= minimumDeal.minorUnits else {
                return .failure(.belowMinimum(reference, amount: amount.description, minimum: minimumDeal.description))
            }
        }
        guard let earning = earning(for: deal.amount) else { return .failure(.noAmount(reference)) }
        if requiresLink, facts.proof == nil { return .failure(.proofLinkMissing(id)) }
        if requiresNote, (facts.note ?? "").isEmpty { return .failure(.noteMissing(id)) }
        if let existing = facts.existing {
            return .failure(.alreadyClaimed(reference, claim: existing.reference, state: existing.state.rawValue))
        }
        switch cap {
        case .claims(let count) where facts.claimsSoFar >= count:
            return .failure(.overClaimCap(count))
        case .amount(let limit) where earning.currency == limit.currency && facts.amountSoFar + earning.minorUnits > limit.minorUnits:
            let left = Money(minorUnits: max(0, limit.minorUnits - facts.amountSoFar), currency: limit.currency)
            return .failure(.overAmountCap(cap: limit.description, left: left.description))
        default:
            return .success(earning)
        }
    }
}
