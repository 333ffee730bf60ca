import Foundation
@testable import PartnerBot
import Synchronization
import Testing

/// Several instances on one PostgreSQL database, where ids no longer commit in order.
@Suite("PostgreSQL: instances sharing one database", .enabled(if: PostgresTestSupport.available, "make test starts PostgreSQL"))
struct PostgresInstancesTests {
    /// Instance A registers a deal and holds its transaction open; meanwhile instance B stores a
    /// newer deal and dispatches reviews. The dispatch waits for A's registration (it holds the
    /// review lock shared, ``AppDatabase/holdReviewDispatch(_:)``), so A's older deal is not
    /// skipped: both deals are in that one dispatch.
    @Test func aRegistrationCommittedAfterANewerOnesDispatchStillGetsItsReviews() async throws {
        let instances = try await TestDatabase.instances(2, on: .postgres)
        let (a, b) = (instances[0], instances[1])
        try await ProgramFixture.load(into: a)
        let held = Gate()
        let slow = try RegistrationParser.parse("Held Open Customer", today: TestSupport.today).get()
        let registering = Task {
            try await a.store.write { db in
                let outcome = try a.registerDeal(
                    slow, org: "acme-resell", userID: ProgramFixture.ann.user, teamID: ProgramFixture.ann.team, channelID: nil,
                    settings: ProgramFixture.settings, now: TestSupport.now, db: db)
                held.holdFirstAttempt()
                return outcome
            }
        }
        while !held.isHeld { try await Task.sleep(for: .milliseconds(10)) }
        // B's registration, as one whose lookups touched none of the pages A's did (a large
        // table): only its insert, which conflicts with nothing A read or wrote.
        try await b.store.write { db in
            var quick = Deal(
                id: nil, org: "globex", customerName: "Quick Customer", customerKey: "quick customer", domain: nil, amountMinor: nil,
                currency: nil, closeDate: nil, contact: nil, motion: nil, source: nil, note: nil, status: .declined, stage: nil,
                submittedBy: ProgramFixture.bob.user, submittedTeam: ProgramFixture.bob.team, channelID: nil, createdAt: TestSupport.now,
                updatedAt: TestSupport.now, slaDueAt: TestSupport.now, decidedAt: nil, decidedBy: nil, reason: nil, question: nil,
                protectionStart: nil, protectionEnd: nil, extensions: 0, conflictWith: nil)
            try quick.insertNew(db)
        }
        let dispatching = Task { try await b.dispatchDealReviews(settings: ProgramFixture.settings, now: TestSupport.now) }
        try await Task.sleep(for: .milliseconds(200))
        #expect(try await b.dealReviewsWaiting() == 1, "the dispatch waits for the registration under way")
        held.release()
        _ = try await registering.value
        #expect(try await dispatching.value == 2, "then sees both")
        let reviewed = try await b.store.read { db in
            try String.fetchAll(db, sql: "SELECT dedupe_key FROM outbox WHERE dedupe_key LIKE 'deal:%:review:%' ORDER BY dedupe_key")
        }
        let deals = try await b.store.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM deal ORDER BY id") }
        #expect(deals.count == 2)
        let reviewedDeals: Set<String> = Set(reviewed.map { String($0.split(separator: ":")[1]) })
        let dealIDs: Set<String> = Set(deals.map { String($0) })
        #expect(reviewedDeals == dealIDs, "every deal has its reviews: \(reviewed)")
        #expect(try await b.dealReviewsWaiting() == 0)
    }
}

/// Holds a transaction's first attempt open until released (a retried attempt goes straight on).
final class Gate: Sendable {
    private let state = Mutex((attempts: 0, held: false, released: false))
    private let opened = DispatchSemaphore(value: 0)

    func holdFirstAttempt() {
        let first = state.withLock { state in
            state.attempts += 1
            state.held = state.attempts == 1 && !state.released
            return state.held
        }
        // Blocks the store's own thread, never a cooperative one.
        guard first else { return }
        opened.wait()
    }

    var isHeld: Bool { state.withLock { $0.held } }

    func release() {
        state.withLock { $0.released = true }
        opened.signal()
    }
}
