import Foundation

extension DealImportFields {
    static let statuses: [String: Deal.Status] = [
        "pending": .pending, "conflict": .pending, "approved": .approved, "declined": .declined, "expired": .expired, "won": .won, "lost": .lost,
    ]

    /// The status the history left: `outcome` (won or lost) over `status`; decided statuses need
    /// the decision's date, pending ones must not have one.
    mutating func status(decided: Date?) -> Deal.Status? {
        guard let text = field("status")?.lowercased() else {
            problem("status", "the status is required (pending, approved, declined, expired, won or lost)")
            return nil
        }
        guard var status = Self.statuses[text] else {
            problem("status", "\"\(text)\" is not a status (pending, approved, declined, expired, won or lost)")
            return nil
        }
        if let outcome = field("outcome")?.lowercased() {
            switch outcome {
            case "won", "lost":
                guard [.approved, .won, .lost].contains(status) else {
                    problem("outcome", "a \(status.rawValue) registration cannot be \(outcome): only approved deals close")
                    return nil
                }
                status = outcome == "won" ? .won : .lost
            default:
                problem("outcome", "\"\(outcome)\" is not an outcome (won or lost)")
                return nil
            }
        }
        if status == .pending, decided != nil { problem("decided", "a pending registration has no decision date") }
        if status != .pending, decided == nil { problem("decided", "a \(status.rawValue) registration needs the date it was decided") }
        return status
    }

    /// When a won or lost deal closed (required for those, refused for others).
    mutating func outcomeDate(status: Deal.Status, after earliest: Date) -> Date? {
        let closes = status == .won || status == .lost
        guard let date = time("outcome_date", required: closes) else { return nil }
        if !closes { problem("outcome_date", "only won or lost deals have an outcome date") }
        if date < earliest { problem("outcome_date", "the outcome comes before the decision") }
        return date
    }
}
