import GRDB

extension AppDatabase {
    /// `v17-crm-lookup-owner`: which process is checking a registration against the CRM's open
    /// opportunities, so a check abandoned by a killed process is taken up again.
    static func v17CRMLookupOwner(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE crm_sync ADD COLUMN lookup_claimed_by TEXT")
    }
}
