import Foundation
@testable import PartnerBot
import Testing

/// Singleton work (the alert pass, pruning) among instances on one database.
@Suite struct SingletonLockTests {
    @Test(arguments: TestDatabase.available)
    func oneInstanceRunsTheAlertPassAndAnotherTakesOverWhenItStops(on backend: TestDatabase.Backend) async throws {
        let instances = try await TestDatabase.instances(2, on: backend)
        let first = instances[0].singletonLock(.alertPass, logger: TestSupport.logger)
        let second = instances[1].singletonLock(.alertPass, logger: TestSupport.logger)
        #expect(await first.holds())
        #expect(await first.holds(), "the holder keeps it from pass to pass")
        switch backend {
        case .sqlite:
            // One host's processes: every one runs its passes (the ledger keeps alerts once).
            #expect(await second.holds())
        case .postgres:
            #expect(await !second.holds(), "one instance at a time")
            let pruning = instances[1].singletonLock(.outboxPruning, logger: TestSupport.logger)
            #expect(await pruning.holds(), "each kind of work has its own lock")
            await pruning.release()
            await first.release()  // its connection ends, as when its process dies
            #expect(await second.holds(), "taken over at the next try")
            #expect(await !first.holds())
        }
        await second.release()
        await first.release()
    }

    @Test func anUnreachableServerMeansNotHolding() async throws {
        let url = try PostgresURL("postgres://partnerbot@127.0.0.1:1/none?sslmode=disable")
        let lock = SingletonLock(work: .alertPass, postgres: url, logger: TestSupport.logger)
        #expect(await !lock.holds())
    }
}
