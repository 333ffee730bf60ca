/// A flat, comparable description of a `BotCommand`, used by the examples in `Commands/*.yaml`.
public enum CommandSummary {
    /// Keys every command's summary may use; each feature's command adds its own.
    static let commonKeys: Set<String> = ["action", "command", "subcommand", "arguments", "text", "word"]

    /// Keys an example's `parses_to` may use.
    public static var keys: Set<String> { FeatureRegistry.summaryKeys }

    /// Summarises a command value.
    public static func of(_ command: BotCommand) -> [String: String] {
        switch command {
        case .help(let name): ["action": "help", "command": name.slash]
        case .unknownSubcommand(let name, let word): ["action": "unknown_subcommand", "command": name.slash, "word": word]
        case .unknownCommand(let command): ["action": "unknown_command", "command": command]
        case .feature(let name, let value): value.summary.merging(["command": name.slash]) { _, command in command }
        }
    }

    /// Whether `summary` matches `expected`: every expected key present with the same value
    /// (`text` matches when the actual text contains the expected fragment).
    public static func matches(_ summary: [String: String], expected: [String: String]) -> Bool {
        expected.allSatisfy { key, value in
            key == "text" && summary["action"] != "register" ? summary[key]?.contains(value) == true : summary[key] == value
        }
    }
}
