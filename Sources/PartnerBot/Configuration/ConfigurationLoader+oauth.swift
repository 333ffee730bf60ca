import Foundation
import SlackPlatform

/// The OAuth install settings: `slack.client_id`, `slack.client_secret`, `slack.scopes`,
/// `slack.oauth_authorize_url` and `server.public_url` (env `SLACK_CLIENT_ID`,
/// `SLACK_CLIENT_SECRET`, `PARTNERBOT_PUBLIC_URL`).
extension ConfigurationLoader {
    static func applyOAuth(_ slack: [String: YAMLValue], to configuration: inout BotConfiguration) throws(YAMLFileError) {
        if let value = slack["client_id"], !value.isNull {
            let id = try value.string().trimmingCharacters(in: .whitespaces)
            guard isClientID(id) else { throw value.error("must be the app's client id (digits and dots, like 1234567890.1234567890)") }
            configuration.slack.clientID = id
        }
        if let value = slack["client_secret"], !value.isNull { configuration.slack.clientSecret = ClientSecret(try value.string()) }
        if let value = slack["scopes"] {
            let scopes = try value.stringArray()
            guard !scopes.isEmpty, scopes.allSatisfy(isScope) else {
                throw value.error("must be a non-empty list of bot scopes such as [commands, chat:write]")
            }
            configuration.slack.scopes = scopes
        }
        if let value = slack["oauth_authorize_url"] {
            let text = try value.string()
            guard let url = try? httpURL(text, name: "") else { throw value.error("must be an http(s) URL, got \"\(text)\"") }
            configuration.slack.oauthAuthorizeURL = url
        }
    }

    static func applyPublicURL(_ server: [String: YAMLValue], to configuration: inout BotConfiguration) throws(YAMLFileError) {
        guard let value = server["public_url"], !value.isNull else { return }
        let text = try value.string()
        guard let url = try? publicURL(text, name: "") else {
            throw value.error("must be the bot's public https URL such as https://bot.example.com, got \"\(text)\"")
        }
        configuration.server.publicURL = url
    }

    func applyOAuthEnvironment(to configuration: inout BotConfiguration) throws(ConfigurationError) {
        if let id = nonEmpty(environment["SLACK_CLIENT_ID"]) {
            let trimmed = id.trimmingCharacters(in: .whitespaces)
            guard Self.isClientID(trimmed) else {
                throw .invalidValue(name: "SLACK_CLIENT_ID", why: "must be the app's client id (digits and dots, like 1234567890.1234567890)")
            }
            configuration.slack.clientID = trimmed
        }
        if let secret = environment["SLACK_CLIENT_SECRET"] { configuration.slack.clientSecret = ClientSecret(secret) }
        if let url = nonEmpty(environment["PARTNERBOT_PUBLIC_URL"]) {
            configuration.server.publicURL = try Self.publicURL(url, name: "PARTNERBOT_PUBLIC_URL")
        }
    }

    /// OAuth installs need all three of client id, client secret and public URL: a configuration
    /// with only some of them is refused rather than silently offering no install page.
    static func validateOAuth(_ configuration: BotConfiguration) throws(ConfigurationError) {
        let slack = configuration.slack
        switch (slack.clientID != nil, slack.clientSecret != nil) {
        case (true, false):
            throw .invalidValue(name: "SLACK_CLIENT_SECRET", why: "is not set (or is blank) while SLACK_CLIENT_ID is: set both to offer OAuth installs, or neither")
        case (false, true):
            throw .invalidValue(name: "SLACK_CLIENT_ID", why: "is not set while SLACK_CLIENT_SECRET is: set both to offer OAuth installs, or neither")
        case (true, true) where configuration.server.publicURL == nil:
            throw .invalidValue(
                name: "PARTNERBOT_PUBLIC_URL",
                why: "is required with SLACK_CLIENT_ID and SLACK_CLIENT_SECRET: it is the HTTPS base Slack redirects installs to (<public_url>\(OAuthInstallSettings.redirectPath))")
        default:
            return
        }
    }

    /// The public base URL: `https`, or `http` on a loopback host (local trials and tests); no
    /// query or fragment; stored without a trailing slash.
    static func publicURL(_ text: String, name: String) throws(ConfigurationError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty, components.query == nil, components.fragment == nil,
            scheme == "https" || (scheme == "http" && ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host.lowercased()))
        else {
            throw .invalidValue(name: name, why: "must be the bot's public https URL such as https://bot.example.com, got \"\(text)\"")
        }
        var url = trimmed
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }

    /// An http(s) URL, kept as written.
    static func httpURL(_ text: String, name: String) throws(ConfigurationError) -> String {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "https" || scheme == "http", components.host?.isEmpty == false
        else {
            throw .invalidValue(name: name, why: "must be an http(s) URL, got \"\(text)\"")
        }
        return text
    }

    static func isClientID(_ text: String) -> Bool {
        (1...64).contains(text.count) && text.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || $0 == "." }
    }

    static func isScope(_ text: String) -> Bool {
        (1...64).contains(text.count)
            && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || ":._-".unicodeScalars.contains($0) }
    }
}
