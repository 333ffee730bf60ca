import GRDB

extension AppDatabase {
    /// Named, append-only migrations. A shipped migration is never edited: add a new one (its
    /// SQL in the newest `AppDatabase+Migrations+…` file, registered here).
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-events-and-sink", migrate: v1EventsAndSink)
        migrator.registerMigration("v2-outbox", migrate: v2Outbox)
        migrator.registerMigration("v3-directory-and-deals", migrate: v3DirectoryAndDeals)
        migrator.registerMigration("v4-certifications", migrate: v4Certifications)
        migrator.registerMigration("v5-alerts", migrate: v5Alerts)
        migrator.registerMigration("v6-announcements", migrate: v6Announcements)
        migrator.registerMigration("v7-outbox-heads", migrate: v7OutboxHeads)
        migrator.registerMigration("v8-outbox-templates", migrate: v8OutboxTemplates)
        migrator.registerMigration("v9-deal-lookup-indexes", migrate: v9DealLookupIndexes)
        migrator.registerMigration("v10-outbox-indexes", migrate: v10OutboxIndexes)
        migrator.registerMigration("v11-alert-ledger-evaluated-at", migrate: v11AlertLedgerEvaluatedAt)
        migrator.registerMigration("v12-outbox-claimed-by", migrate: v12OutboxClaimedBy)
        migrator.registerMigration("v13-sink-message-out-of-production", migrate: v13SinkMessageOutOfProduction)
        migrator.registerMigration("v14-installations", migrate: v14Installations)
        migrator.registerMigration("v15-deal-notice-threads", migrate: v15DealNoticeThreads)
        migrator.registerMigration("v16-crm-sync", migrate: v16CRMSync)
        migrator.registerMigration("v17-crm-lookup-owner", migrate: v17CRMLookupOwner)
        migrator.registerMigration("v18-deal-reporting", migrate: v18DealReporting)
        migrator.registerMigration("v19-deal-import", migrate: v19DealImport)
        migrator.registerMigration("v20-tier-decisions", migrate: v20TierDecisions)
        migrator.registerMigration("v21-report-rollup", migrate: v21ReportRollup)
        migrator.registerMigration("v22-earnings", migrate: v22Earnings)
        migrator.registerMigration("v23-claims", migrate: v23Claims)
        migrator.registerMigration("v24-health-probe", migrate: v24HealthProbe)
        migrator.registerMigration("v25-outbox-retention", migrate: v25OutboxRetention)
        migrator.registerMigration("v26-open-deals-by-age", migrate: v26OpenDealsByAge)
        migrator.registerMigration("v27-deal-review-dispatch", migrate: v27DealReviewDispatch)
        migrator.registerMigration("v28-outbox-hold", migrate: v28OutboxHold)
        return migrator
    }
}
