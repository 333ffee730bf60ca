import GRDB

extension AppDatabase {
    /// `v19-deal-import`: the key an imported registration was imported under (the previous
    /// system's reference, or organisation, customer and submission time), so importing the same
    /// file again changes nothing.
    static func v19DealImport(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE deal ADD COLUMN import_key TEXT;
                CREATE UNIQUE INDEX deal_import_key ON deal(import_key) WHERE import_key IS NOT NULL;
                """)
    }
}
