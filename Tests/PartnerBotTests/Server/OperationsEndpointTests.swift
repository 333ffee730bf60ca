import Foundation
import HummingbirdTesting
import SlackPlatform
import Testing
@testable import PartnerBot

@Suite("Health and metrics")
struct OperationsEndpointTests {
    @Test(arguments: [TestingSetup.router, .live])
    func healthReportsVersionAndDatabase(setup: TestingSetup) async throws {
        try await TestApp().test(setup) { client in
            let response = try await client.client.executeRequest(uri: "/health", method: .get, headers: [:], body: nil)
            #expect(response.status == .ok)
            #expect(response.json?["version"] as? String == PartnerBotVersion.current)
            let database = try #require(response.json?["database"] as? [String: Any])
            #expect(database["ok"] as? Bool == true)
            #expect(database["integrity"] as? String == "not checked", "a probe never reads the whole file")
            let checked = try await client.client.executeRequest(uri: "/health?check=integrity", method: .get, headers: [:], body: nil)
            #expect(checked.status == .ok)
            // SQLite's quick_check runs on demand; PostgreSQL has none to run (it checks its own pages).
            let integrity = TestDatabase.backend == .sqlite ? "ok" : "not checked"
            #expect((checked.json?["database"] as? [String: Any])?["integrity"] as? String == integrity)
            let later = try await client.client.executeRequest(uri: "/health", method: .get, headers: [:], body: nil)
            #expect((later.json?["database"] as? [String: Any])?["integrity"] as? String == integrity, "probes report the last check")
        }
    }

    @Test func healthIs503WhenTheDatabaseIsUnusable() async throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try AppDatabase.open(path: directory.appendingPathComponent("bot.sqlite").path)
        try await database.closeForTesting()
        try await TestApp(database: database).test(.router) { client in
            let response = try await client.client.executeRequest(uri: "/health", method: .get, headers: [:], body: nil)
            #expect(response.status == .serviceUnavailable)
            #expect(response.json?["status"] as? String == "unavailable")
        }
    }

    @Test func aFormSubmittedWhileTheDatabaseIsUnusableKeepsItsModalOpenWithTheReason() async throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try AppDatabase.open(path: directory.appendingPathComponent("bot.sqlite").path)
        try await database.closeForTesting()
        try await TestApp(database: database).test(.router) { client in
            // A manager's decline reason (a one-field modal, block `text`).
            let decline = ViewSubmission(
                user: InteractionUser(id: ProgramFixture.programManager, teamID: ProgramFixture.vendorTeam),
                view: .init(callbackID: "deal_decline", privateMetadata: "DR-1", values: ["text": ["text_input": "not a fit"]]))
            let response = try await client.send(client.builder.viewSubmission(decline, timestamp: client.timestamp))
            #expect(response.status == .ok)
            #expect(response.json?["response_action"] as? String == "errors")
            #expect(((response.json?["errors"] as? [String: String])?["text"])?.contains("could not be saved, so nothing changed") == true, "\(response.text)")
        }
    }

    @Test(arguments: [TestingSetup.router, .live])
    func metricsCountRequestsByRouteAndStatusWithLatency(setup: TestingSetup) async throws {
        try await TestApp().test(setup) { client in
            _ = try await client.command("/deal", "help")
            _ = try await client.client.executeRequest(uri: "/slack/commands", method: .post, headers: [:], body: nil)
            let response = try await client.client.executeRequest(uri: "/metrics", method: .get, headers: [:], body: nil)
            #expect(response.status == .ok)
            let text = response.text
            #expect(text.contains(#"partnerbot_http_requests_total{route="/slack/commands",method="POST",status="200"} 1"#))
            #expect(text.contains(#"partnerbot_http_requests_total{route="/slack/commands",method="POST",status="401"} 1"#))
            #expect(text.contains("partnerbot_http_request_duration_seconds_bucket"))
            #expect(text.contains("partnerbot_signature_failures_total"))
        }
    }

    /// Group commits are SQLite's (PostgreSQL commits each write on its own connection).
    @Test func metricsShowHowManyWritesSharedEachCommit() async throws {
        let app = try await TestApp.program(database: AppDatabase.inMemory())
        try await app.test(.router) { client in
            // Three registrations at once: one to three commits, three operations.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for customer in ["Alpha Metrics", "Beta Metrics", "Gamma Metrics"] {
                    group.addTask {
                        _ = try await client.command("/register", customer, user: ProgramFixture.ann.user, team: ProgramFixture.ann.team)
                    }
                }
                try await group.waitForAll()
            }
            let statistics = app.database.groupCommitStatistics
            #expect(statistics.operations == 3)
            #expect((1...3).contains(statistics.commits))
            let text = try await client.client.executeRequest(uri: "/metrics", method: .get, headers: [:], body: nil).text
            #expect(text.contains("partnerbot_database_group_commit_operations_total 3"))
            #expect(text.contains("partnerbot_database_group_commits_total \(statistics.commits)"))
            // A second scrape adds nothing that did not happen.
            let again = try await client.client.executeRequest(uri: "/metrics", method: .get, headers: [:], body: nil).text
            #expect(again.contains("partnerbot_database_group_commit_operations_total 3"))
        }
    }
}
