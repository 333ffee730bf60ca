import FakeSlack
import Foundation
import HummingbirdTesting
@testable import PartnerBot
import SlackPlatform
import Testing

@Suite("Install page: the Add to Slack link and the state cookie")
struct InstallPageTests {
    @Test func theInstallPageLinksToSlacksAuthorizePageWithASignedStateAlsoSetAsACookie() async throws {
        let app = try await InstallFixture.app()
        try await app.test(.router) { client in
            let page = try await client.installPage()
            #expect(page.status == .ok)
            #expect(page.body.contains("Add to Slack"))
            #expect(page.authorizeURL.hasPrefix("https://slack.com/oauth/v2/authorize?"))
            #expect(page.parameter("client_id") == InstallFixture.clientID)
            #expect(page.parameter("scope") == ManifestBuilder.botScopes.joined(separator: ","))
            #expect(page.parameter("redirect_uri") == "https://bot.example.com/slack/oauth_redirect")
            let state = try #require(page.parameter("state"))
            #expect(page.cookieValue == state, "the same value in the link and the cookie")
            for attribute in ["HttpOnly", "Secure", "SameSite=Lax", "Path=/slack", "Max-Age=600"] {
                #expect(page.setCookie.contains(attribute), "cookie attribute \(attribute): \(page.setCookie)")
            }
            // The state is this bot's, signed, and valid for ten minutes.
            let checked = try OAuthStateSigner(secret: InstallFixture.clientSecret).verify(state, now: TestSupport.now)
            #expect(checked.expiresAt == Int64(TestSupport.now.timeIntervalSince1970) + 600)
            #expect(!page.body.contains(InstallFixture.clientSecretText))
        }
    }

    @Test func eachVisitGetsAFreshNonce() async throws {
        try await InstallFixture.app().test(.router) { client in
            let first = try await client.installPage().parameter("state")
            let second = try await client.installPage().parameter("state")
            #expect(first != nil && first != second)
        }
    }

    @Test func theLinkIsEscapedInThePage() async throws {
        var app = try await InstallFixture.app()
        app.configuration.slack.oauthAuthorizeURL = "https://slack.example/authorize?team=T1&x=\"y\""
        try await app.test(.router) { client in
            let page = try await client.installPage()
            #expect(page.body.contains("?team=T1&amp;x=&quot;y&quot;&amp;client_id="))
            #expect(!page.body.contains("x=\"y\""))
        }
    }

    @Test func withoutOAuthSettingsTheInstallRoutesAnswer404WithOneLine() async throws {
        var app = try await TestApp()
        app.configuration.slack.clientID = InstallFixture.clientID  // no secret, no public URL
        try await app.test(.router) { client in
            for path in ["/slack/install", "/slack/oauth_redirect?code=x&state=y"] {
                let response = try await client.get(path)
                #expect(response.status == .notFound)
                #expect(response.text.contains("SLACK_CLIENT_ID"))
                #expect(response.text.split(separator: "\n").count == 1)
            }
        }
    }

    @Test func theInstallRoutesAreNotBehindTheSignatureCheck() async throws {
        try await InstallFixture.app().test(.live) { client in
            // No X-Slack-Signature: a browser cannot sign.
            let page = try await client.get("/slack/install")
            let redirect = try await client.get("/slack/oauth_redirect")
            let command = try await client.client.executeRequest(uri: "/slack/commands", method: .post, headers: [:], body: nil)
            #expect(page.status == .ok)
            #expect(redirect.status == .badRequest)
            #expect(command.status == .unauthorized)
        }
    }
}
