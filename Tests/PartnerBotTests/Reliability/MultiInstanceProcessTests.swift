import FakeSlack
import Foundation
import Testing
@testable import PartnerBot
import SlackPlatform

/// Several `partnerbot serve` processes on one PostgreSQL database, requests spread over them
/// round-robin, one SIGKILLed: nothing acknowledged is lost, every queued message is delivered,
/// alerts fire once and their pass moves to a surviving instance.
@Suite(
    "Several instances on one PostgreSQL database, one SIGKILLed", .serialized,
    .enabled(if: PostgresTestSupport.available, "make test starts PostgreSQL"))
struct MultiInstanceProcessTests {
    static let secret = "multi-instance-secret"

    /// The bed's environment, pointed at `url` (which wins over the configured SQLite file).
    static func environment(_ bed: ProcessTestBed, url: PostgresURL) -> [String: String] {
        var environment = bed.environment
        environment["PARTNERBOT_DATABASE_URL"] = "postgres://\(url.username)@\(url.host):\(url.port)/\(url.database)?sslmode=disable"
        return environment
    }

    /// Waits until nothing is left to send.
    static func drained(_ database: AppDatabase) async throws -> Bool {
        try await OutboxHarness.eventually(timeout: .seconds(30)) {
            let status = try await database.outboxStatus(now: Date())
            return (status.counts[.pending] ?? 0) + (status.counts[.sending] ?? 0) == 0
        }
    }

    @Test func aBroadcastAndARegistrationBurstSurviveAnInstanceKilledMidDelivery() async throws {
        let bed = try await ProcessTestBed.start(secret: Self.secret, extraConfiguration: "roles:\n  marketing: [UMKTMULTI1]")
        defer { Task { await bed.tearDown() } }
        let url = try await TestDatabase.freshPostgresDatabase()
        let database = try await AppDatabase.open(postgres: url, connections: 2, logger: TestSupport.logger)
        _ = try await database.upsertPartnerOrgs(try ProcessTestBed.organisations(20, prefix: "Multi"), now: Date())
        let servers = (0..<3).map { _ in ServerProcess(binary: bed.binary, arguments: ["serve"], environment: Self.environment(bed, url: url)) }
        defer { for server in servers { server.terminate() } }
        for server in servers { try await server.start() }
        let (http, send) = bed.sender(timeout: .seconds(10))
        defer { http.shutDown() }

        // The broadcast through the second instance, killed as soon as it answered: its
        // deliveries are under way (or about to be) when it dies.
        let broadcast = await send(
            SlashCommand(command: "/announce", text: "q3-takeout-spiff", teamID: "TVENDOR", channelID: "C1", userID: "UMKTMULTI1"), servers[1].port)
        servers[1].kill()
        #expect(broadcast?.contains("organisation(s)") == true)

        let acknowledged = LinesBox()
        let ports = [servers[0].port, servers[2].port]
        await ProcessTestBed.registrationBurst(count: 200, orgs: 20, prefix: "Multi", send: send, port: { ports[$0 % 2] }) { acknowledged.append($0) }
        #expect(acknowledged.all.count == 200)
        // Review notices are enqueued moments after their registrations (``DealReviewDispatcher``).
        let dispatched = try await OutboxHarness.eventually(timeout: .seconds(30)) {
            try await database.store.read { db in
                try Bool.fetchOne(db, sql: "SELECT (SELECT dispatched_through FROM deal_review_cursor) >= (SELECT MAX(id) FROM deal)") ?? false
            }
        }
        #expect(dispatched, "every registration's review notices are enqueued")
        #expect(try await Self.drained(database), "the survivors deliver everything, the killed instance's claims included")

        let names = try await database.store.read { db in try String.fetchAll(db, sql: "SELECT customer_name FROM deal") }
        #expect(Set(names) == Set(acknowledged.all))
        #expect(names.count == 200, "each registration once")
        let rows = try await database.outboxRecords()
        #expect(rows.allSatisfy { $0.state == .sent })
        #expect(rows.filter { $0.dedupeKey.hasPrefix("ann:q3-takeout-spiff") }.count == 20, "the broadcast reached every organisation")
        let accepted = bed.slack.accepted.map { "\($0.channel)|\($0.text)" }
        let expected = ProcessTestBed.posts(rows)
        #expect(Set(expected).isSubset(of: Set(accepted)), "every message arrived")
        // At-least-once: only what the killed instance had in flight may arrive twice.
        #expect(accepted.count - Set(accepted).count <= OutboxConfiguration().concurrency)
        let dealIDs = try await database.store.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM deal") }
        let reviewed = Set(rows.map(\.dedupeKey).filter { $0.hasSuffix(":review:manager") })
        #expect(dealIDs.allSatisfy { reviewed.contains("deal:\($0):review:manager") }, "every deal's review notice")
    }

    @Test func alertsFireOnceAndTheirPassMovesToASurvivorWhenItsInstanceIsKilled() async throws {
        let bed = try await ProcessTestBed.start(
            secret: Self.secret,
            extraConfiguration: """
                roles:
                  managers: [\(ProgramFixture.programManager)]
                channels:
                  managers: \(ProgramFixture.managersChannel)
                alerts:
                  interval_seconds: 1
                """)
        defer { Task { await bed.tearDown() } }
        let url = try await TestDatabase.freshPostgresDatabase()
        let database = try await AppDatabase.open(postgres: url, connections: 2, logger: TestSupport.logger)
        try await ProgramFixture.load(into: database, now: Date())
        let register: @Sendable (Range<Int>) async throws -> Void = { range in
            for index in range {
                // Registered three days ago: past the 48-hour approval SLA.
                let request = try RegistrationParser.parse("Stale Customer \(index)", today: TestSupport.today).get()
                _ = try await database.registerDeal(
                    request, org: "acme-resell", userID: ProgramFixture.ann.user, teamID: ProgramFixture.ann.team, channelID: nil,
                    settings: ProgramFixture.settings, now: Date().addingTimeInterval(-3 * 86_400))
            }
        }
        let breaches = { @Sendable in
            try await database.store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT subject) FROM alert_ledger WHERE kind = 'approval_sla'") ?? 0 }
        }
        try await register(0..<3)
        let first = ServerProcess(binary: bed.binary, arguments: ["serve"], environment: Self.environment(bed, url: url))
        defer { first.terminate() }
        try await first.start()
        #expect(try await OutboxHarness.eventually(timeout: .seconds(20)) { try await breaches() >= 3 })
        #expect(try await Self.drained(database))
        // The second instance starts while the first holds the pass.
        let second = ServerProcess(binary: bed.binary, arguments: ["serve"], environment: Self.environment(bed, url: url))
        defer { second.terminate() }
        try await second.start()
        first.kill()

        try await register(3..<6)
        #expect(try await OutboxHarness.eventually(timeout: .seconds(20)) { try await breaches() >= 6 }, "the survivor runs the pass")
        let ledger = { @Sendable in try await database.store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM alert_ledger") ?? 0 } }
        #expect(try await Self.drained(database))
        let fired = try await ledger()
        try await Task.sleep(for: .seconds(2))  // passes that must fire nothing again
        #expect(try await ledger() == fired)
        #expect(try await breaches() == 6)
        let rows = try await database.outboxRecords()
        let alerts = rows.filter { $0.dedupeKey.hasPrefix("alert:") }
        #expect(!alerts.isEmpty && alerts.allSatisfy { $0.state == .sent })
        let accepted = bed.slack.accepted.map { "\($0.channel)|\($0.text)" }
        let alertPosts = ProcessTestBed.posts(alerts)
        for post in alertPosts {
            #expect(accepted.filter { $0 == post }.count == 1, "each alert once: \(post)")
        }
    }
}
