import Foundation
import Logging
@testable import PartnerBot
import PostgresNIO
import Testing

@Suite("PostgreSQL addresses")
struct PostgresURLTests {
    @Test func addressesAreReadWithLibpqsDefaults() throws {
        let url = try PostgresURL("postgres://bot:s%40cret@db.internal:6543/partners?sslmode=require")
        #expect(url.host == "db.internal" && url.port == 6543 && url.username == "bot" && url.password == "s@cret" && url.database == "partners")
        #expect(url.sslMode == "require")
        let plain = try PostgresURL("postgresql://bot@localhost/partners")
        #expect(plain.port == 5432 && plain.password == nil && plain.sslMode == "prefer")
    }

    @Test func mistakesAreNamedAndThePasswordNeverShown() throws {
        #expect(throws: PostgresURL.Invalid.self) { try PostgresURL("mysql://bot@db/partners") }
        #expect(throws: PostgresURL.Invalid(reason: "no database name after the host")) { try PostgresURL("postgres://bot:pw@db") }
        #expect(throws: PostgresURL.Invalid(reason: "no user name")) { try PostgresURL("postgres://db/partners") }
        #expect(throws: PostgresURL.Invalid(reason: "sslmode must be disable, prefer or require")) { try PostgresURL("postgres://bot@db/p?sslmode=maybe") }
        let url = try PostgresURL("postgres://bot:hunter2@db/partners")
        #expect(!url.description.contains("hunter2") && url.description.contains(":***@"))
    }
}

/// Several instances migrating and electing a leader at once, on a real server.
@Suite("PostgreSQL: migrations and the leader lock", .enabled(if: PostgresTestSupport.available, "make test starts PostgreSQL"))
struct PostgresFoundationTests {
    static let migrations = [
        PostgresMigrator.Migration("p1-counter", ["CREATE TABLE counter (id INTEGER PRIMARY KEY, runs INTEGER NOT NULL)", "INSERT INTO counter VALUES (1, 1)"]),
        PostgresMigrator.Migration("p2-counter-again", ["UPDATE counter SET runs = runs + 1", "CREATE TABLE second (id INTEGER PRIMARY KEY)"]),
    ]

    @Test func instancesStartingTogetherApplyEachMigrationOnce() async throws {
        try await PostgresTestSupport.withFreshDatabase { url in
            let applied = try await withThrowingTaskGroup(of: [String].self) { group in
                for _ in 0..<4 {
                    group.addTask { try await PostgresTestSupport.withClient(url) { try await PostgresMigrator(Self.migrations).migrate($0, logger: TestSupport.logger) } }
                }
                return try await group.reduce(into: [[String]]()) { $0.append($1) }
            }
            #expect(applied.filter { !$0.isEmpty } == [["p1-counter", "p2-counter-again"]], "one instance applied both, the others nothing")
            let (runs, names) = try await PostgresTestSupport.withClient(url) { client in
                var runs = 0
                for try await value in try await client.query("SELECT runs FROM counter", logger: TestSupport.logger).decode(Int.self) { runs = value }
                var names: [String] = []
                for try await name in try await client.query("SELECT name FROM partnerbot_migration ORDER BY position", logger: TestSupport.logger).decode(String.self) {
                    names.append(name)
                }
                return (runs, names)
            }
            #expect(runs == 2, "each statement ran once")
            #expect(names == ["p1-counter", "p2-counter-again"])

            // A newer build adds one; an older build (knowing fewer) is refused and changes nothing.
            let newer = Self.migrations + [.init("p3-third", ["CREATE TABLE third (id INTEGER PRIMARY KEY)"])]
            #expect(try await PostgresTestSupport.withClient(url) { try await PostgresMigrator(newer).migrate($0, logger: TestSupport.logger) } == ["p3-third"])
            await #expect(throws: PostgresMigrator.Failure.unknownMigrations(["p3-third"])) {
                try await PostgresTestSupport.withClient(url) { try await PostgresMigrator(Self.migrations).migrate($0, logger: TestSupport.logger) }
            }
        }
    }

    @Test func oneInstanceLeadsAndAnotherTakesOverWhenItGoes() async throws {
        let url = try #require(PostgresTestSupport.url)
        let key = Int64.random(in: 1...Int64.max)
        let first = PostgresLeaderLock(url: url, key: key, logger: TestSupport.logger)
        let second = PostgresLeaderLock(url: url, key: key, logger: TestSupport.logger)
        #expect(try await first.acquire())
        #expect(try await first.acquire(), "the holder keeps it")
        #expect(try await !second.acquire())
        await first.release()  // its connection ends, as when its process dies
        #expect(try await second.acquire(), "taken over")
        #expect(try await !first.acquire())
        await second.release()
    }
}
