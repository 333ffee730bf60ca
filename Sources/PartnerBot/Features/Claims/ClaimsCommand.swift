extension CommandName {
    /// `/claims`.
    public static let claims = CommandName(rawValue: "claims")
}

/// A parsed `/claims` command: claims and payouts.
public enum ClaimsCommand: FeatureCommand {
    /// `/claims [org:<slug>]`: a partner's organisation's claims; a manager's waiting ones (or one organisation's).
    case list(org: String?)
    /// `pending` (managers): what waits for a decision or a payment.
    case pending
    case approve(ClaimReference)
    case reject(ClaimReference, reason: String)
    /// `paid ID [payment reference]`.
    case paid(ClaimReference, paymentReference: String?)
    case usage(String)

    static let referenceHint = "a claim like `SC-4`, an MDF request like `MDF-3`, or a won deal's commission like `DR-12`"

    /// Parses the text after `/claims` (not `help`); `nil` for an unknown first word.
    public static func parse(_ text: String) -> ClaimsCommand? {
        let parts = text.splitOnWhitespace(maxSplits: 2).map(String.init)
        guard let head = parts.first?.lowercased() else { return .list(org: nil) }
        let reference = parts.count > 1 ? ClaimReference.parse(parts[1]) : nil
        let rest = parts.count > 2 ? SlackText.decode(parts[2]).trimmingWhitespace() : ""
        switch head {
        case "mine", "list": return .list(org: nil)
        case "pending", "waiting": return .pending
        case _ where head.hasPrefix("org:"):
            let slug = String(head.dropFirst(4))
            guard ConfigurationLoader.isSlug(slug) else { return .usage("`org:` takes an organisation's slug, e.g. `/claims org:acme-resell`.") }
            return .list(org: slug)
        case "approve":
            guard let reference else { return .usage("`/claims approve` needs \(referenceHint).") }
            return .approve(reference)
        case "reject":
            guard let reference else { return .usage("`/claims reject` needs \(referenceHint), then the reason.") }
            guard !rest.isEmpty else { return .usage("Give the partner a reason: `/claims reject \(reference.text) <reason>`.") }
            return .reject(reference, reason: String(rest.prefix(1000)))
        case "paid":
            guard let reference else { return .usage("`/claims paid` needs \(referenceHint), then the payment's reference if any.") }
            guard rest.count <= 100 else { return .usage("The payment reference is at most 100 characters.") }
            return .paid(reference, paymentReference: rest.isEmpty ? nil : rest)
        default:
            return nil
        }
    }

    public static let summaryKeys: Set<String> = ["org", "reference", "reason", "payment"]

    public var summary: [String: String] {
        switch self {
        case .list(let org):
            var summary = ["action": "list"]
            summary["org"] = org
            return summary
        case .pending: return ["action": "pending"]
        case .approve(let reference): return ["action": "approve", "reference": reference.text]
        case .reject(let reference, let reason): return ["action": "reject", "reference": reference.text, "reason": reason]
        case .paid(let reference, let payment):
            var summary = ["action": "paid", "reference": reference.text]
            summary["payment"] = payment
            return summary
        case .usage(let message): return ["action": "usage", "text": message]
        }
    }
}
