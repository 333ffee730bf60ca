import SlackPlatform

/// Answers slash commands: parses the text into a `BotCommand` and dispatches it.
public struct CommandHandler: Sendable {
    /// Creates a handler.
    public init() {}

    /// Handles one verified slash command.
    /// - Returns: The reply to send back (ephemeral unless stated otherwise).
    public func handle(_ command: SlashCommand, context: BotContext) async -> MessageReply {
        let parsed = CommandParser.parse(command: command.command, text: command.text)
        context.logger.debug("slash command", metadata: ["command": "\(command.command)", "action": "\(CommandSummary.of(parsed)["action"] ?? "")"])
        switch parsed {
        case .help(let name):
            return HelpReplies.help(for: name, catalog: context.catalog)
        case .unknownSubcommand(let name, let word):
            return HelpReplies.unknownSubcommand(word, of: name, catalog: context.catalog)
        case .unknownCommand(let name):
            return HelpReplies.overview(catalog: context.catalog, unknown: name)
        case .registerForm, .registerInline:
            return HelpReplies.notYetAvailable(.register, subcommand: "send")
        case .notYetAvailable(let name, let subcommand, _):
            return HelpReplies.notYetAvailable(name, subcommand: subcommand)
        }
    }
}
