import SlackPlatform

/// Builds the Slack app manifest: the registry's commands, described by their specs.
public enum ManifestBuilder {
    /// Bot token scopes the features need: slash commands and shortcuts, posting (also to public
    /// channels the bot is not in), opening DMs, reading users, reading replies in the threads of
    /// deal notices (`channels:history`, `groups:history`) and learning which channels are shared
    /// (`channels:read`, `groups:read`), and inviting partner people to shared channels
    /// (`conversations.connect:write`, `partnerbot partners invite`).
    public static let botScopes = [
        "commands", "chat:write", "chat:write.public", "im:write", "users:read", "channels:history", "groups:history", "channels:read",
        "groups:read", "conversations.connect:write",
    ]

    /// Events the bot subscribes to.
    public static let botEvents = [
        "app_home_opened", "channel_id_changed", "channel_shared", "channel_unshared", "message.channels", "message.groups", "app_uninstalled",
        "tokens_revoked",
    ]

    /// The manifest.
    /// - Parameters:
    ///   - name: The app's name.
    ///   - baseURL: The bot's public base URL (request URLs; ignored in Socket Mode).
    ///   - catalog: The command specs describing the registry's commands.
    ///   - socketMode: Declare Socket Mode: Slack connects over WebSockets the bot opens, no request URLs.
    ///   - oauthRedirectURL: The install flow's redirect URL; by default `<baseURL>/slack/oauth_redirect`
    ///     (none when there is no base URL).
    public static func manifest(
        name: String = "partnerbot", baseURL: String, catalog: CommandCatalog, socketMode: Bool = false, oauthRedirectURL: String? = nil
    ) -> AppManifest {
        AppManifest(
            name: name,
            description: "Partner program in chat: deal registration, certifications, SPIFF announcements and alerts.",
            botDisplayName: name,
            baseURL: baseURL,
            commands: FeatureRegistry.commandNames.compactMap { catalog.spec(for: $0.slash) }.map {
                AppManifest.SlashCommandEntry(command: $0.command, description: $0.description, usageHint: $0.usageHint)
            },
            botScopes: botScopes,
            botEvents: botEvents,
            shortcuts: FeatureRegistry.shortcuts.map {
                AppManifest.ShortcutEntry(type: $0.kind == .global ? "global" : "message", name: $0.name, callbackID: $0.id.rawValue, description: $0.description)
            },
            socketMode: socketMode,
            redirectURLs: (oauthRedirectURL ?? defaultRedirectURL(baseURL: baseURL)).map { [$0] } ?? [])
    }

    private static func defaultRedirectURL(baseURL: String) -> String? {
        guard !baseURL.isEmpty else { return nil }
        return (baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL) + OAuthInstallSettings.redirectPath
    }
}
