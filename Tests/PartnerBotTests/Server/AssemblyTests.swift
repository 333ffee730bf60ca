import Foundation
import HummingbirdTesting
import Testing
@testable import PartnerBot
import SlackPlatform

/// `buildApplication` assembles what `serve` and the demo run: the HTTP server with the outbox
/// worker, the alert scheduler and the WAL checkpointer attached.
@Suite("One assembly: the application runs its background services")
struct AssemblyTests {
    @Test(arguments: [TestingSetup.router, .live])
    func theOutboxAndTheAlertSchedulerRunInsideTheApplication(setup: TestingSetup) async throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var app = try await TestApp.program(database: try AppDatabase.open(path: directory.appendingPathComponent("bot.sqlite").path))
        app.background = .all
        app.configuration.outbox.perChannelInterval = .zero
        // A registration waiting since two and a half days: its approval SLA is overdue.
        let request = try RegistrationParser.parse("Overdue Assembly Co", today: TestSupport.today).get()
        _ = try await app.database.registerDeal(
            request, org: "acme-resell", userID: ProgramFixture.ann.user, teamID: ProgramFixture.ann.team, channelID: "CACME00001",
            settings: ProgramFixture.settings, now: TestSupport.now.addingTimeInterval(-2.5 * 86_400))
        let chat = app.chat
        try await app.test(setup) { client in
            let reply = try await client.command("/register", "Fresh Assembly Co", user: ProgramFixture.ann.user, team: ProgramFixture.ann.team)
            #expect(reply.text.contains("Registered"))
            let texts: @Sendable () -> [String] = { chat.requests.map { String(decoding: $0.body, as: UTF8.self) } }
            let delivered = try await OutboxHarness.eventually {
                texts().contains { $0.contains("Fresh Assembly Co") } && texts().contains { $0.contains("past its approval SLA") }
            }
            #expect(delivered, "the worker delivered the review notice and the scheduler's alert: \(texts())")
        }
    }
}
