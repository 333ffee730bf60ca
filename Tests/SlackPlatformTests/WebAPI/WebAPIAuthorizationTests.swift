import FakeSlack
import Foundation
import Testing

@testable import SlackPlatform

@Suite("Per-request authorization: a token override, client credentials, none")
struct WebAPIAuthorizationTests {
    static let configured = "xoxb-configured-token"

    static func started(_ behaviour: FakeSlackServer.Behaviour = .init()) async throws -> (FakeSlackServer, CurlWebAPIClient) {
        let slack = FakeSlackServer(behaviour: behaviour)
        try await slack.start()
        return (slack, CurlWebAPIClient(configuration: .init(baseURL: slack.baseURL, token: configured, connectTimeout: .seconds(2), totalTimeout: .seconds(5))))
    }

    static func post(_ channel: String) -> WebAPIRequest {
        WebAPIRequest(method: "chat.postMessage", body: Array(#"{"channel":"\#(channel)","text":"hi"}"#.utf8))
    }

    @Test func aRequestsTokenIsSentInsteadOfTheConfiguredOne() async throws {
        let (slack, client) = try await Self.started()
        defer { Task { await slack.stop() } }
        _ = try await client.call(Self.post("C1"))
        _ = try await client.call(Self.post("C2").using(token: "xoxb-installation-token"))
        _ = try await client.call(Self.post("C3").using(token: nil))
        #expect(slack.accepted.map(\.token) == [Self.configured, "xoxb-installation-token", Self.configured])
    }

    @Test func unknownTokensCanBeRefusedByTheFake() async throws {
        var behaviour = FakeSlackServer.Behaviour()
        behaviour.refuseUnknownTokens = true
        behaviour.knownTokens = [Self.configured]
        let (slack, client) = try await Self.started(behaviour)
        defer { Task { await slack.stop() } }
        _ = try await client.call(Self.post("C1"))
        let refused = await WebAPITestSupport.failure { try await client.call(Self.post("C2").using(token: "xoxb-unknown")) }
        #expect(refused == .apiError(code: "invalid_auth"))
        var anonymous = Self.post("C3")
        anonymous.authorization = .none
        #expect(await WebAPITestSupport.failure { try await client.call(anonymous) } == .apiError(code: "invalid_auth"))
        #expect(slack.refusedAuthCount == 2)
        #expect(slack.accepted.map(\.channel) == ["C1"])
    }

    @Test func aTokenOverrideWithALineBreakIsRefusedWithoutACall() async throws {
        let (slack, client) = try await Self.started()
        defer { Task { await slack.stop() } }
        let failure = await WebAPITestSupport.failure { try await client.call(Self.post("C1").using(token: "xoxb-a\r\nX-Evil: 1")) }
        #expect(failure == .apiError(code: "invalid_auth"))
        #expect(slack.requestCount == 0)
    }

    @Test func oauthAccessSendsTheClientCredentialsInHTTPBasicAndTheFormInTheBody() async throws {
        let (slack, client) = try await Self.started()
        defer { Task { await slack.stop() } }
        slack.setOAuthClient(id: "123.456", secret: "s3cret")
        slack.addInstallCode("good", granting: FakeOAuthInstall(teamID: "T1", teamName: "One", accessToken: "xoxb-one", expiresIn: 43_200))
        let credentials = OAuthClientCredentials(clientID: "123.456", clientSecret: ClientSecret("s3cret")!)
        let grant = try OAuthV2Grant(try await client.call(OAuthV2Access.exchange(code: "good", redirectURI: "https://b/slack/oauth_redirect", credentials: credentials)))
        #expect(grant.accessToken == "xoxb-one")
        #expect(grant.team == .init(id: "T1", name: "One"))
        #expect(grant.refreshToken != nil && grant.expiresIn == 43_200)
        #expect(!"\(grant)".contains("xoxb-one"))
        // Codes are single use; a wrong secret is refused.
        #expect(await WebAPITestSupport.failure { try await client.call(OAuthV2Access.exchange(code: "good", redirectURI: "x", credentials: credentials)) } == .apiError(code: "invalid_code"))
        let wrong = OAuthClientCredentials(clientID: "123.456", clientSecret: ClientSecret("wrong")!)
        #expect(await WebAPITestSupport.failure { try await client.call(OAuthV2Access.refresh(refreshToken: grant.refreshToken!, credentials: wrong)) } == .apiError(code: "bad_client_secret"))
        let refreshed = try OAuthV2Grant(try await client.call(OAuthV2Access.refresh(refreshToken: grant.refreshToken!, credentials: credentials)), requiringWorkspace: false)
        #expect(refreshed.accessToken != grant.accessToken && refreshed.refreshToken != grant.refreshToken)
        #expect(await WebAPITestSupport.failure { try await client.call(OAuthV2Access.refresh(refreshToken: grant.refreshToken!, credentials: credentials)) } == .apiError(code: "invalid_refresh_token"), "a refresh token works once")
        #expect(slack.oauthExchangeCount == 1)
        #expect(slack.oauthRefreshCount == 2, "grants with the right credentials")
    }

    @Test func descriptionsNeverShowTokensOrSecrets() {
        let request = Self.post("C1").using(token: "xoxb-hidden-token")
        var basic = Self.post("C1")
        basic.authorization = .clientCredentials(clientID: "1.2", clientSecret: "hidden-secret")
        for text in ["\(request)", String(reflecting: request), "\(basic)", String(reflecting: basic), "\(ClientSecret("hidden-secret")!)"] {
            #expect(!text.contains("xoxb-hidden-token") && !text.contains("hidden-secret"), "\(text)")
        }
        #expect(request.authorization.tokenOverride == "xoxb-hidden-token")
    }

    @Test func anOrganisationWideGrantNamesTheEnterpriseAndNoTeam() throws {
        let body = #"{"ok":true,"access_token":"xoxb-e","token_type":"bot","scope":"commands","bot_user_id":"UB","app_id":"A1","team":null,"enterprise":{"id":"E1","name":"Grid"},"is_enterprise_install":true,"authed_user":{"id":"U1"}}"#
        let grant = try OAuthV2Grant(WebAPIResponse(ok: true, body: Array(body.utf8)))
        #expect(grant.team == nil && grant.enterprise?.id == "E1" && grant.isEnterpriseInstall)
        #expect(grant.refreshToken == nil && grant.expiresIn == nil)
        #expect(throws: WebAPIFailure.self) { try OAuthV2Grant(WebAPIResponse(ok: true, body: Array(#"{"ok":true,"access_token":"x","team":null}"#.utf8))) }
        #expect(throws: WebAPIFailure.self) { try OAuthV2Grant(WebAPIResponse(ok: true, body: Array(#"{"ok":true,"team":{"id":"T1"}}"#.utf8))) }
    }
}
