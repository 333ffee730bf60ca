import FakeSlack
import Foundation
@testable import PartnerBot
import SlackPlatform
import Testing

@Suite("Token rotation: refreshed before expiry, once, across processes; failures keep the old token", .serialized)
struct TokenRotationTests {
    static let key = InstallationKey(rawValue: "T0ROTATE01")!

    /// A fake Slack that knows the app, and a database with an installation whose rotating token
    /// expires in `expiresIn` seconds (installed through the fake, so it knows the refresh token).
    static func installed(expiresIn: Int, path: String? = nil) async throws -> (FakeSlackServer, CurlWebAPIClient, AppDatabase, ManualWallClock) {
        let slack = FakeSlackServer()
        try await slack.start()
        slack.setOAuthClient(id: InstallFixture.clientID, secret: InstallFixture.clientSecretText)
        slack.addInstallCode("c", granting: FakeOAuthInstall(teamID: key.rawValue, accessToken: "xoxe.xoxb-original", expiresIn: expiresIn))
        let client = CurlWebAPIClient(configuration: .init(baseURL: slack.baseURL, token: InstallFixture.defaultToken, connectTimeout: .seconds(2), totalTimeout: .seconds(5)))
        let grant = try OAuthV2Grant(try await client.call(OAuthV2Access.exchange(code: "c", redirectURI: "https://x/slack/oauth_redirect", credentials: InstallFixture.credentials)))
        let database = if let path { try AppDatabase.open(path: path) } else { try await TestDatabase.make() }
        let clock = ManualWallClock(TestSupport.now)
        try await database.saveInstallation(grant, now: clock.now())
        return (slack, client, database, clock)
    }

    static func tokens(_ database: AppDatabase, _ client: CurlWebAPIClient, _ clock: ManualWallClock, credentials: OAuthClientCredentials? = InstallFixture.credentials) -> InstallationTokens {
        // No cache: each call reads the row, so what another process stored shows at once.
        var settings = InstallationTokens.Settings()
        settings.cacheLifetime = .zero
        return InstallationTokens(database: database, client: client, credentials: credentials, clock: clock, logger: TestSupport.logger, settings: settings)
    }

    @Test func aTokenAboutToExpireIsRefreshedOnceByTwoProcessesSharingTheFile() async throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("bot.sqlite").path
        let (slack, client, first, clock) = try await Self.installed(expiresIn: 600, path: path)
        defer { Task { await slack.stop() } }
        let second = try AppDatabase.open(path: path)
        slack.setRefreshDelay(.milliseconds(300))
        let sources = [Self.tokens(first, client, clock), Self.tokens(second, client, clock)]
        let resolutions = try await withThrowingTaskGroup(of: InstallationTokens.Resolution.self) { group in
            for index in 0..<12 { group.addTask { await sources[index % 2].resolve(Self.key) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(slack.oauthRefreshCount == 1, "one refresh between two processes and twelve callers")
        for resolution in resolutions {
            guard case .token(let token) = resolution else { Issue.record("no token: \(resolution)"); continue }
            #expect(token.hasPrefix("xoxe.xoxb-"), "the old token (still valid) or the new one")
        }
        let stored = try #require(try await second.installation(Self.key))
        #expect(stored.botToken != "xoxe.xoxb-original")
        #expect(stored.tokenExpiresAt == clock.now().addingTimeInterval(TimeInterval(FakeSlackServer.refreshedTokenLifetime)))
        #expect(stored.refreshFailures == 0)
        for source in sources {
            #expect(await source.resolve(Self.key) == .token(stored.botToken), "both processes use the new token")
        }
        #expect(slack.oauthRefreshCount == 1)
    }

    @Test func aTokenFarFromExpiryIsNotRefreshed() async throws {
        let (slack, client, database, clock) = try await Self.installed(expiresIn: 43_200)
        defer { Task { await slack.stop() } }
        #expect(await Self.tokens(database, client, clock).resolve(Self.key) == .token("xoxe.xoxb-original"))
        #expect(slack.oauthRefreshCount == 0)
    }

    @Test func aFailedRefreshKeepsTheOldTokenAndIsRetriedLater() async throws {
        let (slack, client, database, clock) = try await Self.installed(expiresIn: 900)
        defer { Task { await slack.stop() } }
        slack.failNextRefreshes(1)
        let tokens = Self.tokens(database, client, clock)
        #expect(await tokens.resolve(Self.key) == .token("xoxe.xoxb-original"), "the old token until it expires")
        #expect(slack.oauthRefreshCount == 1)
        let failed = try #require(try await database.installation(Self.key))
        #expect(failed.refreshFailures == 1)
        #expect(failed.lastRefreshError?.contains("internal_error") == true)
        #expect(failed.refreshToken != nil, "the refresh token is kept for the retry")
        #expect(await tokens.resolve(Self.key) == .token("xoxe.xoxb-original"))
        #expect(slack.oauthRefreshCount == 1, "no retry before its time")
        clock.advance(by: 31)
        guard case .token(let token) = await tokens.resolve(Self.key) else { Issue.record("no token"); return }
        #expect(token != "xoxe.xoxb-original")
        #expect(slack.oauthRefreshCount == 2)
        #expect(try await database.installation(Self.key)?.refreshFailures == 0)
    }

    @Test func anExpiredTokenThatCannotBeRefreshedDelaysItsMessagesInsteadOfDeadLetteringThem() async throws {
        let (slack, client, database, clock) = try await Self.installed(expiresIn: 60)
        defer { Task { await slack.stop() } }
        clock.advance(by: 120)
        slack.failNextRefreshes(1000)
        try await database.enqueue([OutboxHarness.message(1, channel: "CROT").sent(through: Self.key)], now: clock.now())
        try await OutboxHarness.withWorker(database: database, client: client, clock: clock, tokens: Self.tokens(database, client, clock)) {
            let tried = try await OutboxHarness.eventually { try await database.outboxRecords().first?.attempts == 1 }
            #expect(tried)
        }
        let row = try #require(try await database.outboxRecords().first)
        #expect(row.state == .pending)
        #expect(row.lastError?.contains("expired") == true)
        #expect(slack.accepted.isEmpty, "nothing sent with an expired token")
        #expect(slack.oauthRefreshCount >= 1)
    }

    @Test func theRefresherRefreshesQuietWorkspacesBeforeTheirTokensExpire() async throws {
        let (slack, client, database, clock) = try await Self.installed(expiresIn: 1200)
        defer { Task { await slack.stop() } }
        await Self.tokens(database, client, clock).refreshDue()
        #expect(slack.oauthRefreshCount == 1)
        await Self.tokens(database, client, clock).refreshDue()
        #expect(slack.oauthRefreshCount == 1, "a fresh token is left alone")
        #expect(try await database.installation(Self.key)?.botToken.hasPrefix("xoxe.xoxb-T0ROTATE01-") == true)
    }

    @Test func withoutClientCredentialsTokensAreUsedAsStored() async throws {
        let (slack, client, database, clock) = try await Self.installed(expiresIn: 600)
        defer { Task { await slack.stop() } }
        #expect(await Self.tokens(database, client, clock, credentials: nil).resolve(Self.key) == .token("xoxe.xoxb-original"))
        #expect(slack.oauthRefreshCount == 0)
    }
}
