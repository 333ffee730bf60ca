import Foundation
import Synchronization
import Testing
@testable import PartnerBot
import SlackPlatform

/// While the database cannot be written at start-up, the port answers: `/health` 503 with the
/// reason, verified slash commands a clear "nothing was registered", clicks and events 503 with
/// `Retry-After`; once the database opens, the waiting server hands it over.
@Suite("Waiting for a writable database at start-up")
struct DatabaseWaitServerTests {
    final class Switch: Sendable {
        let writable = Mutex(false)
        let port = Mutex<Int?>(nil)
    }

    @Test func answersClearlyUntilTheDatabaseOpensThenHandsItOver() async throws {
        let path = try TestSupport.temporaryDirectory().appendingPathComponent("bot.sqlite").path
        let failure = StorageError.unwritable(path: path, reason: "the file system is read-only")
        let state = Switch()
        let waiting = Task {
            try await DatabaseWaitServer.run(
                configuration: TestSupport.configuration(), failure: failure, logger: TestSupport.logger, retryInterval: .milliseconds(20),
                stopsOnSignals: false, onServerRunning: { port in state.port.withLock { $0 = port } },
                open: {
                    guard state.writable.withLock({ $0 }) else { throw failure }
                    return try AppDatabase.open(path: path)
                })
        }
        #expect(try await OutboxHarness.eventually { state.port.withLock { $0 } != nil })
        let base = "http://127.0.0.1:\(try #require(state.port.withLock { $0 }))"

        let health = await ServerProcess.runToCompletion(
            URL(fileURLWithPath: "/usr/bin/curl"), ["-s", "-w", "\n%{http_code}", "\(base)/health"], environment: [:], in: URL(fileURLWithPath: "/"))
        #expect(health.hasSuffix("\n503"), "\(health)")
        #expect(health.contains("\"ok\":false") && health.contains("the file system is read-only"), "\(health)")

        let http = PlainHTTPClient()
        defer { http.shutDown() }
        let builder = SignedRequestBuilder(secret: TestSupport.secret)
        let now = SystemWallClock().unixTime
        let command = builder.slashCommand(TestSupport.slashCommand("/register", "Acme Corp"), timestamp: now)
        let answer = try await http.post(url: base + command.path, headers: command.headers, body: command.body)
        #expect(answer.status == 200)
        let reply = try #require(try JSONSerialization.jsonObject(with: Data(answer.body)) as? [String: Any])
        #expect(reply["response_type"] as? String == "ephemeral")
        #expect((reply["text"] as? String)?.contains("nothing was registered or changed") == true)
        #expect((reply["text"] as? String)?.contains(path) == false, "the cause is for operators (/health, the log), not for chat")

        let forged = try await http.post(url: base + command.path, headers: command.headers, body: command.body + Array("x".utf8))
        #expect(forged.status == 401, "verified before anything is answered")
        let click = builder.interaction(payloadJSON: #"{"type":"block_actions","user":{"id":"U1"},"actions":[]}"#, timestamp: now)
        let clicked = try await http.post(url: base + click.path, headers: click.headers, body: click.body)
        #expect(clicked.status == 503 && String(decoding: clicked.body, as: UTF8.self).contains("cannot save anything right now"))

        state.writable.withLock { $0 = true }
        let database = try await waiting.value
        #expect(database?.path == path, "the opened database is handed over")
        #expect(try await database?.healthCheck(integrity: false).isHealthy == true)
    }
}
