import SlackPlatform

/// Answers slash commands: parses the text into a `BotCommand` and dispatches it to a small handler.
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
            case .registerForm:
                return try await RegisterHandler().openForm(command, services: services)
            case .register(let request):
                return try await RegisterHandler().register(request, command: command, services: services)
            case .registerInvalid(let error):
                return try await RegisterHandler().invalid(error, command: command, services: services)
            case .deal(let deal):
                return try await DealHandler().handle(deal, command: command, services: services)
            case .certify(let certify):
                return try await CertifyHandler().handle(certify, slash: command, services: services)
            case .announce(let announce):
                return try await AnnounceHandler().handle(announce, slash: command, services: services)
            }
        } catch let error as DealStoreError {
            return .ephemeral(error.userMessage)
        } catch {
            services.logger.error("command failed", metadata: ["command": "\(command.command)", "user": "\(command.userID)", "error": "\(error)"])
            return AccessReplies.storageUnavailable
        }
    }
}
