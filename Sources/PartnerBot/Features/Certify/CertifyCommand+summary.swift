extension CertifyCommand {
    public static let summaryKeys: Set<String> = ["reference", "reason", "track", "credential", "user", "earned", "days", "org"]

    public var summary: [String: String] {
        var summary: [String: String] = [:]
        switch self {
        case .mine: summary["action"] = "mine"
        case .tracks: summary["action"] = "tracks"
        case .claims: summary["action"] = "claims"
        case .claim(let track, let credential):
            summary = ["action": "claim", "track": track]
            summary["credential"] = credential
        case .verify(let id): summary = ["action": "verify", "reference": "C-\(id)"]
        case .reject(let id, let reason): summary = ["action": "reject", "reference": "C-\(id)", "reason": reason]
        case .grant(let user, let track, let earned):
            summary = ["action": "grant", "user": user, "track": track]
            summary["earned"] = earned?.description
        case .revoke(let user, let track, let reason): summary = ["action": "revoke", "user": user, "track": track, "reason": reason]
        case .status(let org): summary = ["action": "status", "org": org]
        case .expiring(let days): summary = ["action": "expiring", "days": String(days)]
        case .usage(let message): summary = ["action": "usage", "text": message]
        }
        return summary
    }
}
