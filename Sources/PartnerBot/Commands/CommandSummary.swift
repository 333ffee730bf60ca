/// A flat, comparable description of a `BotCommand`, used by the examples in `Commands/*.yaml`.
public enum CommandSummary {
    /// Keys an example's `parses_to` may use.
    public static let keys: Set<String> = [
        "action", "command", "subcommand", "arguments", "text", "word", "field", "company", "domain", "amount", "close",
        "contact", "motion", "source", "note", "reference", "org", "reason", "question", "answer", "stage", "track", "credential",
        "user", "earned", "days", "id",
    ]

    /// Summarises a command value.
    public static func of(_ command: BotCommand) -> [String: String] {
        switch command {
        case .help(let name): return ["action": "help", "command": name.slash]
        case .unknownSubcommand(let name, let word): return ["action": "unknown_subcommand", "command": name.slash, "word": word]
        case .unknownCommand(let command): return ["action": "unknown_command", "command": command]
        case .registerForm: return ["action": "open_form", "command": "/register"]
        case .register(let request):
            var summary = ["action": "register", "command": "/register", "company": request.company]
            summary["domain"] = request.domain
            summary["amount"] = request.amount?.description
            summary["close"] = request.closeDate?.description
            summary["contact"] = request.contact
            summary["motion"] = request.motion?.rawValue
            summary["source"] = request.source?.rawValue
            summary["note"] = request.note
            return summary
        case .registerInvalid(let error):
            return ["action": "invalid", "command": "/register", "field": error.field.rawValue, "text": error.message]
        case .deal(let deal):
            return of(deal)
        case .certify(let certify):
            return of(certify)
        case .announce(let announce):
            switch announce {
            case .list: return ["action": "list", "command": "/announce"]
            case .send(let id): return ["action": "send", "command": "/announce", "id": id]
            case .status(let id): return ["action": "status", "command": "/announce", "id": id]
            case .remind(let id): return ["action": "remind", "command": "/announce", "id": id]
            case .usage(let message): return ["action": "usage", "command": "/announce", "text": message]
            }
        }
    }

    private static func of(_ command: CertifyCommand) -> [String: String] {
        var summary = ["command": "/certify"]
        switch command {
        case .mine: summary["action"] = "mine"
        case .tracks: summary["action"] = "tracks"
        case .claims: summary["action"] = "claims"
        case .claim(let track, let credential):
            summary["action"] = "claim"
            summary["track"] = track
            summary["credential"] = credential
        case .verify(let id): summary["action"] = "verify"; summary["reference"] = "C-\(id)"
        case .reject(let id, let reason): summary["action"] = "reject"; summary["reference"] = "C-\(id)"; summary["reason"] = reason
        case .grant(let user, let track, let earned):
            summary["action"] = "grant"; summary["user"] = user; summary["track"] = track; summary["earned"] = earned?.description
        case .revoke(let user, let track, let reason):
            summary["action"] = "revoke"; summary["user"] = user; summary["track"] = track; summary["reason"] = reason
        case .status(let org): summary["action"] = "status"; summary["org"] = org
        case .expiring(let days): summary["action"] = "expiring"; summary["days"] = String(days)
        case .usage(let message): summary["action"] = "usage"; summary["text"] = message
        }
        return summary
    }

    private static func of(_ command: DealCommand) -> [String: String] {
        var summary = ["command": "/deal"]
        switch command {
        case .status(let reference, let org):
            summary["action"] = "status"
            summary["reference"] = reference.map { "DR-\($0)" }
            summary["org"] = org
        case .pending:
            summary["action"] = "pending"
        case .history(let id):
            summary["action"] = "history"
            summary["reference"] = "DR-\(id)"
        case .usage(let message):
            summary["action"] = "usage"
            summary["text"] = message
        case .act(let id, let action):
            summary["reference"] = "DR-\(id)"
            switch action {
            case .approve: summary["action"] = "approve"
            case .decline(let reason): summary["action"] = "decline"; summary["reason"] = reason
            case .needInfo(let question): summary["action"] = "needinfo"; summary["question"] = question
            case .answer(let text): summary["action"] = "answer"; summary["answer"] = text
            case .extend: summary["action"] = "extend"
            case .stage(let stage): summary["action"] = "stage"; summary["stage"] = stage
            case .won: summary["action"] = "won"
            case .lost(let reason): summary["action"] = "lost"; summary["reason"] = reason
            }
        }
        return summary
    }

    /// Whether `summary` matches `expected`: every expected key present with the same value
    /// (`text` matches when the actual text contains the expected fragment).
    public static func matches(_ summary: [String: String], expected: [String: String]) -> Bool {
        expected.allSatisfy { key, value in
            key == "text" && summary["action"] != "register" ? summary[key]?.contains(value) == true : summary[key] == value
        }
    }
}
