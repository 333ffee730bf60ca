/// Turns a slash command's name and text into a `BotCommand`. Pure: no I/O; "today" is passed in.
public enum CommandParser {
    /// Parses a command.
    /// - Parameters:
    ///   - command: The command as sent, e.g. `/deal` (case-insensitive).
    ///   - text: Everything after the command.
    ///   - today: The current day (dates in the text are validated against it).
    /// - Returns: The command value; unknown input becomes `.unknownCommand` / `.unknownSubcommand`.
    public static func parse(command: String, text: String, today: CalendarDate) -> BotCommand {
        let trimmed = text.trimmingWhitespace()
        guard command.hasPrefix("/"), let name = CommandName(rawValue: String(command.dropFirst()).lowercased()) else {
            return .unknownCommand(command)
        }
        let words = CommandText(trimmed)
        let head = words.head
        if head == "help" || head == "-h" || head == "--help" || head == "?" { return .help(name) }
        switch name {
        case .register:
            if trimmed.isEmpty { return .registerForm }
            switch RegistrationParser.parse(trimmed, today: today) {
            case .success(let request): return .register(request)
            case .failure(let error): return .registerInvalid(error)
            }
        case .deal:
            guard let command = DealCommand.parse(trimmed) else { return .unknownSubcommand(name, word: firstWord(trimmed)) }
            return .deal(command)
        case .certify:
            guard let command = CertifyCommand.parse(trimmed, today: today) else { return .unknownSubcommand(name, word: firstWord(trimmed)) }
            return .certify(command)
        case .announce:
            guard head != nil else { return .help(name) }
            guard let command = AnnounceCommand.parse(trimmed) else { return .unknownSubcommand(name, word: firstWord(trimmed)) }
            return .announce(command)
        }
    }

    private static func firstWord(_ text: String) -> String {
        text.splitOnWhitespace(maxSplits: 1).first.map { String($0).lowercased() } ?? ""
    }

    private static func isIdentifier(_ word: String) -> Bool {
        !word.isEmpty && word.count <= 64
            && word.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") }
    }
}
