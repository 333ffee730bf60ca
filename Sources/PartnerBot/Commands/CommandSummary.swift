/// A flat, comparable description of a `BotCommand`, used by the examples in `Commands/*.yaml`.
public enum CommandSummary {
    /// Keys an example's `parses_to` may use.
    public static let keys: Set<String> = ["action", "command", "subcommand", "arguments", "text", "word"]

    /// Summarises a command value.
    public static func of(_ command: BotCommand) -> [String: String] {
        switch command {
        case .help(let name): ["action": "help", "command": name.slash]
        case .unknownSubcommand(let name, let word): ["action": "unknown_subcommand", "command": name.slash, "word": word]
        case .unknownCommand(let command): ["action": "unknown_command", "command": command]
        case .registerForm: ["action": "open_form", "command": "/register"]
        case .registerInline(let text): ["action": "register", "command": "/register", "text": text]
        case .notYetAvailable(let name, let subcommand, let arguments):
            ["action": "not_yet_available", "command": name.slash, "subcommand": subcommand, "arguments": arguments.joined(separator: " ")]
        }
    }

    /// Whether `summary` matches `expected`: every expected key present with the same value.
    public static func matches(_ summary: [String: String], expected: [String: String]) -> Bool {
        expected.allSatisfy { summary[$0.key] == $0.value }
    }
}
