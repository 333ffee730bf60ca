import Foundation

extension Claim {
    /// - Throws: `StorageError.corruptRow` for an unknown kind or state.
    public init(row: SQLRow) throws {
        self.init(
            id: row["id"], kind: try row.storedEnum("kind", table: "claim"), org: row["org"], announcementID: row["announcement_id"],
            dealID: row["deal_id"], amountMinor: row["amount_minor"], currency: row["currency"], activity: row["activity"],
            activityDate: row["activity_date"], budgetQuarter: row["budget_quarter"], proof: row["proof"], note: row["note"],
            state: try row.storedEnum("state", table: "claim"), reason: row["reason"], submittedBy: row["submitted_by"],
            decidedBy: row["decided_by"], createdAt: row["created_at"], updatedAt: row["updated_at"])
    }
}
