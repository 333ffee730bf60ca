import FakeSlack
import Foundation
import HummingbirdTesting
@testable import PartnerBot
import SlackPlatform
import Testing

@Suite("Install redirect: state checks, the code exchange, the stored installation")
struct InstallRedirectTests {
    static func answer(team: String = "T0PARTNER1", name: String = "Partner Co", token: String = "xoxb-partner-token") -> Result<WebAPIResponse, WebAPIFailure> {
        .success(WebAPIResponse(ok: true, body: InstallFixture.grantJSON(team: team, name: name, token: token)))
    }

    @Test func aGenuineRedirectExchangesTheCodeAndStoresTheInstallation() async throws {
        let app = try await InstallFixture.app()
        app.chat.enqueue(Self.answer(name: "Partner <Co> & Sons"), forMethod: "oauth.v2.access")
        try await app.test(.router) { client in
            let page = try await client.installPage()
            let response = try await client.redirect(code: "code-1", state: page.parameter("state"), cookie: page.cookieValue)
            #expect(response.status == .ok)
            #expect(response.text.contains("installed in Partner &lt;Co&gt; &amp; Sons"), "the workspace is named, escaped")
            #expect(!response.text.contains("xoxb-partner-token"))
            let cleared = try #require(response.headers[.setCookie])
            #expect(cleared.hasPrefix("\(InstallRoutes.cookieName)=;") && cleared.contains("Max-Age=0"), "the cookie is cleared: \(cleared)")
        }
        let exchange = try #require(app.chat.requests(forMethod: "oauth.v2.access").first)
        #expect(exchange.contentType == WebAPIRequest.formContentType)
        #expect(exchange.authorization == .clientCredentials(clientID: InstallFixture.clientID, clientSecret: InstallFixture.clientSecretText))
        let form = FormBody(exchange.body)
        #expect(form["code"] == "code-1")
        #expect(form["redirect_uri"] == "https://bot.example.com/slack/oauth_redirect")
        #expect(form["client_secret"] == nil, "the secret travels in HTTP Basic, not in the body")
        let installation = try #require(try await app.database.installation(InstallationKey(rawValue: "T0PARTNER1")!))
        #expect(installation.botToken == "xoxb-partner-token")
        #expect(installation.teamName == "Partner <Co> & Sons")
        #expect(installation.botUserID == "U0BOTT0PARTNER1")
        #expect(installation.installerUserID == "U0INSTALLER")
        #expect(installation.scopes == ["commands", "chat:write"])
        #expect(!installation.isRevoked)
        #expect(!"\(installation)".contains("xoxb-partner-token"), "an installation's description hides its token")
    }

    enum Tampering: String, CaseIterable, Sendable {
        case missing, forged, otherSecret, expired, cookieMismatch, noCookie
    }

    @Test(arguments: Tampering.allCases)
    func aBadStateIsRefusedAndNothingIsStoredOrExchanged(tampering: Tampering) async throws {
        let app = try await InstallFixture.app()
        app.chat.enqueue(Self.answer(), forMethod: "oauth.v2.access")
        try await app.test(.router) { client in
            let page = try await client.installPage()
            let state = try #require(page.parameter("state"))
            var sent: String? = state
            var cookie: String? = state
            switch tampering {
            case .missing: sent = nil
            case .forged: sent = String(state.dropLast()) + (state.hasSuffix("0") ? "1" : "0")
            case .otherSecret: sent = OAuthStateSigner(secret: ClientSecret("another-secret")!).issue(now: TestSupport.now).value
            case .expired: app.clock.advance(by: 601)
            case .cookieMismatch: cookie = OAuthStateSigner(secret: InstallFixture.clientSecret).issue(now: TestSupport.now).value
            case .noCookie: cookie = nil
            }
            if tampering == .forged || tampering == .otherSecret { cookie = sent }
            let response = try await client.redirect(code: "code-1", state: sent, cookie: cookie)
            #expect(response.status == .badRequest, "\(tampering)")
            #expect(response.text.contains("Installation not completed"))
        }
        #expect(app.chat.requests(forMethod: "oauth.v2.access").isEmpty, "no code exchanged")
        #expect(try await app.database.installations().isEmpty, "nothing stored")
    }

    @Test func aReplayedStateIsRefused() async throws {
        let app = try await InstallFixture.app()
        app.chat.enqueue(Self.answer(), forMethod: "oauth.v2.access")
        app.chat.enqueue(Self.answer(token: "xoxb-second"), forMethod: "oauth.v2.access")
        try await app.test(.router) { client in
            let page = try await client.installPage()
            #expect(try await client.redirect(code: "code-1", state: page.parameter("state"), cookie: page.cookieValue).status == .ok)
            let replay = try await client.redirect(code: "code-2", state: page.parameter("state"), cookie: page.cookieValue)
            #expect(replay.status == .badRequest)
            #expect(replay.text.contains("already used"))
        }
        #expect(app.chat.requests(forMethod: "oauth.v2.access").count == 1)
        #expect(try await app.database.installation(InstallationKey(rawValue: "T0PARTNER1")!)?.botToken == "xoxb-partner-token")
    }

    @Test func aReplayIsRefusedByAnotherProcessSharingTheDatabase() async throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("bot.sqlite").path
        let first = try await InstallFixture.app(database: AppDatabase.open(path: path))
        let second = try await InstallFixture.app(database: AppDatabase.open(path: path))
        first.chat.enqueue(Self.answer(), forMethod: "oauth.v2.access")
        second.chat.enqueue(Self.answer(token: "xoxb-second"), forMethod: "oauth.v2.access")
        let page = try await first.test(.router) { client in try await client.installPage() }
        #expect(try await first.test(.router) { try await $0.redirect(code: "c", state: page.parameter("state"), cookie: page.cookieValue).status } == .ok)
        #expect(try await second.test(.router) { try await $0.redirect(code: "c", state: page.parameter("state"), cookie: page.cookieValue).status } == .badRequest)
        #expect(second.chat.requests(forMethod: "oauth.v2.access").isEmpty)
    }

    @Test func cancellingOnSlacksPageStoresNothing() async throws {
        let app = try await InstallFixture.app()
        try await app.test(.router) { client in
            let page = try await client.installPage()
            let response = try await client.get("/slack/oauth_redirect?error=access_denied&state=\(page.parameter("state") ?? "")", cookie: page.cookieValue)
            #expect(response.status == .ok)
            #expect(response.text.contains("Installation cancelled"))
            #expect(response.text.contains("Nothing was installed"))
        }
        #expect(app.chat.requests.isEmpty)
        #expect(try await app.database.installations().isEmpty)
    }

    @Test func aCodeSlackRefusesGivesTheFailurePageWithItsErrorCode() async throws {
        let app = try await InstallFixture.app()
        app.chat.enqueue(.failure(.apiError(code: "invalid_code")), forMethod: "oauth.v2.access")
        try await app.test(.router) { client in
            let page = try await client.installPage()
            let response = try await client.redirect(code: "stale", state: page.parameter("state"), cookie: page.cookieValue)
            #expect(response.status == .badRequest)
            #expect(response.text.contains("invalid_code"))
        }
        #expect(try await app.database.installations().isEmpty)
    }

    @Test func aMissingCodeIsRefused() async throws {
        let app = try await InstallFixture.app()
        try await app.test(.router) { client in
            let page = try await client.installPage()
            #expect(try await client.redirect(code: nil, state: page.parameter("state"), cookie: page.cookieValue).status == .badRequest)
        }
        #expect(app.chat.requests.isEmpty)
    }

    @Test func reinstallingTheSameWorkspaceUpdatesItsInstallation() async throws {
        let app = try await InstallFixture.app()
        app.chat.enqueue(Self.answer(token: "xoxb-first"), forMethod: "oauth.v2.access")
        app.chat.enqueue(Self.answer(name: "Renamed Co", token: "xoxb-again"), forMethod: "oauth.v2.access")
        try await app.test(.router) { client in
            for code in ["code-1", "code-2"] {
                let page = try await client.installPage()
                #expect(try await client.redirect(code: code, state: page.parameter("state"), cookie: page.cookieValue).status == .ok)
            }
        }
        let installations = try await app.database.installations()
        #expect(installations.count == 1)
        #expect(installations.first?.botToken == "xoxb-again")
        #expect(installations.first?.teamName == "Renamed Co")
    }

    @Test func anOrganisationWideInstallIsKeyedByTheEnterprise() async throws {
        let app = try await InstallFixture.app()
        app.chat.enqueue(
            .success(WebAPIResponse(ok: true, body: InstallFixture.grantJSON(team: "-", name: "-", token: "xoxb-grid", enterprise: "E0GRID0001", enterpriseInstall: true))),
            forMethod: "oauth.v2.access")
        try await app.test(.router) { client in
            let page = try await client.installPage()
            let response = try await client.redirect(code: "c", state: page.parameter("state"), cookie: page.cookieValue)
            #expect(response.text.contains("installed in Grid E0GRID0001"))
        }
        let installation = try #require(try await app.database.installation(forTeam: "T0ANYWS001", enterprise: "E0GRID0001"))
        #expect(installation.key.rawValue == "E0GRID0001")
        #expect(installation.isEnterpriseInstall)
        #expect(installation.teamID == nil)
    }
}
