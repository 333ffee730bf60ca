import Foundation
import Testing
@testable import PartnerBot

@Suite("Concurrent registrations")
struct ConcurrentRegistrationTests {
    /// Through three instances of the storage on one database (three processes on one SQLite
    /// file, or three servers on one PostgreSQL database), registrations taken in turns.
    @Test(arguments: TestDatabase.available)
    func fiftyOrgsRegisteringOneCustomerAtOnceLeaveExactlyOneActive(backend: TestDatabase.Backend) async throws {
        let instances = try await TestDatabase.instances(3, on: backend)
        let database = instances[0]
        var csv = "org,name,type,tier,region,team_id,channel_id,manager\n"
        for index in 0..<50 { csv += "org-\(index),Org \(index),reseller,select,emea,TORG\(index),CORG\(index),\n" }
        _ = try await database.upsertPartnerOrgs(try DirectoryImport.partners(csv: csv, tiers: ["registered", "select", "elite"]), now: TestSupport.now)
        let request = try #require(try? RegistrationParser.parse("Contested Customer Ltd domain:contested.example", today: TestSupport.today).get())
        let outcomes = try await withThrowingTaskGroup(of: RegistrationOutcome.self) { group in
            for index in 0..<50 {
                group.addTask {
                    try await instances[index % instances.count].registerDeal(
                        request, org: "org-\(index)", userID: "U\(index)", teamID: "TORG\(index)", channelID: "CORG\(index)",
                        settings: ProgramFixture.settings, now: TestSupport.now)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.count == 50)
        let registered = outcomes.filter { if case .registered = $0 { true } else { false } }
        let conflicts = outcomes.filter { if case .conflict = $0 { true } else { false } }
        #expect(registered.count == 1)
        #expect(conflicts.count == 49)
        #expect(try await database.dealCount() == 50)
        let active = try await database.store.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM deal WHERE status IN ('pending', 'needs_info', 'approved')")
        }
        #expect(active == 1)
    }

    /// The database itself refuses a second active registration of a customer (by key, and by
    /// domain), whatever the application checked: unique partial indexes, on both backends.
    @Test(arguments: TestDatabase.available)
    func theSchemaRefusesASecondActiveHolderOfACustomer(backend: TestDatabase.Backend) async throws {
        let database = try await TestDatabase.make(backend)
        try await ProgramFixture.load(into: database)
        let request = try #require(try? RegistrationParser.parse("Held Customer domain:held.example", today: TestSupport.today).get())
        _ = try await database.registerDeal(
            request, org: "acme-resell", userID: ProgramFixture.ann.user, teamID: ProgramFixture.ann.team, channelID: nil,
            settings: ProgramFixture.settings, now: TestSupport.now)
        // A copy of the holder by another organisation, written past the application's checks.
        let copy = { (key: String, domain: String?, status: String) in
            try await database.store.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO deal (org, customer_name, customer_key, domain, status, submitted_by, submitted_team, created_at, updated_at, sla_due_at)
                        SELECT 'globex', customer_name, ?, ?, ?, submitted_by, submitted_team, created_at, updated_at, sla_due_at FROM deal WHERE id = 1
                        """,
                    arguments: [key, domain, status])
            }
        }
        let holder = try #require(try await database.store.read { db in try String.fetchOne(db, sql: "SELECT customer_key FROM deal WHERE id = 1") })
        await #expect(throws: (any Error).self, "the same customer key") { try await copy(holder, nil, "pending") }
        await #expect(throws: (any Error).self, "the same domain under another name") { try await copy("other customer", "held.example", "approved") }
        try await copy(holder, "held.example", "declined")  // inactive registrations are not holders
        try await copy(holder, "held.example", "conflict")
        #expect(try await database.dealCount() == 3)
    }
}
