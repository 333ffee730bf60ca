import FakeSlack
import Foundation
@testable import PartnerBot
import SlackPlatform
import Testing

/// Pacing and rate limits across instances on one PostgreSQL database (``OutboxHold``): what one
/// instance sent or was refused holds the channel or the method for the others.
@Suite("PostgreSQL: pacing and rate limits hold across instances", .enabled(if: PostgresTestSupport.available, "make test starts PostgreSQL"))
struct OutboxHoldTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func aMessageSentByOneInstancePacesItsChannelForTheOthers() async throws {
        let instances = try await TestDatabase.instances(2, on: .postgres)
        let (first, second) = (instances[0], instances[1])
        try await first.enqueue([OutboxHarness.message(0, channel: "C1"), OutboxHarness.message(1, channel: "C1"), OutboxHarness.message(2, channel: "C2")], now: now)
        let claimed = try await first.claimOutbox(now: now, limit: 1, excludingTargets: [], blockedRateKeys: [])
        let sent = try #require(claimed.claimed.first)
        #expect(sent.target == "C1")
        try await first.markOutboxSent(id: sent.id, ts: "1.1", channel: "C1", now: now, pace: ("C1", now.addingTimeInterval(10)))

        let meanwhile = try await second.claimOutbox(now: now.addingTimeInterval(1), limit: 5, excludingTargets: [], blockedRateKeys: [])
        #expect(meanwhile.claimed.map(\.target) == ["C2"], "C1 is paced for every instance; C2 is not")
        let idle = try await second.claimOutbox(now: now.addingTimeInterval(1), limit: 5, excludingTargets: [], blockedRateKeys: [])
        #expect(idle.claimed.isEmpty)
        #expect(idle.waiting, "a due message waits for its channel's pacing")
        #expect(try await second.nextOutboxAttempt(now: now.addingTimeInterval(1)) == now.addingTimeInterval(10), "it sleeps until the hold ends")

        let later = try await second.claimOutbox(now: now.addingTimeInterval(10.001), limit: 5, excludingTargets: [], blockedRateKeys: [])
        #expect(later.claimed.map(\.dedupeKey) == ["test:C1:1"], "the channel's next message, once paced")
    }

    @Test func aRateLimitMetByOneInstanceHoldsTheMethodInThatWorkspaceForTheOthers() async throws {
        let instances = try await TestDatabase.instances(2, on: .postgres)
        let (first, second) = (instances[0], instances[1])
        var other = OutboxHarness.message(3, channel: "C3")
        other.workspace = InstallationKey(rawValue: "T9")
        try await first.enqueue([OutboxHarness.message(0, channel: "C1"), OutboxHarness.message(1, channel: "C2"), other], now: now)
        let limited = try #require(try await first.claimOutbox(now: now, limit: 1, excludingTargets: [], blockedRateKeys: []).claimed.first)
        let retry = now.addingTimeInterval(30)
        try await first.rescheduleOutbox(
            id: limited.id, at: retry, error: "ratelimited", countsAsAttempt: false, now: now, holding: (limited.rateKey, retry))

        let meanwhile = try await second.claimOutbox(now: now.addingTimeInterval(1), limit: 5, excludingTargets: [], blockedRateKeys: [])
        #expect(meanwhile.claimed.map(\.target) == ["C3"], "chat.postMessage with the configured token waits; another workspace's key does not")
        let after = try await second.claimOutbox(now: retry.addingTimeInterval(0.001), limit: 5, excludingTargets: [], blockedRateKeys: [])
        #expect(Set(after.claimed.map(\.target)) == ["C1", "C2"])
    }

    @Test func passedHoldsAreForgotten() async throws {
        let database = try await TestDatabase.make(.postgres)
        try await database.enqueue([OutboxHarness.message(0, channel: "C1")], now: now)
        let row = try #require(try await database.claimOutbox(now: now, limit: 1, excludingTargets: [], blockedRateKeys: []).claimed.first)
        try await database.markOutboxSent(id: row.id, ts: "1.1", channel: "C1", now: now, pace: ("C1", now.addingTimeInterval(1)))
        let holds = { try await database.store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox_hold") ?? -1 } }
        #expect(try await holds() == 1)
        _ = try await database.recoverAbandonedDeliveries(now: now.addingTimeInterval(0.5))
        #expect(try await holds() == 1, "still holding")
        _ = try await database.recoverAbandonedDeliveries(now: now.addingTimeInterval(2))
        #expect(try await holds() == 0)
    }

    @Test func twoWorkersOnTwoInstancesKeepEachChannelsOrderAndPace() async throws {
        var behaviour = FakeSlackServer.Behaviour()
        behaviour.perChannelInterval = .milliseconds(150)
        let slack = FakeSlackServer(behaviour: behaviour)
        try await slack.start()
        defer { Task { await slack.stop() } }
        let instances = try await TestDatabase.instances(2, on: .postgres)
        let client = CurlWebAPIClient(configuration: .init(baseURL: slack.baseURL, token: "xoxb-test-token", connectTimeout: .seconds(2), totalTimeout: .seconds(5)))
        let messages = (0..<12).map { OutboxHarness.message($0, channel: $0.isMultiple(of: 2) ? "C1" : "C2") }
        try await instances[0].enqueue(messages, now: Date())
        let configuration = OutboxHarness.fastConfiguration(pacing: .milliseconds(200))
        let delivered = try await OutboxHarness.withWorker(database: instances[0], client: client, configuration: configuration) {
            try await OutboxHarness.withWorker(database: instances[1], client: client, configuration: configuration) {
                try await OutboxHarness.eventually(timeout: .seconds(20)) { slack.accepted.count >= 12 }
            }
        }
        #expect(delivered)
        for (channel, parity) in [("C1", 0), ("C2", 1)] {
            let texts = slack.accepted.filter { $0.channel == channel }.map(\.text)
            #expect(texts == (0..<12).filter { $0 % 2 == parity }.map { "message \($0)" }, "\(channel) in order, each once")
        }
        #expect(slack.rateLimitedCount == 0, "no instance posted to a channel another had just posted to")
    }
}
