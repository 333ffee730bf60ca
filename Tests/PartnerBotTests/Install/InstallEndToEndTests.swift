import FakeSlack
import Foundation
import HummingbirdTesting
@testable import PartnerBot
import SlackPlatform
import Testing

@Suite("A whole install over real sockets: install page, Slack's redirect, the fake's code exchange")
struct InstallEndToEndTests {
    @Test func aPartnerInstallsTheAppAndItsTokenNeverShowsInLogsOrPages() async throws {
        let slack = FakeSlackServer()
        try await slack.start()
        defer { Task { await slack.stop() } }
        slack.setOAuthClient(id: InstallFixture.clientID, secret: InstallFixture.clientSecretText)
        let token = "xoxb-partner-SECRET-token-123"
        slack.addInstallCode("code-from-slack", granting: FakeOAuthInstall(teamID: "T0PARTNER1", teamName: "Partner Co", accessToken: token))

        let logs = LogCapture()
        let logger = logs.logger
        let configuration = InstallFixture.configuration(authorizeURL: "http://127.0.0.1:\(slack.port)/oauth/v2/authorize", apiURL: slack.baseURL)
        let client = CurlWebAPIClient(configuration: WebAPIClientConfiguration(baseURL: slack.baseURL, token: InstallFixture.defaultToken), logger: logger)
        let database = try await TestDatabase.make()
        let clock = ManualWallClock(TestSupport.now)
        let dependencies = AppDependencies(
            database: database, clock: clock, logger: logger, catalog: TestSupport.catalog, chatClient: client, background: [])
        let app = try buildApplication(configuration: configuration, dependencies: dependencies)

        let pages = try await app.test(.live) { tester in
            let signed = SignedClient(client: tester, clock: clock)
            let page = try await signed.installPage()
            #expect(page.authorizeURL.hasPrefix("http://127.0.0.1:\(slack.port)/oauth/v2/authorize?client_id=\(InstallFixture.clientID)&"))
            // Slack sends the installer back with a code and the state.
            let done = try await signed.redirect(code: "code-from-slack", state: page.parameter("state"), cookie: page.cookieValue)
            #expect(done.status == .ok)
            #expect(done.text.contains("installed in Partner Co"))
            // The same code again (a reload) is refused: the state was used.
            let again = try await signed.redirect(code: "code-from-slack", state: page.parameter("state"), cookie: page.cookieValue)
            #expect(again.status == .badRequest)
            return [page.body, done.text, again.text] + [done.headers, again.headers].map { "\($0)" }
        }

        #expect(slack.oauthExchangeCount == 1, "the fake checked the client credentials and exchanged the code once")
        let installation = try #require(try await database.installation(InstallationKey(rawValue: "T0PARTNER1")!))
        #expect(installation.botToken == token)
        #expect(installation.teamName == "Partner Co")
        #expect(installation.appID == "A0PARTNERBOT")
        let logged = logs.lines
        #expect(logged.contains { $0.contains("app installed") && $0.contains("T0PARTNER1") })
        for text in logged + pages {
            #expect(!text.contains(token), "the token leaked: \(text)")
            #expect(!text.contains(InstallFixture.clientSecretText), "the secret leaked: \(text)")
            #expect(!text.contains("code-from-slack"), "the code leaked: \(text)")
        }
    }

    @Test func wrongClientCredentialsAreRefusedBySlackAndNothingIsStored() async throws {
        let slack = FakeSlackServer()
        try await slack.start()
        defer { Task { await slack.stop() } }
        slack.setOAuthClient(id: InstallFixture.clientID, secret: "the-real-secret")
        slack.addInstallCode("code", granting: FakeOAuthInstall(teamID: "T0PARTNER1", accessToken: "xoxb-x"))
        var configured = try await InstallFixture.app()
        configured.configuration.slack.apiURL = slack.baseURL
        let app = configured
        let client = CurlWebAPIClient(configuration: WebAPIClientConfiguration(baseURL: slack.baseURL, token: InstallFixture.defaultToken))
        let dependencies = AppDependencies(
            database: app.database, clock: app.clock, logger: TestSupport.logger, catalog: TestSupport.catalog, chatClient: client, background: [])
        let response = try await buildApplication(configuration: app.configuration, dependencies: dependencies).test(.live) { tester in
            let signed = SignedClient(client: tester, clock: app.clock)
            let page = try await signed.installPage()
            return try await signed.redirect(code: "code", state: page.parameter("state"), cookie: page.cookieValue)
        }
        #expect(response.status == .badRequest)
        #expect(response.text.contains("bad_client_secret"))
        #expect(try await app.database.installations().isEmpty)
    }
}
