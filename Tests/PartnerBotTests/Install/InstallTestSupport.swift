import FakeSlack
import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
@testable import PartnerBot
import SlackPlatform
import Synchronization
import Testing

/// The OAuth app of the install tests and the helpers they share.
enum InstallFixture {
    static let clientID = "1111111111.2222222222"
    static let clientSecretText = "client-secret-0123456789abcdef"
    static let clientSecret = ClientSecret(clientSecretText)!
    static let credentials = OAuthClientCredentials(clientID: clientID, clientSecret: clientSecret)
    static let publicURL = "https://bot.example.com"
    static let defaultToken = "xoxb-default-vendor-token"

    /// A configuration with OAuth installs on (authorize page and Web API wherever the test says).
    static func configuration(authorizeURL: String = "https://slack.com/oauth/v2/authorize", apiURL: String? = nil) -> BotConfiguration {
        var configuration = TestSupport.configuration()
        configuration.slack.clientID = clientID
        configuration.slack.clientSecret = clientSecret
        configuration.slack.oauthAuthorizeURL = authorizeURL
        configuration.server.publicURL = publicURL
        if let apiURL { configuration.slack.apiURL = apiURL }
        return configuration
    }

    /// An app (in-process or live) with OAuth installs on and a recording Web API.
    static func app(database: AppDatabase? = nil) async throws -> TestApp {
        var app = try await TestApp(database: database)
        app.configuration = configuration()
        return app
    }

    /// The `oauth.v2.access` answer Slack gives for an install of `team`.
    static func grantJSON(team: String, name: String, token: String, enterprise: String? = nil, enterpriseInstall: Bool = false) -> [UInt8] {
        var object: [String: Any] = [
            "ok": true, "access_token": token, "token_type": "bot", "scope": "commands,chat:write", "bot_user_id": "U0BOT\(team)",
            "app_id": "A0APP", "is_enterprise_install": enterpriseInstall, "authed_user": ["id": "U0INSTALLER"],
            "team": enterpriseInstall ? NSNull() : ["id": team, "name": name] as Any,
            "enterprise": enterprise.map { ["id": $0, "name": "Grid \($0)"] as Any } ?? NSNull(),
        ]
        if enterpriseInstall { object["team"] = NSNull() }
        return Array(try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }

    /// A grant value, for storing installations directly.
    static func grant(team: String, token: String, botUser: String? = nil, refreshToken: String? = nil, expiresIn: Int? = nil) -> OAuthV2Grant {
        OAuthV2Grant(
            accessToken: token, scope: "commands,chat:write", botUserID: botUser ?? "U0BOT\(team)", appID: "A0APP",
            team: .init(id: team, name: "Workspace \(team)"), authedUserID: "U0INSTALLER", refreshToken: refreshToken, expiresIn: expiresIn)
    }
}

/// The install page as a test reads it: the state in the link and in the cookie.
struct InstallPage {
    var status: HTTPResponse.Status
    var body: String
    var setCookie: String
    var authorizeURL: String

    init(_ response: TestResponse) throws {
        status = response.status
        body = response.text
        setCookie = response.headers[.setCookie] ?? ""
        let start = try #require(body.range(of: "href=\""), "no link on the install page")
        let end = try #require(body[start.upperBound...].firstIndex(of: "\""))
        authorizeURL = String(body[start.upperBound..<end]).replacingOccurrences(of: "&amp;", with: "&")
    }

    /// A query parameter of the authorize link.
    func parameter(_ name: String) -> String? {
        URLComponents(string: authorizeURL)?.queryItems?.first { $0.name == name }?.value
    }

    /// The cookie's value.
    var cookieValue: String? {
        guard let first = setCookie.split(separator: ";").first, first.hasPrefix("\(InstallRoutes.cookieName)=") else { return nil }
        return String(first.dropFirst(InstallRoutes.cookieName.count + 1))
    }
}

extension SignedClient {
    /// `GET` a path, optionally with the state cookie.
    func get(_ path: String, cookie: String? = nil) async throws -> TestResponse {
        var headers = HTTPFields()
        if let cookie { headers[.cookie] = "\(InstallRoutes.cookieName)=\(cookie)" }
        return try await client.executeRequest(uri: path, method: .get, headers: headers, body: nil)
    }

    /// The install page.
    func installPage() async throws -> InstallPage {
        try InstallPage(try await get("/slack/install"))
    }

    /// Slack's redirect back after the installer allowed the app.
    func redirect(code: String?, state: String?, cookie: String?) async throws -> TestResponse {
        var items: [(String, String)] = []
        if let code { items.append(("code", code)) }
        if let state { items.append(("state", state)) }
        let query = FormBody(fields: items).encoded
        return try await get("/slack/oauth_redirect" + (query.isEmpty ? "" : "?" + query), cookie: cookie)
    }
}
