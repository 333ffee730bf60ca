import SlackPlatform

/// Builds the Slack app manifest: the registry's commands, described by their specs.
public enum ManifestBuilder {
    /// Bot token scopes the features need: slash commands, posting (also to public channels the bot
    /// is not in), opening DMs, and reading users.
    public static let botScopes = ["commands", "chat:write", "chat:write.public", "im:write", "users:read"]

    /// Events the bot subscribes to: the Home tab, channels becoming shared, and the end of an
    /// installation (`app_uninstalled`, `tokens_revoked`).
    public static let botEvents = ["app_home_opened", "channel_id_changed", "app_uninstalled", "tokens_revoked"]

    /// The manifest for a public base URL.
    public static func manifest(name: String = "partnerbot", baseURL: String, catalog: CommandCatalog) -> AppManifest {
        AppManifest(
            name: name,
            description: "Partner program in chat: deal registration, certifications, SPIFF announcements and alerts.",
            botDisplayName: name,
            baseURL: baseURL,
            commands: FeatureRegistry.commandNames.compactMap { catalog.spec(for: $0.slash) }.map {
                AppManifest.SlashCommandEntry(command: $0.command, description: $0.description, usageHint: $0.usageHint)
            },
            botScopes: botScopes,
            botEvents: botEvents)
    }
}
