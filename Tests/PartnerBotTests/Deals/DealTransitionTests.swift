import Foundation
import Testing
@testable import PartnerBot

/// `Deal.apply` over every status × action × role, against a table written from the program's
/// rules (not from the implementation), plus what each kind of change records.
@Suite("The deal state machine")
struct DealTransitionTests {
    static let now = TestSupport.now
    static let policy = ProgramPolicy()

    enum Role: String, CaseIterable, Sendable {
        case orgManager, programManager, otherOrgManager, partner, otherPartner, marketing, outsider

        var caller: Caller {
            switch self {
            case .orgManager: Caller(userID: "UMGR", teamID: "TV", isProgramManager: false, managedOrgs: ["acme"], isMarketing: false, partnerOrg: nil)
            case .programManager: Caller(userID: "UPM", teamID: "TV", isProgramManager: true, managedOrgs: [], isMarketing: false, partnerOrg: nil)
            case .otherOrgManager: Caller(userID: "UMGR2", teamID: "TV", isProgramManager: false, managedOrgs: ["globex"], isMarketing: false, partnerOrg: nil)
            case .partner: Caller(userID: "UANN", teamID: "TA", isProgramManager: false, managedOrgs: [], isMarketing: false, partnerOrg: "acme")
            case .otherPartner: Caller(userID: "UBOB", teamID: "TG", isProgramManager: false, managedOrgs: [], isMarketing: false, partnerOrg: "globex")
            case .marketing: Caller(userID: "UMKT", teamID: "TV", isProgramManager: false, managedOrgs: [], isMarketing: true, partnerOrg: nil)
            case .outsider: Caller(userID: "UEVE", teamID: "TE", isProgramManager: false, managedOrgs: [], isMarketing: false, partnerOrg: nil)
            }
        }

        var managesAcme: Bool { self == .orgManager || self == .programManager }
    }

    static let actions: [DealAction] = [
        .approve, .decline(reason: "no"), .needInfo(question: "which region?"), .answer(text: "EMEA"), .extend,
        .stage("proposal"), .stage("unheard-of"), .won, .lost(reason: "budget"),
    ]

    /// What the rules say, as the kind of outcome and the status after a change.
    enum Expected: Equatable {
        case changed(Deal.Status)
        case unchanged
        case refused
        case notFound
    }

    static func expected(_ status: Deal.Status, _ action: DealAction, _ role: Role) -> Expected {
        let isAnswer = action == .answer(text: "EMEA")
        guard isAnswer ? role == .partner : role.managesAcme else { return .notFound }
        let awaiting: Set<Deal.Status> = [.pending, .needsInfo, .conflict]
        switch action {
        case .approve:
            if awaiting.contains(status) { return .changed(.approved) }
            return status == .declined ? .refused : .unchanged
        case .decline:
            if awaiting.contains(status) { return .changed(.declined) }
            return status == .declined ? .unchanged : .refused
        case .needInfo:
            return [.pending, .needsInfo].contains(status) ? .changed(.needsInfo) : .refused
        case .answer:
            return status == .needsInfo ? .changed(.pending) : .refused
        case .extend:
            return status == .approved ? .changed(.approved) : .refused
        case .stage(let stage):
            return status == .approved && stage == "proposal" ? .changed(.approved) : .refused
        case .won:
            if status == .won { return .unchanged }
            return status == .approved ? .changed(.won) : .refused
        case .lost:
            if status == .lost { return .unchanged }
            // A won deal can turn out lost (its commission is reversed).
            return status == .approved || status == .won ? .changed(.lost) : .refused
        }
    }

    static func deal(_ status: Deal.Status) -> Deal {
        let created = now.addingTimeInterval(-86_400)
        var deal = Deal(
            id: 1, org: "acme", customerName: "Acme Customer", customerKey: "acme customer", domain: nil, amountMinor: nil, currency: nil,
            closeDate: nil, contact: nil, motion: nil, source: nil, note: nil, status: status, stage: nil, submittedBy: "UANN", submittedTeam: "TA",
            channelID: "CACME", createdAt: created, updatedAt: created, slaDueAt: created.addingTimeInterval(48 * 3600), decidedAt: nil,
            decidedBy: nil, reason: nil, question: nil, protectionStart: nil, protectionEnd: nil, extensions: 0, conflictWith: nil)
        if status == .needsInfo { deal.question = "what budget?" }
        if [.approved, .won, .lost, .expired].contains(status) {
            deal.protectionStart = created
            deal.protectionEnd = created.addingTimeInterval(90 * 86_400)
            deal.stage = "registered"
            deal.decidedBy = "UMGR"
            deal.decidedAt = created
        }
        return deal
    }

    @Test(arguments: Deal.Status.allCases, Role.allCases)
    func everyActionFollowsTheRules(status: Deal.Status, role: Role) {
        for action in Self.actions {
            let before = Self.deal(status)
            let outcome = before.apply(action, by: role.caller, policy: Self.policy, now: Self.now)
            let actual: Expected = switch outcome {
            case .changed(let change): .changed(change.deal.status)
            case .unchanged(let deal, _): deal == before ? .unchanged : .refused
            case .refused(let deal, _): deal == before ? .refused : .unchanged
            case .notFound: .notFound
            }
            #expect(actual == Self.expected(status, action, role), "\(role) \(action) on \(status)")
            if case .changed(let change) = outcome {
                #expect(change.from == status)
                #expect(change.deal.updatedAt == Self.now)
                #expect(change.action == action)
            }
        }
    }

    @Test func eachChangeRecordsWhatItsAuditAndNoticesNeed() throws {
        let manager = Role.orgManager.caller
        func change(_ action: DealAction, on status: Deal.Status, by caller: Caller = manager) throws -> DealChange {
            guard case .changed(let change) = Self.deal(status).apply(action, by: caller, policy: Self.policy, now: Self.now) else {
                throw CancellationError()
            }
            return change
        }
        let approved = try change(.approve, on: .pending)
        #expect(approved.deal.protectionEnd == Self.now.addingTimeInterval(TimeInterval(Self.policy.protectionDays * 86_400)))
        #expect(approved.deal.stage == Self.policy.stages.first)
        #expect(approved.deal.decidedBy == "UMGR")
        #expect(approved.notices == [.partner(action: "approved")] && !approved.cancelsAlerts)
        let declined = try change(.decline(reason: "overlap"), on: .conflict)
        #expect(declined.deal.reason == "overlap" && declined.detail == "overlap" && declined.cancelsAlerts)
        let answered = try change(.answer(text: "EMEA"), on: .needsInfo, by: Role.partner.caller)
        #expect(answered.notices == [.answerToManagers("EMEA")], "the partner's channel is not told of its own answer")
        #expect(answered.deal.question == nil && answered.deal.note?.contains("Answer to \"what budget?\": EMEA") == true)
        #expect(answered.deal.slaDueAt == Self.now.addingTimeInterval(TimeInterval(Self.policy.approvalSLAHours * 3600)))
        #expect(answered.detail == "Q: what budget? A: EMEA")
        let extended = try change(.extend, on: .approved)
        #expect(extended.deal.extensions == 1 && extended.cancelsAlerts)
        let lost = try change(.lost(reason: "budget"), on: .approved)
        #expect(lost.deal.reason == "budget" && lost.cancelsAlerts)
    }

    @Test func approvingAConflictDeclinesTheHolder() throws {
        var holder = Self.deal(.pending)
        holder.id = 7
        holder.org = "globex"
        let conflict = Self.deal(.conflict)
        guard case .changed(let change) = conflict.apply(.approve, by: Role.programManager.caller, policy: Self.policy, now: Self.now, holder: holder) else {
            Issue.record("approving a conflict changes it")
            return
        }
        let superseded = try #require(change.superseded)
        #expect(superseded.from == .pending)
        #expect(superseded.deal.status == .declined && superseded.deal.reason == Deal.supersededReason)
        #expect(superseded.deal.decidedBy == "UPM" && superseded.deal.decidedAt == Self.now)
        #expect(change.detail == "conflict resolved against DR-7")
        var closedHolder = holder
        closedHolder.status = .won
        guard case .changed(let noHolder) = conflict.apply(.approve, by: Role.programManager.caller, policy: Self.policy, now: Self.now, holder: closedHolder) else {
            Issue.record("approving a conflict whose holder closed still approves")
            return
        }
        #expect(noHolder.superseded == nil)
    }

    @Test func repeatsAndLimitsAreNamed() {
        let manager = Role.orgManager.caller
        var asked = Self.deal(.needsInfo)
        asked.question = "which region?"
        #expect(asked.apply(.needInfo(question: "which region?"), by: manager, policy: Self.policy, now: Self.now) == .unchanged(asked, .sameQuestion))
        var extended = Self.deal(.approved)
        extended.extensions = Self.policy.maxExtensions
        #expect(extended.apply(.extend, by: manager, policy: Self.policy, now: Self.now) == .refused(extended, .extensionsUsedUp(allowed: Self.policy.maxExtensions)))
        var staged = Self.deal(.approved)
        staged.stage = "proposal"
        #expect(staged.apply(.stage("proposal"), by: manager, policy: Self.policy, now: Self.now) == .unchanged(staged, .alreadyAtStage("proposal")))
        let pending = Self.deal(.pending)
        #expect(pending.apply(.won, by: manager, policy: Self.policy, now: Self.now) == .refused(pending, .cannotClose(won: true)))
    }

    @Test func anApprovedDealPastItsProtectionExpiresFirstExceptForAnExtension() {
        var deal = Self.deal(.approved)
        deal.protectionEnd = Self.now.addingTimeInterval(-1)
        #expect(deal.expiresBefore(.won, at: Self.now))
        #expect(!deal.expiresBefore(.extend, at: Self.now))
        #expect(!Self.deal(.approved).expiresBefore(.won, at: Self.now))
    }
}
