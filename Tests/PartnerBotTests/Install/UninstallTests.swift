import FakeSlack
import Foundation
import HummingbirdTesting
@testable import PartnerBot
import SlackPlatform
import Testing

@Suite("app_uninstalled and tokens_revoked end an installation and its queued messages")
struct UninstallTests {
    static let partner = InstallationKey(rawValue: "T0PARTNER1")!
    static let reason = "the app was uninstalled from workspace T0PARTNER1"

    static func event(_ id: String, type: String, team: String = "T0PARTNER1", inner: String = "") -> String {
        #"{"type":"event_callback","team_id":"\#(team)","api_app_id":"A0APP","event_id":"\#(id)","event_time":1800000000,"event":{"type":"\#(type)"\#(inner)}}"#
    }

    static func post(_ text: String, to channel: String, through key: InstallationKey?) -> OutboundMessage {
        OutboundMessage.post(.init(text: text), to: channel, dedupeKey: "test:\(channel):\(text)").sent(through: key)
    }

    static func prepared() async throws -> TestApp {
        let app = try await InstallFixture.app()
        try await app.database.saveInstallation(InstallFixture.grant(team: "T0PARTNER1", token: "xoxb-partner"), now: TestSupport.now)
        try await app.database.saveInstallation(InstallFixture.grant(team: "T0OTHER001", token: "xoxb-other"), now: TestSupport.now)
        try await app.database.enqueue(
            [
                post("p1", to: "CP1", through: partner), post("p2", to: "CP1", through: partner), post("p3", to: "UPARTNER01", through: partner),
                post("v1", to: "CV1", through: nil), post("o1", to: "CO1", through: InstallationKey(rawValue: "T0OTHER001")),
            ], now: TestSupport.now)
        return app
    }

    @Test func uninstallDeadLettersQueuedMessagesOnceWithAClearReason() async throws {
        let app = try await Self.prepared()
        try await app.test(.router) { client in
            let response = try await client.event(Self.event("Ev1", type: "app_uninstalled"))
            #expect(response.status == .ok)
        }
        let rows = try await app.database.outboxRecords()
        let partnerRows = rows.filter { $0.workspace == "T0PARTNER1" }
        #expect(partnerRows.count == 3)
        #expect(partnerRows.allSatisfy { $0.state == .dead && $0.lastError == Self.reason && $0.attempts == 1 })
        #expect(rows.filter { $0.workspace != "T0PARTNER1" }.allSatisfy { $0.state == .pending }, "other workspaces' messages are untouched")
        let installation = try #require(try await app.database.installation(Self.partner))
        #expect(installation.revokedReason == Self.reason)

        // A retried delivery, and a second uninstall event, change nothing more.
        try await app.test(.router) { client in
            _ = try await client.event(Self.event("Ev1", type: "app_uninstalled"), retry: 1)
            _ = try await client.event(Self.event("Ev2", type: "app_uninstalled"))
            _ = try await client.event(Self.event("Ev3", type: "tokens_revoked", inner: #","tokens":{"bot":["U0BOTT0PARTNER1"]}"#))
        }
        #expect(try await app.database.outboxRecords() == rows, "dead-lettered once")
        #expect(try await app.database.installation(Self.partner)?.revokedAt == installation.revokedAt)
    }

    @Test func laterMessagesToAnUninstalledWorkspaceDeadLetterAtOnceWithoutCallingSlack() async throws {
        let app = try await Self.prepared()
        try await app.test(.router) { client in _ = try await client.event(Self.event("Ev1", type: "app_uninstalled")) }
        try await app.database.enqueue([Self.post("later", to: "CP9", through: Self.partner)], now: TestSupport.now)
        try await OutboxHarness.withWorker(database: app.database, client: app.chat, clock: app.clock) {
            let drained = try await OutboxHarness.eventually { try await app.database.outboxDepth() == 0 }
            #expect(drained)
        }
        let later = try #require(try await app.database.outboxRecords().first { $0.target == "CP9" })
        #expect(later.state == .dead)
        #expect(later.lastError == Self.reason)
        #expect(later.attempts == 1, "given up at once, not retried for a day")
        let sent = app.chat.requests(forMethod: "chat.postMessage")
        #expect(Set(sent.compactMap { $0.stringField("channel") }) == ["CV1", "CO1"])
        #expect(sent.first { $0.stringField("channel") == "CO1" }?.authorization == .token("xoxb-other"))
        #expect(sent.first { $0.stringField("channel") == "CV1" }?.authorization == .configuredToken)
    }

    @Test func tokensRevokedForTheBotUserEndsTheInstallation() async throws {
        let app = try await Self.prepared()
        try await app.test(.router) { client in
            // Only user tokens: the bot's installation stays.
            _ = try await client.event(Self.event("Ev1", type: "tokens_revoked", inner: #","tokens":{"oauth":["U0INSTALLER"]}"#))
        }
        #expect(try await app.database.installation(Self.partner)?.isRevoked == false)
        try await app.test(.router) { client in
            _ = try await client.event(Self.event("Ev2", type: "tokens_revoked", inner: #","tokens":{"oauth":[],"bot":["U0BOTT0PARTNER1"]}"#))
        }
        let installation = try #require(try await app.database.installation(Self.partner))
        #expect(installation.revokedReason == "the bot token was revoked in workspace T0PARTNER1")
        #expect(try await app.database.outboxRecords(state: .dead).count == 3)
    }

    @Test func theInstallationThatReceivedTheEventIsTheOneRevoked() async throws {
        let app = try await Self.prepared()
        // The envelope's team is the channel's host; authorizations[0] names the receiving install.
        let json = #"{"type":"event_callback","team_id":"T0HOST0001","api_app_id":"A0APP","event_id":"Ev1","event_time":1,"authorizations":[{"team_id":"T0PARTNER1","is_enterprise_install":false}],"event":{"type":"app_uninstalled"}}"#
        try await app.test(.router) { client in _ = try await client.event(json) }
        #expect(try await app.database.installation(Self.partner)?.isRevoked == true)
        #expect(try await app.database.installation(InstallationKey(rawValue: "T0OTHER001")!)?.isRevoked == false)
    }

    @Test func reinstallingClearsTheRevocation() async throws {
        let app = try await Self.prepared()
        try await app.test(.router) { client in _ = try await client.event(Self.event("Ev1", type: "app_uninstalled")) }
        try await app.database.saveInstallation(InstallFixture.grant(team: "T0PARTNER1", token: "xoxb-back"), now: TestSupport.now)
        let installation = try #require(try await app.database.installation(Self.partner))
        #expect(!installation.isRevoked)
        #expect(installation.botToken == "xoxb-back")
    }

    @Test func anUninstallOfAWorkspaceWithoutAnInstallationChangesNothing() async throws {
        let app = try await Self.prepared()
        try await app.test(.router) { client in
            let response = try await client.event(Self.event("Ev1", type: "app_uninstalled", team: "T0VENDOR01"))
            #expect(response.status == .ok)
        }
        #expect(try await app.database.outboxRecords(state: .dead).isEmpty)
        #expect(try await app.database.installations().allSatisfy { !$0.isRevoked })
    }
}
