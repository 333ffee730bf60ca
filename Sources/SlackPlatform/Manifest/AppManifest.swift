import Foundation

/// A Slack app manifest (SLACK.md §7), rendered as YAML.
public struct AppManifest: Sendable, Equatable {
    /// A slash command entry.
    public struct SlashCommandEntry: Sendable, Equatable {
        /// `/name`, 2–32 characters.
        public var command: String
        /// Short description shown in the picker.
        public var description: String
        /// Usage hint shown in the picker.
        public var usageHint: String

        /// Creates an entry.
        public init(command: String, description: String, usageHint: String) {
            self.command = command
            self.description = description
            self.usageHint = usageHint
        }
    }

    /// App name (≤ 35 characters).
    public var name: String
    /// Long description.
    public var description: String
    /// Bot display name.
    public var botDisplayName: String
    /// Public base URL of the bot server, without a trailing slash.
    public var baseURL: String
    /// Slash commands.
    public var commands: [SlashCommandEntry]
    /// Bot token scopes.
    public var botScopes: [String]
    /// Subscribed bot events.
    public var botEvents: [String]

    /// Creates a manifest.
    public init(
        name: String, description: String, botDisplayName: String, baseURL: String,
        commands: [SlashCommandEntry], botScopes: [String], botEvents: [String]
    ) {
        self.name = String(name.prefix(35))
        self.description = description
        self.botDisplayName = botDisplayName
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.commands = commands
        self.botScopes = botScopes
        self.botEvents = botEvents
    }

    /// The manifest as YAML (every string JSON-quoted, which YAML reads verbatim).
    public var yaml: String {
        var lines = [
            "_metadata:",
            "  major_version: 1",
            "  minor_version: 1",
            "display_information:",
            "  name: \(q(name))",
            "  description: \(q(description))",
            "features:",
            "  app_home:",
            "    home_tab_enabled: true",
            "    messages_tab_enabled: true",
            "    messages_tab_read_only_enabled: true",
            "  bot_user:",
            "    display_name: \(q(botDisplayName))",
            "    always_online: true",
            "  slash_commands:",
        ]
        for command in commands {
            lines += [
                "    - command: \(q(command.command))",
                "      url: \(q(baseURL + "/slack/commands"))",
                "      description: \(q(command.description))",
                "      usage_hint: \(q(command.usageHint))",
                "      should_escape: true",
            ]
        }
        lines += [
            "oauth_config:",
            "  redirect_urls:",
            "    - \(q(baseURL + "/slack/oauth_redirect"))",
            "  scopes:",
            "    bot:",
        ]
        lines += botScopes.map { "      - \(q($0))" }
        lines += [
            "settings:",
            "  interactivity:",
            "    is_enabled: true",
            "    request_url: \(q(baseURL + "/slack/interactions"))",
            "  event_subscriptions:",
            "    request_url: \(q(baseURL + "/slack/events"))",
            "    bot_events:",
        ]
        lines += botEvents.map { "      - \(q($0))" }
        lines += [
            "  org_deploy_enabled: false",
            "  socket_mode_enabled: false",
            "  token_rotation_enabled: false",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    private func q(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])) ?? Data("[\"\"]".utf8)
        let array = String(decoding: data, as: UTF8.self)
        return String(array.dropFirst().dropLast())
    }
}
