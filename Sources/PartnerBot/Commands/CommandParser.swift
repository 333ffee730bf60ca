/// Turns a slash command's name and text into a `BotCommand`. Pure: no I/O, no clock.
public enum CommandParser {
    /// Parses a command.
    /// - Parameters:
    ///   - command: The command as sent, e.g. `/deal` (case-insensitive).
    ///   - text: Everything after the command.
    /// - Returns: The command value; unknown input becomes `.unknownCommand` / `.unknownSubcommand`.
    public static func parse(command: String, text: String) -> BotCommand {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard command.hasPrefix("/"), let name = CommandName(rawValue: String(command.dropFirst()).lowercased()) else {
            return .unknownCommand(command)
        }
        let words = CommandText(trimmed)
        let head = words.head
        if head == "help" || head == "-h" || head == "--help" || head == "?" { return .help(name) }
        switch name {
        case .register:
            return trimmed.isEmpty ? .registerForm : .registerInline(text: trimmed)
        case .deal:
            return subcommand(of: name, words: words, default: "status")
        case .certify:
            return subcommand(of: name, words: words, default: "mine")
        case .announce:
            guard let head else { return .help(name) }
            if name.subcommands.contains(head) {
                return .notYetAvailable(name, subcommand: head, arguments: Array(words.words.dropFirst()))
            }
            guard words.tokens.count == 1, isIdentifier(head) else { return .unknownSubcommand(name, word: head) }
            return .notYetAvailable(name, subcommand: "send", arguments: [head])
        }
    }

    private static func subcommand(of name: CommandName, words: CommandText, default defaultSubcommand: String) -> BotCommand {
        guard let head = words.head else { return .notYetAvailable(name, subcommand: defaultSubcommand, arguments: []) }
        guard name.subcommands.contains(head) else { return .unknownSubcommand(name, word: head) }
        return .notYetAvailable(name, subcommand: head, arguments: Array(words.words.dropFirst()))
    }

    private static func isIdentifier(_ word: String) -> Bool {
        !word.isEmpty && word.count <= 64
            && word.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") }
    }
}
