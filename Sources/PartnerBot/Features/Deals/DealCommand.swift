extension CommandName {
    /// `/deal`.
    public static let deal = CommandName(rawValue: "deal")
}

/// A parsed `/deal` command.
public enum DealCommand: FeatureCommand {
    /// `status` (own org, or `org:<slug>` for managers) or `status DR-n`.
    case status(reference: Int64?, org: String?)
    /// `pending`: the managers' queue.
    case pending
    /// `history DR-n`.
    case history(Int64)
    /// A change: `approve`, `decline`, `needinfo`, `answer`, `extend`, `stage`, `won`, `lost`.
    case act(Int64, DealAction)
    /// A known subcommand used wrongly: the message says how to use it.
    case usage(String)

    /// Parses the text after `/deal` (already known not to be `help`).
    /// - Returns: `nil` when the first word is not a `/deal` subcommand.
    public static func parse(_ text: String) -> DealCommand? {
        let parts = text.splitOnWhitespace(maxSplits: 2).map(String.init)
        let head = parts.first?.lowercased() ?? "status"
        let second = parts.count > 1 ? parts[1] : nil
        let rest = parts.count > 2 ? SlackText.decode(parts[2]).trimmingWhitespace() : ""
        func reference() -> Int64? { second.flatMap(Deal.id(fromReference:)) }
        func needsReference(_ sub: String, _ tail: String = "") -> DealCommand {
            .usage("`/deal \(sub)` needs a deal reference like `DR-12`: `/deal \(sub) DR-12\(tail)`.")
        }
        switch head {
        case "status", "list", "mine":
            guard let second else { return .status(reference: nil, org: nil) }
            if second.lowercased().hasPrefix("org:") {
                let org = String(second.dropFirst(4)).lowercased()
                return org.isEmpty ? .usage("Name the organisation: `/deal status org:<slug>`.") : .status(reference: nil, org: org)
            }
            guard let id = Deal.id(fromReference: second) else { return .usage("`\(Self.shown(second))` is not a deal reference: use `/deal status DR-12`.") }
            return .status(reference: id, org: nil)
        case "pending", "queue":
            return .pending
        case "history":
            guard let id = reference() else { return needsReference("history") }
            return .history(id)
        case "approve":
            guard let id = reference() else { return needsReference("approve") }
            return .act(id, .approve)
        case "extend":
            guard let id = reference() else { return needsReference("extend") }
            return .act(id, .extend)
        case "won":
            guard let id = reference() else { return needsReference("won") }
            return .act(id, .won)
        case "decline", "reject":
            guard let id = reference() else { return needsReference("decline", " <reason>") }
            guard !rest.isEmpty else { return .usage("Give the partner a reason: `/deal decline DR-\(id) <reason>`.") }
            return .act(id, .decline(reason: String(rest.prefix(1000))))
        case "needinfo", "need-info", "ask":
            guard let id = reference() else { return needsReference("needinfo", " <question>") }
            guard !rest.isEmpty else { return .usage("Ask the partner something: `/deal needinfo DR-\(id) <question>`.") }
            return .act(id, .needInfo(question: String(rest.prefix(1000))))
        case "answer", "reply":
            guard let id = reference() else { return needsReference("answer", " <your answer>") }
            guard !rest.isEmpty else { return .usage("Write your answer: `/deal answer DR-\(id) <your answer>`.") }
            return .act(id, .answer(text: String(rest.prefix(2000))))
        case "lost":
            guard let id = reference() else { return needsReference("lost", " <reason>") }
            guard !rest.isEmpty else { return .usage("Say why it was lost: `/deal lost DR-\(id) <reason>`.") }
            return .act(id, .lost(reason: String(rest.prefix(1000))))
        case "stage":
            guard let id = reference() else { return needsReference("stage", " <stage>") }
            let stage = rest.splitOnWhitespace(maxSplits: 1).first.map { String($0).lowercased() }
            guard let stage, !stage.isEmpty else { return .usage("Name the stage: `/deal stage DR-\(id) <stage>`.") }
            if stage == "won" { return .act(id, .won) }
            return .act(id, .stage(stage))
        default:
            return nil
        }
    }

    static func shown(_ text: String) -> String {
        String(text.prefix(40)).replacingOccurrences(of: "`", with: "'")
    }
}
