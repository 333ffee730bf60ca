extension CommandName {
    /// `/announce`.
    public static let announce = CommandName(rawValue: "announce")
}

/// A parsed `/announce` command.
public enum AnnounceCommand: FeatureCommand {
    /// `list`: the files and what was sent.
    case list
    /// `<id>`: broadcast.
    case send(String)
    /// `status <id>`: the report.
    case status(String)
    /// `remind <id>`: remind those who have not acknowledged.
    case remind(String)
    /// A known subcommand used wrongly.
    case usage(String)

    /// Parses the text after `/announce` (already known not to be empty or `help`).
    /// - Returns: `nil` when the text is not an id or a subcommand.
    public static func parse(_ text: String) -> AnnounceCommand? {
        let words = text.splitOnWhitespace().map(String.init)
        guard let head = words.first?.lowercased() else { return nil }
        switch head {
        case "list", "ls":
            return .list
        case "status", "report":
            guard words.count == 2, isIdentifier(words[1]) else { return .usage("Usage: `/announce status <announcement-id>` — `/announce list` shows the ids.") }
            return .status(words[1].lowercased())
        case "remind":
            guard words.count == 2, isIdentifier(words[1]) else { return .usage("Usage: `/announce remind <announcement-id>`.") }
            return .remind(words[1].lowercased())
        case "send":
            guard words.count == 2, isIdentifier(words[1]) else { return .usage("Usage: `/announce <announcement-id>`.") }
            return .send(words[1].lowercased())
        default:
            guard words.count == 1, isIdentifier(head) else { return nil }
            return .send(head)
        }
    }

    static func isIdentifier(_ word: String) -> Bool { ConfigurationLoader.isSlug(word.lowercased()) }

    public static let summaryKeys: Set<String> = ["id"]

    public var summary: [String: String] {
        switch self {
        case .list: ["action": "list"]
        case .send(let id): ["action": "send", "id": id]
        case .status(let id): ["action": "status", "id": id]
        case .remind(let id): ["action": "remind", "id": id]
        case .usage(let message): ["action": "usage", "text": message]
        }
    }
}
