import Foundation

extension Earning {
    public init(row: SQLRow) throws {
        self.init(
            id: row["id"], org: row["org"], source: row["source"], reference: row["reference"], amountMinor: row["amount_minor"],
            currency: row["currency"], state: row["state"], detail: row["detail"], paymentReference: row["payment_reference"],
            createdAt: row["created_at"])
    }
}
