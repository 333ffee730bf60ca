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

    /// A shortcut entry (`features.shortcuts`).
    public struct ShortcutEntry: Sendable, Equatable {
        /// `global` or `message`.
        public var type: String
        /// The name Slack shows.
        public var name: String
        /// The `callback_id` Slack sends.
        public var callbackID: String
        /// The description Slack shows (≤ 150 characters).
        public var description: String

        /// Creates an entry.
        public init(type: String, name: String, callbackID: String, description: String) {
            self.type = type
            self.name = name
            self.callbackID = callbackID
            self.description = String(description.prefix(150))
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
    /// Global and message shortcuts.
    public var shortcuts: [ShortcutEntry]
    /// Socket Mode: Slack delivers over a WebSocket the app opens, and no request URL is declared.
    public var socketMode: Bool
    /// OAuth redirect URLs (for installs through `/slack/install`).
    public var redirectURLs: [String]

    /// Creates a manifest.
    public init(
        name: String, description: String, botDisplayName: String, baseURL: String,
        commands: [SlashCommandEntry], botScopes: [String], botEvents: [String], shortcuts: [ShortcutEntry] = [],
        socketMode: Bool = false, redirectURLs: [String] = []
    ) {
        self.shortcuts = shortcuts
        self.socketMode = socketMode
        self.redirectURLs = redirectURLs
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
        ]
        lines += shortcutLines + commandLines + oauthLines + settingsLines
        return lines.joined(separator: "\n") + "\n"
    }

    private var shortcutLines: [String] {
        guard !shortcuts.isEmpty else { return [] }
        return ["  shortcuts:"] + shortcuts.flatMap { shortcut in
            [
                "    - name: \(q(shortcut.name))",
                "      type: \(q(shortcut.type))",
                "      callback_id: \(q(shortcut.callbackID))",
                "      description: \(q(shortcut.description))",
            ]
        }
    }

    private var commandLines: [String] {
        ["  slash_commands:"] + commands.flatMap { command in
            ["    - command: \(q(command.command))"]
                + (socketMode ? [] : ["      url: \(q(baseURL + "/slack/commands"))"])
                + [
                    "      description: \(q(command.description))",
                    "      usage_hint: \(q(command.usageHint))",
                    "      should_escape: true",
                ]
        }
    }

    private var oauthLines: [String] {
        var lines = ["oauth_config:"]
        if !redirectURLs.isEmpty { lines += ["  redirect_urls:"] + redirectURLs.map { "    - \(q($0))" } }
        return lines + ["  scopes:", "    bot:"] + botScopes.map { "      - \(q($0))" }
    }

    private var settingsLines: [String] {
        var lines = ["settings:", "  interactivity:", "    is_enabled: true"]
        if !socketMode { lines.append("    request_url: \(q(baseURL + "/slack/interactions"))") }
        lines.append("  event_subscriptions:")
        if !socketMode { lines.append("    request_url: \(q(baseURL + "/slack/events"))") }
        lines.append("    bot_events:")
        lines += botEvents.map { "      - \(q($0))" }
        return lines + [
            "  org_deploy_enabled: false",
            "  socket_mode_enabled: \(socketMode)",
            "  token_rotation_enabled: false",
        ]
    }

    private func q(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])) ?? Data("[\"\"]".utf8)
        let array = String(decoding: data, as: UTF8.self)
        return String(array.dropFirst().dropLast())
    }
}
