import FakeSlack
import Foundation
import Testing
@testable import PartnerBot
import SlackPlatform

@Suite("Outbox over the live libcurl client against a loopback Web API", .serialized)
struct OutboxLiveTests {
    func client(_ server: FakeSlackServer) -> CurlWebAPIClient {
        CurlWebAPIClient(configuration: .init(baseURL: server.baseURL, token: "xoxb-test-token", connectTimeout: .seconds(2), totalTimeout: .seconds(5)))
    }

    @Test func pacingHoldsPerChannelOrderAndProvokesNo429() async throws {
        var behaviour = FakeSlackServer.Behaviour()
        behaviour.perChannelInterval = .milliseconds(150)
        let server = FakeSlackServer(behaviour: behaviour)
        try await server.start()
        defer { Task { await server.stop() } }
        let database = try await TestDatabase.make()
        let messages = (0..<15).map { OutboxHarness.message($0, channel: "C\($0 % 3)") }
        try await database.enqueue(messages, now: Date())
        try await OutboxHarness.withWorker(database: database, client: client(server), configuration: OutboxHarness.fastConfiguration(pacing: .milliseconds(200))) {
            let done = try await OutboxHarness.eventually { try await database.outboxRecords(state: .sent).count == 15 }
            #expect(done)
        }
        #expect(server.rateLimitedCount == 0)
        for channel in ["C0", "C1", "C2"] {
            let texts = server.accepted.filter { $0.channel == channel }.map(\.text)
            #expect(texts == messages.filter { $0.target == channel }.map { String($0.dedupeKey.split(separator: ":").last!) }.map { "message \($0)" })
        }
    }

    @Test func aWorkspaceCeilingIsFoundAndHeldWithFew429s() async throws {
        var behaviour = FakeSlackServer.Behaviour()
        behaviour.workspaceCeiling = 150
        behaviour.perChannelInterval = .seconds(1)
        let server = FakeSlackServer(behaviour: behaviour)
        try await server.start()
        defer { Task { await server.stop() } }
        let database = try await TestDatabase.make()
        // 900 messages to 300 channels, three each: the ceiling, not the channels, limits.
        let messages = (0..<900).map { OutboxHarness.message($0, channel: "C\($0 % 300)") }
        try await database.enqueue(messages, now: Date())
        var configuration = OutboxHarness.fastConfiguration(pacing: .seconds(1))
        configuration.concurrency = 16
        try await OutboxHarness.withWorker(database: database, client: client(server), configuration: configuration) {
            let done = try await OutboxHarness.eventually(timeout: .seconds(60)) { try await database.outboxRecords(state: .sent).count == 900 }
            #expect(done)
        }
        #expect(server.retryAfterViolations == 0, "Retry-After honoured")
        #expect(Double(server.rateLimitedCount) <= 0.02 * 900, "the ceiling is learned, not hammered: \(server.rateLimitedCount) × 429")
        let accepted = server.accepted
        #expect(accepted.count == 900 && Set(accepted.map(\.text)).count == 900, "nothing lost or duplicated")
        for channel in ["C0", "C17", "C299"] {
            #expect(accepted.filter { $0.channel == channel }.map(\.text) == messages.filter { $0.target == channel }.map { "message \($0.dedupeKey.split(separator: ":").last!)" })
        }
    }

    @Test func faultsAndARestartedServerLoseNothingAndRetryAfterIsHonoured() async throws {
        var behaviour = FakeSlackServer.Behaviour()
        behaviour.rateLimitProbability = 0.04
        behaviour.serverErrorProbability = 0.1
        let server = FakeSlackServer(behaviour: behaviour)
        try await server.start()
        let database = try await TestDatabase.make()
        var configuration = OutboxHarness.fastConfiguration()
        configuration.maxAttempts = 50
        configuration.concurrency = 4
        let expected = Set((0..<120).map { "message \($0)" })
        try await database.enqueue((0..<120).map { OutboxHarness.message($0, channel: "C\($0 % 12)") }, now: Date())
        try await OutboxHarness.withWorker(database: database, client: client(server), configuration: configuration) {
            _ = try await OutboxHarness.eventually { server.accepted.count >= 40 }
            await server.stop()
            try await Task.sleep(for: .milliseconds(300))
            try await server.start()
            let done = try await OutboxHarness.eventually(timeout: .seconds(60)) { try await database.outboxRecords(state: .sent).count == 120 }
            #expect(done)
        }
        await server.stop()
        let accepted = server.accepted.map(\.text)
        #expect(Set(accepted) == expected)
        #expect(accepted.count - expected.count <= configuration.concurrency, "duplicates only within the in-flight window")
        #expect(server.retryAfterViolations == 0)
        #expect(try await database.outboxRecords(state: .dead).isEmpty)
    }

    @Test func aWorkerStoppedMidDeliveryAndRestartedOnTheSameFileLosesNothing() async throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("bot.sqlite").path
        let server = FakeSlackServer()
        try await server.start()
        defer { Task { await server.stop() } }
        do {
            let database = try AppDatabase.open(path: path)
            try await database.enqueue((0..<200).map { OutboxHarness.message($0, channel: "C\($0 % 50)") }, now: Date())
            try await OutboxHarness.withWorker(database: database, client: client(server)) {
                _ = try await OutboxHarness.eventually { server.accepted.count >= 30 }
            }
        }
        let firstRun = server.accepted.count
        #expect(firstRun < 200)
        let reopened = try AppDatabase.open(path: path)
        try await OutboxHarness.withWorker(database: reopened, client: client(server)) {
            let done = try await OutboxHarness.eventually { try await reopened.outboxRecords(state: .sent).count == 200 }
            #expect(done)
        }
        #expect(Set(server.accepted.map(\.text)) == Set((0..<200).map { "message \($0)" }))
    }
}
