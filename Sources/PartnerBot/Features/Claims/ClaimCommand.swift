extension CommandName {
    /// `/claim`.
    public static let claim = CommandName(rawValue: "claim")
}

/// A parsed `/claim <spiff-id> DR-n [proof:<https link>] [note:"…"]`.
public enum ClaimCommand: FeatureCommand {
    case claim(SpiffClaimRequest)
    case usage(String)

    static let usageText = "Usage: `/claim <spiff-id> DR-n [proof:<https link>] [note:\"…\"]`, e.g. `/claim q3-takeout-spiff DR-12 proof:https://drive.example.com/po.pdf`. The SPIFF's announcement names its id."

    /// Parses the text after `/claim` (not empty, not `help`).
    public static func parse(_ text: String) -> ClaimCommand {
        let command = CommandText(text)
        var proof: String?
        var note: String?
        for token in command.tokens {
            guard case .option(let key, let value) = token else { continue }
            switch key {
            case "proof", "link":
                guard let link = ProofLink.check(value) else { return .usage(ProofLink.usage) }
                proof = link
            case "note":
                let decoded = SlackText.decode(value).trimmingWhitespace()
                guard !decoded.isEmpty else { return .usage("The note is empty: `note:\"what happened\"`.") }
                note = String(decoded.prefix(1000))
            default:
                return .usage("`\(SlackText.echo(key)):` is not an option of `/claim`; use `proof:<https link>` and `note:\"…\"`.")
            }
        }
        let words = command.words
        guard let id = words.first?.lowercased(), words.count >= 2 else { return .usage(usageText) }
        guard ConfigurationLoader.isSlug(id) else { return .usage("`\(SlackText.echo(id))` is not a SPIFF id. " + usageText) }
        guard words.count == 2, let deal = Deal.id(fromReference: words[1]) else {
            return .usage("Name one deal, like `DR-12`, after the SPIFF id. " + usageText)
        }
        return .claim(SpiffClaimRequest(announcement: id, dealID: deal, proof: proof, note: note))
    }

    public static let summaryKeys: Set<String> = ["spiff", "reference", "proof", "note"]

    public var summary: [String: String] {
        switch self {
        case .claim(let request):
            var summary = ["action": "claim", "spiff": request.announcement, "reference": "DR-\(request.dealID)"]
            summary["proof"] = request.proof
            summary["note"] = request.note
            return summary
        case .usage(let message): return ["action": "usage", "text": message]
        }
    }
}
