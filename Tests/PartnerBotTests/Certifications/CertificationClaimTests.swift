import Foundation
import Testing
@testable import PartnerBot

/// The claim lifecycle as pure functions: who may claim a track, and a manager's decision on a
/// claim, over every state × decision × role.
@Suite("Certification claims: pure decisions")
struct CertificationClaimTests {
    static let today = TestSupport.today
    static let track = CertificationTrack.defaults.first { $0.prerequisite != nil }!
    static let prerequisite = CertificationTrack.defaults.first { $0.id == track.prerequisite }!

    enum Role: String, CaseIterable, Sendable {
        case orgManager, programManager, otherOrgManager, partner, outsider

        var caller: Caller {
            Caller(
                userID: "U\(rawValue.uppercased())", teamID: "T1", isProgramManager: self == .programManager,
                managedOrgs: self == .orgManager ? ["acme"] : self == .otherOrgManager ? ["globex"] : [], isMarketing: false,
                partnerOrg: self == .partner ? "acme" : nil)
        }

        var managesAcme: Bool { self == .orgManager || self == .programManager }
    }

    static let states: [Certification.State] = [.inProgress, .claimed, .active, .rejected, .revoked]
    static let decisions: [ClaimDecision] = [.verify, .reject(reason: "no proof"), .reject(reason: "")]

    static func certification(_ state: Certification.State, track: CertificationTrack = track, earned: CalendarDate? = nil) -> Certification {
        let earnedOn = earned ?? today.adding(days: -10)
        let decided = state == .active || state == .revoked
        return Certification(
            id: 4, teamID: "TACME", userID: "UANN", org: "acme", track: track.id, state: state,
            earnedOn: decided ? earnedOn.description : nil,
            expiresOn: decided ? Certification.expiry(earned: earnedOn, validMonths: track.validMonths).description : nil,
            credential: nil, decidedBy: nil, reason: nil, createdAt: TestSupport.now, updatedAt: TestSupport.now)
    }

    @Test(arguments: states, Role.allCases)
    func decisionsFollowTheRules(state: Certification.State, role: Role) {
        for decision in Self.decisions {
            let claim = Self.certification(state)
            let outcome = claim.decide(decision, by: role.caller, track: Self.track, today: Self.today, now: TestSupport.now)
            guard role.managesAcme else {
                #expect(outcome == .notFound, "\(role) \(decision) on \(state)")
                continue
            }
            guard state == .claimed else {
                #expect(outcome == .unchanged(claim, .alreadyDecided), "\(decision) on \(state)")
                continue
            }
            switch decision {
            case .verify:
                guard case .changed(let verified, .verified) = outcome else { Issue.record("verify: \(outcome)"); continue }
                #expect(verified.state == .active && verified.earnedOn == Self.today.description)
                #expect(verified.expiresOn == Certification.expiry(earned: Self.today, validMonths: Self.track.validMonths).description)
                #expect(verified.decidedBy == role.caller.userID)
            case .reject(let reason) where reason.isEmpty:
                #expect(outcome == .refused(.reasonMissing(4)))
            case .reject(let reason):
                guard case .changed(let rejected, .rejected) = outcome else { Issue.record("reject: \(outcome)"); continue }
                #expect(rejected.state == .rejected && rejected.reason == reason && rejected.earnedOn == nil)
            }
        }
    }

    @Test func aClaimOnARetiredTrackIsRefused() {
        #expect(Self.certification(.claimed).decide(.verify, by: Role.orgManager.caller, track: nil, today: Self.today, now: TestSupport.now)
            == .refused(.retiredTrack(Self.track.id)))
    }

    @Test func claimingNeedsThePrerequisiteAndNoOpenClaimOrCurrentCertificate() {
        let track = Self.track
        let prerequisite = Self.certification(.active, track: Self.prerequisite)
        #expect(track.claimBlocker(held: [], required: Self.prerequisite, today: Self.today)
            == .refused(.prerequisiteMissing(track: track.id, required: Self.prerequisite.id)))
        #expect(track.claimBlocker(held: [prerequisite], required: Self.prerequisite, today: Self.today) == nil)
        let open = Self.certification(.claimed)
        #expect(track.claimBlocker(held: [prerequisite, open], required: Self.prerequisite, today: Self.today) == .unchanged(open, .alreadyClaimed))
        let current = Self.certification(.active)
        guard case .refused(.stillCertified(let id, let until, _)) = track.claimBlocker(held: [prerequisite, current], required: Self.prerequisite, today: Self.today) else {
            Issue.record("a current certificate blocks a new claim")
            return
        }
        #expect(id == track.id && until == current.expiresOn)
        let lapsing = Self.certification(.active, earned: Self.today.adding(days: -(track.validMonths * 31) + 5))
        #expect(track.claimBlocker(held: [prerequisite, lapsing], required: Self.prerequisite, today: Self.today) == nil, "inside the recertification window")
    }
}
