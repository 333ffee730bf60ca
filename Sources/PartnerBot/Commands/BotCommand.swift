/// A parsed slash command: what the user asked for, as a value. Produced by `CommandParser` (no I/O).
public enum BotCommand: Sendable, Equatable {
    /// `help` (or the command alone, for commands whose help that is).
    case help(CommandName)
    /// A first word the command does not know.
    case unknownSubcommand(CommandName, word: String)
    /// A command this bot does not have at all.
    case unknownCommand(String)
    /// A command value of the feature that owns `name` (e.g. a `DealCommand` for `/deal`).
    case feature(CommandName, any FeatureCommand)

    public static func == (lhs: BotCommand, rhs: BotCommand) -> Bool {
        switch (lhs, rhs) {
        case (.help(let a), .help(let b)): a == b
        case (.unknownSubcommand(let a, let x), .unknownSubcommand(let b, let y)): a == b && x == y
        case (.unknownCommand(let a), .unknownCommand(let b)): a == b
        case (.feature(let a, let x), .feature(let b, let y)): a == b && x.isEqual(to: y)
        default: false
        }
    }
}
