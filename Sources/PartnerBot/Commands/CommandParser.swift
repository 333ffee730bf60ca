/// Turns a slash command's name and text into a `BotCommand`. Pure: no I/O; "today" is passed in.
/// Help words and unknown commands are handled here; the rest is the owning feature's parser.
public enum CommandParser {
    /// Parses a command.
    /// - Parameters:
    ///   - command: The command as sent, e.g. `/deal` (case-insensitive).
    ///   - text: Everything after the command.
    ///   - today: The current day (dates in the text are validated against it).
    /// - Returns: The command value; unknown input becomes `.unknownCommand` / `.unknownSubcommand`.
    public static func parse(command: String, text: String, today: CalendarDate) -> BotCommand {
        guard command.hasPrefix("/"), let route = FeatureRegistry.command(CommandName(rawValue: String(command.dropFirst()).lowercased())) else {
            return .unknownCommand(command)
        }
        let trimmed = text.trimmingWhitespace()
        let head = CommandText(trimmed).head
        if head == "help" || head == "-h" || head == "--help" || head == "?" { return .help(route.name) }
        if trimmed.isEmpty, route.helpWhenEmpty { return .help(route.name) }
        guard let parsed = route.parse(trimmed, today) else {
            return .unknownSubcommand(route.name, word: trimmed.splitOnWhitespace(maxSplits: 1).first.map { String($0).lowercased() } ?? "")
        }
        return .feature(route.name, parsed)
    }
}
