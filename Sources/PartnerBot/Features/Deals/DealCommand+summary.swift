extension DealCommand {
    public static let summaryKeys: Set<String> = ["reference", "org", "reason", "question", "answer", "stage"]

    public var summary: [String: String] {
        var summary: [String: String] = [:]
        switch self {
        case .status(let reference, let org):
            summary["action"] = "status"
            summary["reference"] = reference.map { "DR-\($0)" }
            summary["org"] = org
        case .pending:
            summary["action"] = "pending"
        case .history(let id):
            summary = ["action": "history", "reference": "DR-\(id)"]
        case .usage(let message):
            summary = ["action": "usage", "text": message]
        case .act(let id, let action):
            summary = action.summary
            summary["reference"] = "DR-\(id)"
        }
        return summary
    }
}

extension DealAction {
    /// The action's part of a `/deal` summary.
    var summary: [String: String] {
        switch self {
        case .approve: ["action": "approve"]
        case .decline(let reason): ["action": "decline", "reason": reason]
        case .needInfo(let question): ["action": "needinfo", "question": question]
        case .answer(let text): ["action": "answer", "answer": text]
        case .extend: ["action": "extend"]
        case .stage(let stage): ["action": "stage", "stage": stage]
        case .won: ["action": "won"]
        case .lost(let reason): ["action": "lost", "reason": reason]
        }
    }
}
