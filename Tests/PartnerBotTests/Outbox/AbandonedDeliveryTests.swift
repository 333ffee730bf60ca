import FakeSlack
import Foundation
import GRDB
import PostgresNIO
import Testing
@testable import PartnerBot
import SlackPlatform

/// Several processes deliver from one database: each tells a delivery under way elsewhere from
/// one abandoned by a process that died, and a command-line delivery finishes its own batch.
@Suite("Outbox: abandoned deliveries and command-line batches", .serialized)
struct AbandonedDeliveryTests {
    static let deadPID: Int32 = {
        // A pid that is surely not running: past the kernel's maximum.
        let text = (try? String(contentsOfFile: "/proc/sys/kernel/pid_max", encoding: .utf8)) ?? "4194304"
        return (Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 4_194_304) + 1
    }()

    /// Marks the row with `dedupeKey` as being sent by `owner` since `at`.
    func claim(_ dedupeKey: String, by owner: String?, at: Date, in database: AppDatabase) async throws {
        try await database.store.write { db in
            try db.execute(
                sql: "UPDATE outbox SET state = 'sending', claimed_by = ?, updated_at = ? WHERE dedupe_key = ?",
                arguments: [owner, at, dedupeKey])
        }
    }

    func stateOf(_ dedupeKey: String, in database: AppDatabase) async throws -> OutboxRecord.State? {
        try await database.outboxRecords().first { $0.dedupeKey == dedupeKey }?.state
    }

    @Test func ownersRoundTripAndTellLiveFromGone() async throws {
        let database = try await TestDatabase.make()
        let owner = database.deliveryOwner
        #expect(DeliveryOwner(stored: owner.stored) == owner)
        #expect(owner.isRunning == true)
        var gone = owner
        gone.pid = Self.deadPID
        #expect(gone.isRunning == false, "no such process on this host")
        var reused = owner
        reused.started += 1
        #expect(reused.isRunning == false, "this pid, but a process started at another time")
        var elsewhere = owner
        elsewhere.host = "another-host.example"
        #expect(elsewhere.isRunning == nil, "another host cannot be checked from here")
        #expect(DeliveryOwner(stored: "not an owner") == nil)
        let retired = DeliveryOwner.register()
        retired.retire()
        #expect(retired.isRunning == false, "a released database's deliveries are abandoned")
    }

    @Test func onlyDeliveriesOfStoppedProcessesAndExpiredForeignLeasesAreRecovered() async throws {
        let database = try await TestDatabase.make()
        let now = Date()
        try await database.enqueue((0..<5).map { OutboxHarness.message($0, channel: "C\($0)") }, now: now)
        var dead = database.deliveryOwner
        dead.pid = Self.deadPID
        dead.instance = UUID().uuidString.lowercased()  // each process opens its own instances
        var foreign = database.deliveryOwner
        foreign.host = "another-host.example"
        foreign.instance = UUID().uuidString.lowercased()
        try await claim("test:C0:0", by: database.deliveryOwner.stored, at: now, in: database)
        try await claim("test:C1:1", by: dead.stored, at: now, in: database)
        try await claim("test:C2:2", by: foreign.stored, at: now, in: database)
        try await claim("test:C3:3", by: foreign.stored, at: now.addingTimeInterval(-600), in: database)
        try await claim("test:C4:4", by: nil, at: now, in: database)
        // PostgreSQL tells at once that the other host's instance is gone (no connection of its own).
        let onPostgres = TestDatabase.backend == .postgres
        #expect(try await database.recoverAbandonedDeliveries(now: now, lease: .seconds(120)) == (onPostgres ? 4 : 3))
        #expect(try await stateOf("test:C0:0", in: database) == .sending, "this live instance is sending it")
        #expect(try await stateOf("test:C1:1", in: database) == .pending, "its process is gone")
        #expect(try await stateOf("test:C2:2", in: database) == (onPostgres ? .pending : .sending), "another host, within its lease")
        #expect(try await stateOf("test:C3:3", in: database) == .pending, "another host, lease expired")
        #expect(try await stateOf("test:C4:4", in: database) == .pending, "claimed before claims were recorded")
        #expect(try await database.recoverAbandonedDeliveries(now: now, lease: .seconds(120)) == 0)
    }

    @Test(.enabled(if: PostgresTestSupport.available))
    func onPostgreSQLAnotherHostsClaimIsKeptWhileItsInstanceIsConnectedAndReleasedWhenItIsNot() async throws {
        let database = try await TestDatabase.make(.postgres)
        let url = try #require((database.store as? PostgresStore)?.url)
        let now = Date()
        try await database.enqueue([OutboxHarness.message(0, channel: "C0")], now: now)
        var elsewhere = database.deliveryOwner
        elsewhere.host = "another-host.example"
        elsewhere.instance = UUID().uuidString.lowercased()
        // Claimed long ago: a lease would have expired, but the instance is still connected.
        try await claim("test:C0:0", by: elsewhere.stored, at: now.addingTimeInterval(-3600), in: database)
        var configuration = try url.connectionConfiguration()
        configuration.options.additionalStartupParameters = [("application_name", elsewhere.applicationName)]
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: TestSupport.logger)
        #expect(try await database.recoverAbandonedDeliveries(now: now, lease: .seconds(120)) == 0)
        #expect(try await stateOf("test:C0:0", in: database) == .sending, "its instance runs: it may be mid-call")
        try await connection.close()  // as when its process is killed: the kernel closes its sockets
        var recovered = 0
        for _ in 0..<100 where recovered == 0 {
            // The server's backend for that connection exits a moment after the socket closes.
            recovered = try await database.recoverAbandonedDeliveries(now: now, lease: .seconds(120))
            if recovered == 0 { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(recovered == 1)
        #expect(try await stateOf("test:C0:0", in: database) == .pending)
    }

    @Test func claimsRecordTheirOwner() async throws {
        let database = try await TestDatabase.make()
        try await database.enqueue([OutboxHarness.message(0, channel: "C0")], now: Date())
        _ = try await database.claimOutbox(now: Date(), limit: 1, excludingTargets: [], blockedRateKeys: [])
        let owner = try await database.store.read { db in try String.fetchOne(db, sql: "SELECT claimed_by FROM outbox") }
        #expect(owner == database.deliveryOwner.stored)
    }

    @Test func aBatchIsDeliveredPastAChannelLeftBlockedByAKilledProcessButNotPastALiveOne() async throws {
        let slack = FakeSlackServer()
        try await slack.start()
        defer { Task { await slack.stop() } }
        let database = try await TestDatabase.make()
        let client = CurlWebAPIClient(configuration: .init(baseURL: slack.baseURL, token: "xoxb-test-token", connectTimeout: .seconds(2), totalTimeout: .seconds(5)))
        let now = Date()
        // A killed server left C1's head `sending`; a live one is sending C2's head now.
        try await database.enqueue([OutboxHarness.message(0, channel: "C1"), OutboxHarness.message(1, channel: "C2")], now: now)
        var dead = database.deliveryOwner
        dead.pid = Self.deadPID
        dead.instance = UUID().uuidString.lowercased()  // each process opens its own instances
        try await claim("test:C1:0", by: dead.stored, at: now, in: database)
        let live = DeliveryOwner.register()
        defer { live.retire() }
        try await claim("test:C2:1", by: live.stored, at: now, in: database)
        let before = try await database.store.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM outbox") ?? 0 }
        try await database.enqueue((2..<6).map { OutboxHarness.message($0, channel: $0 < 4 ? "C1" : "C3") }, now: now)
        let batch = [(before + 1)...(before + 4)]
        let delivery = OutboxBatchDelivery(
            database: database, client: client, configuration: OutboxHarness.fastConfiguration(), clock: SystemWallClock(), logger: TestSupport.logger)
        let progress = try await delivery.deliver(batch, timeout: .seconds(10))
        #expect(progress == OutboxBatchProgress(sent: 4, dead: 0, open: 0))
        let c1 = slack.accepted.filter { $0.channel == "C1" }.map(\.text)
        #expect(c1 == ["message 0", "message 2", "message 3"], "the abandoned head is sent again first, in order")
        #expect(slack.accepted.filter { $0.channel == "C2" }.isEmpty, "a live process's delivery is not taken over")
        #expect(try await stateOf("test:C2:1", in: database) == .sending)

        // A message of the batch behind a live delivery waits for it, up to the timeout.
        try await database.enqueue([OutboxHarness.message(6, channel: "C2")], now: now)
        let last = try await database.store.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM outbox") ?? 0 }
        let waiting = try await delivery.deliver([last...last], timeout: .milliseconds(300))
        #expect(waiting == OutboxBatchProgress(sent: 0, dead: 0, open: 1))
    }
}
