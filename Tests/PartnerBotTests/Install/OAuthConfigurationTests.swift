import Foundation
@testable import PartnerBot
import SlackPlatform
import Testing

@Suite("OAuth install settings: keys, environment, validation")
struct OAuthConfigurationTests {
    func loader(_ environment: [String: String] = [:], files: [String: String] = [:]) -> ConfigurationLoader {
        ConfigurationLoader(environment: environment, readFile: { files[$0] })
    }

    static let environment = [
        "SLACK_CLIENT_ID": "1111111111.2222222222", "SLACK_CLIENT_SECRET": "env-client-secret", "PARTNERBOT_PUBLIC_URL": "https://bot.example.com/",
    ]

    @Test func theEnvironmentTurnsInstallsOn() throws {
        let configuration = try loader(Self.environment).load()
        let oauth = try #require(configuration.oauth)
        #expect(oauth.credentials.clientID == "1111111111.2222222222")
        #expect(oauth.credentials.clientSecret == ClientSecret("env-client-secret"))
        #expect(oauth.redirectURI == "https://bot.example.com/slack/oauth_redirect", "no doubled slash")
        #expect(oauth.scopes == ManifestBuilder.botScopes)
        #expect(oauth.authorizeURL == "https://slack.com/oauth/v2/authorize")
        for text in ["\(configuration)", String(reflecting: configuration), "\(oauth)"] {
            #expect(!text.contains("env-client-secret"), "the secret is never printed")
        }
    }

    @Test func theFileSetsEveryKey() throws {
        let yaml = """
            server:
              public_url: https://partners.example.org
            slack:
              client_id: "3333.4444"
              client_secret: file-secret
              scopes: [commands, "chat:write"]
              oauth_authorize_url: http://127.0.0.1:9999/oauth/v2/authorize
            """
        let oauth = try #require(try loader(files: ["c.yaml": yaml]).load(path: "c.yaml").oauth)
        #expect(oauth.credentials.clientID == "3333.4444")
        #expect(oauth.scopes == ["commands", "chat:write"])
        #expect(oauth.authorizeURL == "http://127.0.0.1:9999/oauth/v2/authorize")
        #expect(oauth.redirectURI == "https://partners.example.org/slack/oauth_redirect")
    }

    @Test func withoutTheSettingsNoInstallsAreOffered() throws {
        #expect(try loader().load().oauth == nil)
        #expect(try loader(["SLACK_CLIENT_SECRET": "   "]).load().oauth == nil, "a blank secret is no secret")
    }

    @Test func aHalfConfiguredInstallIsRefusedNamingWhatIsMissing() {
        var environment = Self.environment
        environment["SLACK_CLIENT_SECRET"] = nil
        #expect(throws: ConfigurationError.self) { try loader(environment).load() }
        environment = Self.environment
        environment["SLACK_CLIENT_ID"] = nil
        #expect(throws: ConfigurationError.self) { try loader(environment).load() }
        environment = Self.environment
        environment["PARTNERBOT_PUBLIC_URL"] = nil
        do {
            _ = try loader(environment).load()
            Issue.record("a configuration without the public URL loaded")
        } catch {
            #expect(error.description.contains("PARTNERBOT_PUBLIC_URL"))
            #expect(!error.description.contains("env-client-secret"))
        }
    }

    @Test(arguments: ["http://bot.example.com", "ftp://bot.example.com", "https://", "https://bot.example.com/?x=1", "bot.example.com"])
    func aPublicURLMustBeHTTPS(url: String) {
        var environment = Self.environment
        environment["PARTNERBOT_PUBLIC_URL"] = url
        #expect(throws: ConfigurationError.self) { try loader(environment).load() }
    }

    @Test func loopbackHTTPIsAcceptedForLocalTrials() throws {
        var environment = Self.environment
        environment["PARTNERBOT_PUBLIC_URL"] = "http://127.0.0.1:8080"
        #expect(try loader(environment).load().oauth?.redirectURI == "http://127.0.0.1:8080/slack/oauth_redirect")
    }

    @Test func unknownAndBadKeysAreStillRefused() {
        #expect(throws: ConfigurationError.self) { try loader(files: ["c.yaml": "slack:\n  client_secert: x\n"]).load(path: "c.yaml") }
        #expect(throws: ConfigurationError.self) { try loader(files: ["c.yaml": "slack:\n  client_id: not-an-id\n"]).load(path: "c.yaml") }
        #expect(throws: ConfigurationError.self) { try loader(files: ["c.yaml": "slack:\n  scopes: []\n"]).load(path: "c.yaml") }
        #expect(throws: ConfigurationError.self) { try loader(files: ["c.yaml": "slack:\n  oauth_authorize_url: nope\n"]).load(path: "c.yaml") }
    }
}
