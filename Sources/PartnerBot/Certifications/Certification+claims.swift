import Foundation

/// A manager's decision on a claim.
public enum ClaimDecision: Sendable, Equatable {
    /// The credential checks out: the person is certified from today.
    case verify
    /// It does not, with the reason the partner reads.
    case reject(reason: String)
}

extension CertificationTrack {
    /// Whether a person holding `held` (their certifications on every track) may claim this
    /// track today. Pure.
    /// - Parameter required: The prerequisite track, when there is one and it is still in the catalogue.
    /// - Returns: `nil` when they may claim; else the open claim or the refusal.
    public func claimBlocker(held: [Certification], required: CertificationTrack?, today: CalendarDate) -> CertificationOutcome? {
        if let required {
            let holds = held.contains { $0.track == required.id && $0.status(on: today, recertWindowDays: required.recertWindowDays).isValid }
            guard holds else { return .refused(.prerequisiteMissing(track: id, required: required.id)) }
        }
        let onTrack = held.filter { $0.track == id }
        if let open = onTrack.first(where: { $0.state == .claimed }) { return .unchanged(open, .alreadyClaimed) }
        if let current = onTrack.first(where: { $0.status(on: today, recertWindowDays: recertWindowDays) == .active }), let expires = current.expiresOn {
            let opens = CalendarDate(iso: expires).map { $0.adding(days: -recertWindowDays).description } ?? expires
            return .refused(.stillCertified(track: id, until: expires, opens: opens))
        }
        return nil
    }
}

extension Certification {
    /// A manager's decision on this claim. Pure; storage checks what needs other rows (a
    /// certification already recorded for the same day) and persists the change.
    /// - Parameters:
    ///   - decision: Verify, or reject with a reason.
    ///   - caller: Who decides: a manager of the claim's organisation.
    ///   - track: The claim's track in the catalogue (`nil` when it was removed).
    ///   - today: The day it is earned on.
    ///   - now: When.
    public func decide(_ decision: ClaimDecision, by caller: Caller, track: CertificationTrack?, today: CalendarDate, now: Date) -> CertificationOutcome {
        guard caller.canManage(org: org) else { return .notFound }
        guard let track else { return .refused(.retiredTrack(self.track)) }
        guard state == .claimed else { return .unchanged(self, .alreadyDecided) }
        var claim = self
        switch decision {
        case .verify:
            claim.state = .active
            claim.earnedOn = today.description
            claim.expiresOn = Self.expiry(earned: today, validMonths: track.validMonths).description
        case .reject(let reason):
            guard !reason.isEmpty else { return .refused(.reasonMissing(id ?? 0)) }
            claim.state = .rejected
            claim.reason = reason
        }
        claim.decidedBy = caller.userID
        claim.updatedAt = now
        return .changed(claim, decision == .verify ? .verified : .rejected)
    }
}
