import FakeSlack
import Foundation
@testable import PartnerBot
import SlackPlatform
import Testing

@Suite("Outbound messages use the token of the installation they belong to", .serialized)
struct WorkspaceTokenTests {
    static let tokenA = "xoxb-workspace-A-token"
    static let tokenB = "xoxb-workspace-B-token"

    func client(_ slack: FakeSlackServer) -> CurlWebAPIClient {
        CurlWebAPIClient(configuration: .init(baseURL: slack.baseURL, token: InstallFixture.defaultToken, connectTimeout: .seconds(2), totalTimeout: .seconds(5)))
    }

    func post(_ text: String, to channel: String, workspace: String?) -> OutboundMessage {
        OutboundMessage.post(.init(text: text), to: channel, dedupeKey: "test:\(channel):\(text)").sent(through: workspace.flatMap(InstallationKey.init(rawValue:)))
    }

    @Test func messagesToTwoInstalledWorkspacesUseTheirOwnTokensAndTheRestTheDefault() async throws {
        var behaviour = FakeSlackServer.Behaviour()
        behaviour.refuseUnknownTokens = true
        behaviour.knownTokens = [InstallFixture.defaultToken, Self.tokenA, Self.tokenB]
        let slack = FakeSlackServer(behaviour: behaviour)
        try await slack.start()
        defer { Task { await slack.stop() } }
        let database = try await TestDatabase.make()
        try await database.saveInstallation(InstallFixture.grant(team: "T0WORKSPA1", token: Self.tokenA), now: TestSupport.now)
        try await database.saveInstallation(InstallFixture.grant(team: "T0WORKSPB1", token: Self.tokenB), now: TestSupport.now)
        let messages = [
            post("a1", to: "CA", workspace: "T0WORKSPA1"), post("b1", to: "CB", workspace: "T0WORKSPB1"),
            post("v1", to: "CV", workspace: nil), post("a2", to: "CA", workspace: "T0WORKSPA1"),
            post("b2", to: "CB", workspace: "T0WORKSPB1"), post("v2", to: "CV", workspace: nil),
            post("n1", to: "CN", workspace: "T0NOINSTAL"),  // a workspace without an installation: the default token
        ]
        try await database.enqueue(messages, now: Date())
        try await OutboxHarness.withWorker(database: database, client: client(slack)) {
            let sent = try await OutboxHarness.eventually { try await database.outboxRecords(state: .sent).count == messages.count }
            #expect(sent)
        }
        let tokens = Dictionary(grouping: slack.accepted, by: \.channel).mapValues { Set($0.map(\.token)) }
        #expect(tokens["CA"] == [Self.tokenA])
        #expect(tokens["CB"] == [Self.tokenB])
        #expect(tokens["CV"] == [InstallFixture.defaultToken])
        #expect(tokens["CN"] == [InstallFixture.defaultToken])
        #expect(slack.refusedAuthCount == 0)
        #expect(try await database.outboxRecords().filter { $0.target == "CA" }.allSatisfy { $0.workspace == "T0WORKSPA1" })
    }

    @Test func withoutInstallationsEveryMessageUsesTheConfiguredTokenAsBefore() async throws {
        let database = try await TestDatabase.make()
        let chat = RecordingWebAPIClient()
        try await database.enqueue((0..<5).map { OutboxHarness.message($0, channel: "C\($0 % 2)") }, now: Date())
        try await OutboxHarness.withWorker(database: database, client: chat) {
            let sent = try await OutboxHarness.eventually { try await database.outboxRecords(state: .sent).count == 5 }
            #expect(sent)
        }
        #expect(chat.requests.count == 5)
        #expect(chat.requests.allSatisfy { $0.authorization == .configuredToken })
    }

    @Test func aReinstalledWorkspacesNewTokenIsUsedAtOnce() async throws {
        let database = try await TestDatabase.make()
        let chat = RecordingWebAPIClient()
        try await database.saveInstallation(InstallFixture.grant(team: "T0WORKSPA1", token: "xoxb-old"), now: TestSupport.now)
        try await OutboxHarness.withWorker(database: database, client: chat) {
            try await database.enqueue([post("first", to: "CA", workspace: "T0WORKSPA1")], now: Date())
            #expect(try await OutboxHarness.eventually { try await database.outboxRecords(state: .sent).count == 1 })
            try await database.saveInstallation(InstallFixture.grant(team: "T0WORKSPA1", token: "xoxb-new"), now: TestSupport.now)
            try await database.enqueue([post("second", to: "CA", workspace: "T0WORKSPA1")], now: Date())
            #expect(try await OutboxHarness.eventually { try await database.outboxRecords(state: .sent).count == 2 })
        }
        #expect(chat.requests.map(\.authorization.tokenOverride) == ["xoxb-old", "xoxb-new"], "the cache drops a changed installation at once")
    }

    /// Another instance refreshed the token (Slack no longer takes the old one) while this one
    /// still had the old one cached: the message goes out with the new one, not to the dead letters.
    @Test(arguments: TestDatabase.available)
    func aTokenChangedByAnotherInstanceWithinTheCacheLifetimeIsUsedWhenTheOldOneIsRefused(on backend: TestDatabase.Backend) async throws {
        var behaviour = FakeSlackServer.Behaviour()
        behaviour.refuseUnknownTokens = true
        behaviour.knownTokens = ["xoxb-before"]
        let slack = FakeSlackServer(behaviour: behaviour)
        try await slack.start()
        defer { Task { await slack.stop() } }
        var refreshed = behaviour
        refreshed.knownTokens = ["xoxb-after"]
        let afterRefresh = refreshed
        let instances = try await TestDatabase.instances(2, on: backend)
        let (this, other) = (instances[0], instances[1])
        try await this.saveInstallation(InstallFixture.grant(team: "T0WORKSPA1", token: "xoxb-before"), now: TestSupport.now)
        try await OutboxHarness.withWorker(database: this, client: client(slack)) {
            try await this.enqueue([post("first", to: "CA", workspace: "T0WORKSPA1")], now: Date())
            #expect(try await OutboxHarness.eventually { try await this.outboxRecords(state: .sent).count == 1 })
            // The other instance's change does not reach this one's cache before it expires.
            try await other.saveInstallation(InstallFixture.grant(team: "T0WORKSPA1", token: "xoxb-after"), now: TestSupport.now)
            slack.setBehaviour(afterRefresh)
            try await this.enqueue([post("second", to: "CA", workspace: "T0WORKSPA1")], now: Date())
            #expect(try await OutboxHarness.eventually { try await this.outboxRecords(state: .sent).count == 2 })
        }
        #expect(try await this.outboxRecords(state: .dead).isEmpty)
        #expect(slack.accepted.map(\.token) == ["xoxb-before", "xoxb-after"])
        #expect(slack.refusedAuthCount == 1, "the cached token was tried once")
    }

    @Test func installedThroughOAuthOnlyAlertsWaitForTheVendorsInstallThenUseItsToken() async throws {
        let database = try await TestDatabase.make()
        try await ProgramFixture.load(into: database)
        let chat = RecordingWebAPIClient()
        let tokens = InstallationTokens(
            database: database, client: chat, credentials: nil, clock: SystemWallClock(), logger: TestSupport.logger,
            settings: { var settings = InstallationTokens.Settings(); settings.cacheLifetime = .zero; return settings }(), fallback: .vendorInstallation)
        // The partner's workspace installs first: it is a partner organisation's, never the vendor's.
        try await database.saveInstallation(InstallFixture.grant(team: ProgramFixture.ann.team, token: "xoxb-acme"), now: TestSupport.now)
        #expect(try await database.vendorInstallationKey() == nil)
        let alert = post("protection expires", to: ProgramFixture.managersChannel, workspace: nil)
        try await database.enqueue([alert], now: Date())
        var configuration = OutboxHarness.fastConfiguration()
        configuration.maxAttempts = 1000
        try await OutboxHarness.withWorker(database: database, client: chat, configuration: configuration, tokens: tokens) {
            let retried = try await OutboxHarness.eventually { try await database.outboxRecords().filter { $0.target == alert.target }.first?.attempts ?? 0 >= 1 }
            #expect(retried, "the alert is held back while no vendor workspace is installed")
            #expect(chat.requests.isEmpty, "nothing is sent with an empty token")
            #expect(try await database.outboxRecords(state: .dead).isEmpty, "held back, not dead-lettered")
            try await database.saveInstallation(InstallFixture.grant(team: ProgramFixture.vendorTeam, token: "xoxb-vendor"), now: TestSupport.now.addingTimeInterval(60))
            #expect(try await OutboxHarness.eventually { try await database.outboxRecords(state: .sent).contains { $0.target == alert.target } })
        }
        #expect(try await database.vendorInstallationKey()?.rawValue == ProgramFixture.vendorTeam)
        #expect(chat.requests.count == 1)
        #expect(chat.requests.allSatisfy { $0.authorization.tokenOverride == "xoxb-vendor" }, "the vendor's own installation sends what belongs to no installation")
    }

    @Test func theConfigurationPicksTheVendorInstallationOnlyWithOAuthAndNoBotToken() {
        var configuration = InstallFixture.configuration()
        #expect(configuration.tokenFallback == .vendorInstallation)
        configuration.slack.botToken = "xoxb-configured"
        #expect(configuration.tokenFallback == .configuredToken)
        #expect(TestSupport.configuration().tokenFallback == .configuredToken, "without OAuth: the configured token or the local chat sink")
    }

    @Test func aTokenOverrideNeverShowsInDescriptions() async throws {
        let request = WebAPIRequest(method: "chat.postMessage", body: []).using(token: "xoxb-very-secret")
        for text in ["\(request)", String(reflecting: request), "\(request.authorization)", "\(InstallationTokens.Resolution.token("xoxb-very-secret"))"] {
            #expect(!text.contains("xoxb-very-secret"), "\(text)")
        }
    }
}

@Suite("partnerbot installations")
struct InstallationReportTests {
    @Test func theReportNamesTheVendorExpiryAndRevocationsButNoToken() async throws {
        let database = try await TestDatabase.make()
        try await ProgramFixture.load(into: database)
        #expect(InstallationReport.text([], vendor: nil, now: TestSupport.now).contains("no installations"))
        _ = try await database.saveInstallation(InstallFixture.grant(team: ProgramFixture.ann.team, token: "xoxb-acme-SECRET"), now: TestSupport.now)
        _ = try await database.saveInstallation(
            InstallFixture.grant(team: ProgramFixture.vendorTeam, token: "xoxe.xoxb-vendor-SECRET", refreshToken: "xoxe-1-SECRET", expiresIn: 3600),
            now: TestSupport.now)
        let text = InstallationReport.text(
            try await database.installations(), vendor: try await database.vendorInstallationKey(), now: TestSupport.now.addingTimeInterval(7200))
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        let vendor = try #require(lines.first { $0.contains(ProgramFixture.vendorTeam) })
        #expect(vendor.contains("vendor workspace") && vendor.contains("TOKEN EXPIRED"))
        let partner = try #require(lines.first { $0.contains(ProgramFixture.ann.team) })
        #expect(!partner.contains("vendor workspace"), "a partner organisation's workspace is never the vendor's")
        #expect(!text.contains("SECRET"))
    }
}

/// Slack limits an app's calls per method and workspace: one workspace's 429 holds back only
/// that workspace's messages.
@Suite("Rate limits are per workspace")
struct PerWorkspaceRateLimitTests {
    @Test func aWorkspaceOverItsLimitDoesNotHoldBackAnother() async throws {
        let database = try await TestDatabase.make()
        try await database.saveInstallation(InstallFixture.grant(team: "T0WORKSPA1", token: WorkspaceTokenTests.tokenA), now: TestSupport.now)
        try await database.saveInstallation(InstallFixture.grant(team: "T0WORKSPB1", token: WorkspaceTokenTests.tokenB), now: TestSupport.now)
        // Workspace A is over its limit for the next minute; B is not.
        let chat = RecordingWebAPIClient(responder: { request in
            request.authorization == .token(WorkspaceTokenTests.tokenA) ? .failure(.rateLimited(retryAfterSeconds: 60)) : nil
        })
        let post = { @Sendable (text: String, channel: String, workspace: String) in
            OutboundMessage.post(.init(text: text), to: channel, dedupeKey: "limit:\(channel):\(text)").sent(through: InstallationKey(rawValue: workspace))
        }
        // A's first message meets the 429 before B's are claimed (one delivery at a time).
        try await database.enqueue([post("a1", "CA1", "T0WORKSPA1")], now: Date())
        var configuration = OutboxHarness.fastConfiguration()
        configuration.concurrency = 1
        try await OutboxHarness.withWorker(database: database, client: chat, configuration: configuration) {
            #expect(try await OutboxHarness.eventually { chat.requests.count == 1 })
            try await database.enqueue(
                [post("a2", "CA2", "T0WORKSPA1")] + (1...4).map { post("b\($0)", "CB\($0)", "T0WORKSPB1") }, now: Date())
            let bSent = try await OutboxHarness.eventually {
                try await database.outboxRecords(state: .sent).filter { $0.workspace == "T0WORKSPB1" }.count == 4
            }
            #expect(bSent, "B's messages go out while A waits")
        }
        let toA = chat.requests.filter { $0.authorization == .token(WorkspaceTokenTests.tokenA) }
        #expect(toA.count == 1, "A is not called again inside its Retry-After")
        let open = try await database.outboxRecords().filter { $0.state != .sent }.map(\.dedupeKey).sorted()
        #expect(open == ["limit:CA1:a1", "limit:CA2:a2"], "A's messages wait for their Retry-After")
    }
}
