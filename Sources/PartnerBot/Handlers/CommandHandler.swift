import SlackPlatform

/// Answers slash commands: parses the text into a `BotCommand` and dispatches it to the handler
/// of the feature that owns the command (`FeatureRegistry`).
public struct CommandHandler: Sendable {
    /// Creates a handler.
    public init() {}

    /// Handles one verified slash command.
    /// - Returns: The reply to send back (ephemeral unless stated otherwise).
    public func handle(_ command: SlashCommand, services: BotServices) async -> MessageReply {
        let parsed = CommandParser.parse(command: command.command, text: command.text, today: services.today)
        services.logger.debug(
            "slash command",
            metadata: ["command": "\(command.command)", "user": "\(command.userID)", "action": "\(CommandSummary.of(parsed)["action"] ?? "")"])
        do {
            switch parsed {
            case .help(let name):
                return HelpReplies.help(for: name, catalog: services.catalog)
            case .unknownSubcommand(let name, let word):
                return HelpReplies.unknownSubcommand(word, of: name, catalog: services.catalog)
            case .unknownCommand(let name):
                return HelpReplies.overview(catalog: services.catalog, unknown: name)
            case .feature(let name, let value):
                guard let route = FeatureRegistry.command(name) else { return HelpReplies.overview(catalog: services.catalog, unknown: name.slash) }
                return try await route.handle(value, command, services)
            }
        } catch let error as any UserFacingError {
            return .ephemeral(error.userMessage)
        } catch {
            services.logger.error("command failed", metadata: ["command": "\(command.command)", "user": "\(command.userID)", "error": "\(error)"])
            if case .feature(let name, _) = parsed, let route = FeatureRegistry.command(name) { return route.notSaved }
            return AccessReplies.storageUnavailable
        }
    }
}
