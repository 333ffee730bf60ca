/// The slash commands the bot answers, each with its subcommands.
public enum CommandName: String, Sendable, CaseIterable {
    /// `/register`.
    case register
    /// `/deal`.
    case deal
    /// `/certify`.
    case certify
    /// `/announce`.
    case announce

    /// The command as typed, e.g. `/register`.
    public var slash: String { "/" + rawValue }
}

/// A parsed slash command: what the user asked for, as a value. Produced by `CommandParser` (no I/O).
public enum BotCommand: Sendable, Equatable {
    /// `help`.
    case help(CommandName)
    /// A first word the command does not know.
    case unknownSubcommand(CommandName, word: String)
    /// A command this bot does not have at all.
    case unknownCommand(String)
    /// `/register` with no text: open the registration form.
    case registerForm
    /// `/register <text>`: a valid inline registration.
    case register(RegistrationRequest)
    /// `/register <text>` with a mistake in one field.
    case registerInvalid(RegistrationError)
    /// `/deal …`.
    case deal(DealCommand)
    /// `/certify …`.
    case certify(CertifyCommand)
    /// `/announce …`.
    case announce(AnnounceCommand)
}
